import { environmentBySlug } from "../../seed/catalog.js";
import { humanDuration } from "../../logs/task-log.js";
import { type Route } from "../router.js";
import { isoDate } from "../http.js";
import { type DeploymentRec, isCompleted } from "../model.js";
import { type OctopusStore, idNum } from "../store.js";
import { tenantProjectEnvironments } from "../render/catalog.js";

function item(store: OctopusStore, d: DeploymentRec, isPrevious: boolean) {
  const t = store.task(d.taskN);
  const pending = t?.pendingInterruptionN ? store.interruption(t.pendingInterruptionN) : undefined;
  return {
    Id: `Deployments-${d.n}`,
    ProjectId: `Projects-${d.projectN}`,
    EnvironmentId: `Environments-${d.envN}`,
    ReleaseId: `Releases-${d.releaseN}`,
    DeploymentId: `Deployments-${d.n}`,
    TaskId: `ServerTasks-${d.taskN}`,
    TenantId: d.tenantN ? `Tenants-${d.tenantN}` : null,
    ChannelId: `Channels-${d.channelN}`,
    ReleaseVersion: store.release(d.releaseN)?.version ?? "",
    Created: isoDate(d.created),
    QueueTime: isoDate(t?.queued ?? d.created),
    StartTime: isoDate(t?.started ?? null),
    CompletedTime: isoDate(t?.completed ?? null),
    State: t?.state ?? "Queued",
    HasPendingInterruptions: pending?.pending === true,
    PendingInterruptionTypes: pending?.pending ? [pending.type] : [],
    HasPendingPreconditions: false,
    PendingPreconditionTypes: [],
    HasWarningsOrErrors: t?.state === "Failed" || t?.state === "TimedOut",
    ErrorMessage: t?.errorMessage ?? "",
    Duration: t?.started != null ? humanDuration((t.completed ?? Date.now()) - t.started) : "",
    IsCurrent: !isPrevious,
    IsPrevious: isPrevious,
    IsCompleted: t ? isCompleted(t.state) : false,
    LastModifiedOn: isoDate(d.created),
    LastModifiedBy: "sandbox.admin",
    Links: {
      Self: `/api/Spaces-${d.spaceN}/deployments/Deployments-${d.n}`,
      Task: `/api/tasks/ServerTasks-${d.taskN}`,
    },
  };
}

/** `GET …/dashboard` (octopus-api.md §10.15): latest deployment per project × environment × tenant. */
export const dashboardRoutes: Route[] = [
  {
    method: "GET",
    path: "/dashboard",
    scope: "space",
    handler: (ctx) => {
      const store = ctx.store;
      const projectFilter = ctx.query.get("projectId")?.toLowerCase();
      const tenantFilter = new Set(ctx.query.list("selectedTenants").map((s) => s.toLowerCase()));
      const projects = store.projects.filter(
        (p) => p.spaceId === ctx.space.id && (!projectFilter || p.id.toLowerCase() === projectFilter),
      );
      const projectNs = new Set(projects.map((p) => idNum(p.id)));
      const latest = new Map<string, DeploymentRec>();
      const previous = new Map<string, DeploymentRec>();
      for (let i = store.deployments.length - 1; i >= 0; i--) {
        const d = store.deployments.at(i);
        if (!d || !projectNs.has(d.projectN)) continue;
        if (tenantFilter.size && !tenantFilter.has(`tenants-${d.tenantN}`)) continue;
        const key = `${d.projectN}/${d.envN}/${d.tenantN}`;
        const cur = latest.get(key);
        if (!cur) latest.set(key, d);
        else if (
          !previous.has(key) &&
          store.task(cur.taskN)?.state !== "Success" &&
          store.task(d.taskN)?.state === "Success"
        )
          previous.set(key, d);
      }
      const envs = store.environments.filter((e) => e.spaceId === ctx.space.id);
      return {
        json: {
          Id: null,
          Projects: projects.map((p) => ({
            Id: p.id,
            Name: p.name,
            Slug: p.slug,
            ProjectGroupId: p.projectGroupId,
            IsDisabled: false,
            EnvironmentIds: p.environmentSlugs.map((s) => environmentBySlug(p.spaceId, s)?.id ?? s),
            TenantedDeploymentMode: p.tenantedDeploymentMode,
            CanPerformUntenantedDeployment: p.tenantedDeploymentMode !== "Tenanted",
            LastModifiedOn: null,
            LastModifiedBy: null,
            Links: {},
          })),
          ProjectGroups: store.projectGroups
            .filter((g) => g.spaceId === ctx.space.id)
            .map((g) => ({
              Id: g.id,
              Name: g.name,
              EnvironmentIds: envs.map((e) => e.id),
              LastModifiedOn: null,
              LastModifiedBy: null,
              Links: {},
            })),
          Environments: envs.map((e) => ({
            Id: e.id,
            Name: e.name,
            LastModifiedOn: null,
            LastModifiedBy: null,
            Links: {},
          })),
          Tenants: store.tenants
            .filter((t) => t.spaceId === ctx.space.id)
            .map((t) => ({
              Id: t.id,
              Name: t.name,
              IsDisabled: false,
              ProjectEnvironments: tenantProjectEnvironments(t),
              TenantTags: t.tags,
              LastModifiedOn: null,
              LastModifiedBy: null,
              Links: {},
            })),
          Items: [...latest.values()]
            .sort((a, b) => a.projectN - b.projectN || a.envN - b.envN || a.tenantN - b.tenantN)
            .map((d) => item(store, d, false)),
          PreviousItems: [...previous.values()].map((d) => item(store, d, true)),
          ProjectLimit: 50,
          IsFiltered: Boolean(projectFilter) || tenantFilter.size > 0,
          LastModifiedOn: null,
          LastModifiedBy: null,
          Links: { Self: `/api/${ctx.space.id}/dashboard` },
        },
      };
    },
  },
];

import { type CatalogEnvironment, type CatalogProject, type CatalogTenant } from "../../seed/catalog.js";
import { Prng } from "../../prng.js";
import { type Route } from "../router.js";
import { type RouteContext, badRequest, isoDate, notFound } from "../http.js";
import { type DeploymentRec, type TaskRec } from "../model.js";
import { type OctopusStore, idNum } from "../store.js";
import { findEnvironment, findProject, findTenant } from "./lookup.js";

/**
 * Kubernetes / Argo CD live status (octopus-api.md §12): derived from the deployment history, so a deployment
 * made through the API changes it (Progressing while it runs, Healthy with the new version after success,
 * Degraded after a Helm or health-check failure). Argo CD projects report `SourceType: ArgoCDApplication`
 * with the application named `<project>-[<tenant>-]<environment>` (as on the Argo CD side).
 */

interface Health {
  health: "Healthy" | "Progressing" | "Degraded" | "Unknown";
  sync: "InSync" | "OutOfSync" | "Unknown";
  message: string | null;
}

function latest(
  store: OctopusStore,
  p: CatalogProject,
  env: CatalogEnvironment,
  tenant: CatalogTenant | undefined,
): { current?: DeploymentRec; last?: DeploymentRec; lastTask?: TaskRec } {
  const pn = idNum(p.id);
  const en = idNum(env.id);
  const tn = tenant ? idNum(tenant.id) : 0;
  let current: DeploymentRec | undefined;
  let last: DeploymentRec | undefined;
  for (let i = store.deployments.length - 1; i >= 0 && !current; i--) {
    const d = store.deployments.at(i);
    if (!d || d.projectN !== pn || d.envN !== en || d.tenantN !== tn) continue;
    last ??= d;
    if (store.task(d.taskN)?.state === "Success") current = d;
  }
  const lastTask = last ? store.task(last.taskN) : undefined;
  return { ...(current ? { current } : {}), ...(last ? { last } : {}), ...(lastTask ? { lastTask } : {}) };
}

function healthOf(task: TaskRec | undefined, argo: boolean): Health {
  if (!task || task.state === "Success" || task.state === "Canceled" || task.state === "TimedOut")
    return { health: "Healthy", sync: "InSync", message: null };
  if (task.state !== "Failed")
    return { health: "Progressing", sync: argo ? "OutOfSync" : "InSync", message: "Deployment in progress" };
  switch (task.failure) {
    case "helm-timeout":
      return { health: "Degraded", sync: "OutOfSync", message: "Back-off restarting failed container" };
    case "health-check":
      return {
        health: "Degraded",
        sync: "InSync",
        message: "Readiness probe failed: HTTP probe failed with statuscode: 503",
      };
    case "argo-sync-timeout":
      return { health: "Degraded", sync: "InSync", message: "ImagePullBackOff: manifest unknown" };
    default:
      return { health: "Healthy", sync: "InSync", message: null };
  }
}

function guid(rng: Prng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function build(
  ctx: RouteContext,
  p: CatalogProject,
  env: CatalogEnvironment,
  tenant: CatalogTenant | undefined,
) {
  const store = ctx.store;
  const now = isoDate(Date.now());
  if (p.style === "tentacle") {
    return {
      MachineStatuses: [],
      Summary: {
        Status: "NotSupported",
        HealthStatus: "Unknown",
        SyncStatus: "Unknown",
        SyncStatusMessage: null,
        LastUpdated: now,
        TotalOrphanCount: 0,
      },
    };
  }
  const { current, lastTask } = latest(store, p, env, tenant);
  if (!current) {
    return {
      MachineStatuses: [],
      Summary: {
        Status: "Unknown",
        HealthStatus: "Unknown",
        SyncStatus: "Unknown",
        SyncStatusMessage: "Nothing has been deployed here yet",
        LastUpdated: now,
        TotalOrphanCount: 0,
      },
    };
  }
  const argo = p.style === "argocd";
  const h = healthOf(lastTask, argo);
  const version = store.release(current.releaseN)?.version ?? "";
  const app = `${p.slug}-${tenant ? tenant.slug + "-" : ""}${env.slug}`;
  const machine = store.machines.find(
    (m) => m.envNs.includes(idNum(env.id)) && m.roles.includes("k8s") && !m.disabled,
  );
  const machineId = argo ? "ArgoCDInstances-1" : machine ? `Machines-${machine.n}` : "Machines-0";
  const sourceType = argo ? "ArgoCDApplication" : "KubernetesMonitor";
  const sourceId = argo ? app : `KubernetesMonitors-${idNum(p.id)}-${idNum(env.id)}`;
  const ns = tenant ? `${p.namespace}-${tenant.slug}` : p.namespace;
  const rng = Prng.derive(store.seed, current.n, 77);
  const updated = isoDate(store.task(current.taskN)?.completed ?? current.created);
  const res = (
    kind: string,
    group: string,
    name: string,
    health: Health["health"],
    message: string | null,
    children: unknown[] = [],
  ) => ({
    Name: name,
    Namespace: ns,
    Kind: kind,
    Group: group,
    HealthStatus: health,
    SyncStatus: h.sync,
    HealthStatusMessage: message,
    SyncStatusMessage: h.sync === "OutOfSync" ? "Live manifest differs from the desired manifest" : null,
    MachineId: machineId,
    ResourceSourceId: sourceId,
    SourceType: sourceType,
    DesiredResourceId: guid(rng),
    ResourceId: guid(rng),
    LastUpdated: updated,
    Children: children,
  });
  const resources = p.images.flatMap((image) => {
    const name = image.split("/").pop() ?? p.slug;
    const rs = `${name}-${rng.hex(10)}`;
    const pods = Array.from({ length: env.slug.includes("prod") ? 3 : 2 }, () =>
      res(
        "Pod",
        "",
        `${rs}-${rng.hex(5)}`,
        h.health === "Degraded" ? "Degraded" : h.health,
        h.health === "Degraded" ? h.message : null,
      ),
    );
    return [
      res(
        "Deployment",
        "apps",
        name,
        h.health,
        h.message ?? `${pods.length}/${pods.length} replicas ready, image ${image}:${version}`,
        [res("ReplicaSet", "apps", rs, h.health, null, pods)],
      ),
    ];
  });
  resources.push(
    res("Service", "", p.slug, "Healthy", null),
    res("ConfigMap", "", `${p.slug}-config`, "Healthy", null),
    res("Ingress", "networking.k8s.io", p.slug, "Healthy", null),
  );
  const summaryOnly = ctx.query.bool("summaryOnly") === true;
  return {
    MachineStatuses: summaryOnly ? [] : [{ MachineId: machineId, Status: h.health, Resources: resources }],
    Summary: {
      Status: h.health,
      HealthStatus: h.health,
      SyncStatus: h.sync,
      SyncStatusMessage:
        h.sync === "OutOfSync"
          ? argo
            ? `Application ${app} is OutOfSync with revision HEAD`
            : "Desired and live manifests differ"
          : null,
      LastUpdated: updated,
      TotalOrphanCount: 0,
    },
  };
}

function resolve(ctx: RouteContext): { p: CatalogProject; env: CatalogEnvironment } {
  const p = findProject(ctx, ctx.params.projectId ?? "");
  const env = findEnvironment(ctx, ctx.params.environmentId ?? "");
  if (!p.environmentSlugs.includes(env.slug) || p.spaceId !== env.spaceId) {
    throw notFound("Live status", `${p.id}/${env.id}`);
  }
  return { p, env };
}

export const liveStatusRoutes: Route[] = [
  {
    method: "GET",
    path: "/projects/:projectId/environments/:environmentId/untenanted/livestatus",
    scope: "space",
    handler: (ctx) => {
      const { p, env } = resolve(ctx);
      if (p.tenantedDeploymentMode === "Tenanted")
        throw badRequest(`Project '${p.name}' is tenanted: use …/tenants/{tenantId}/livestatus.`);
      return { json: build(ctx, p, env, undefined) };
    },
  },
  {
    method: "GET",
    path: "/projects/:projectId/environments/:environmentId/tenants/:tenantId/livestatus",
    scope: "space",
    handler: (ctx) => {
      const { p, env } = resolve(ctx);
      const tenant = findTenant(ctx, ctx.params.tenantId ?? "");
      if (!p.tenantSlugs.includes(tenant.slug))
        throw notFound("Live status", `${p.id}/${env.id}/${tenant.id}`);
      return { json: build(ctx, p, env, tenant) };
    },
  },
];

import { type Route } from "../router.js";
import { collection } from "../http.js";
import { renderDeployment, renderRunbookRun } from "../render/executions.js";
import { type DeploymentRec, type RunbookRunRec } from "../model.js";
import { type RouteContext } from "../http.js";
import { filterIds, findById } from "./lookup.js";

/** Common execution filters: projects, environments, tenants, channels/runbooks, taskState (comma-joined). */
function executionFilter<T extends DeploymentRec | RunbookRunRec>(
  ctx: RouteContext,
  items: readonly T[],
  extra: (t: T, set: Set<string>) => boolean,
  extraName: string,
): T[] {
  const q = ctx.query;
  const set = (name: string) => new Set(q.list(name).map((s) => s.toLowerCase()));
  const projects = set("projects");
  const envs = set("environments");
  const tenants = set("tenants");
  const extraSet = set(extraName);
  const states = set("taskState");
  return items.filter((d) => {
    if (projects.size && !projects.has(`projects-${d.projectN}`)) return false;
    if (envs.size && !envs.has(`environments-${d.envN}`)) return false;
    if (tenants.size && !tenants.has(`tenants-${d.tenantN}`)) return false;
    if (extraSet.size && !extra(d, extraSet)) return false;
    if (states.size) {
      const t = ctx.store.task(d.taskN);
      if (!t || !states.has(t.state.toLowerCase())) return false;
    }
    return true;
  });
}

/** Deployments and runbook runs, newest first (octopus-api.md §10.5, §10.12). */
export const deploymentRoutes: Route[] = [
  {
    method: "GET",
    path: "/deployments",
    scope: "space",
    handler: (ctx) => {
      const all = filterIds(ctx, ctx.store.deployments, (d) => `Deployments-${d.n}`).filter(
        (d) => d.spaceN === ctx.spaceN,
      );
      const items = executionFilter(
        ctx,
        all,
        (d, s) => s.has(`channels-${d.channelN}`),
        "channels",
      ).reverse();
      return collection(ctx, "Deployment", items, (d) => renderDeployment(ctx.store, d));
    },
  },
  {
    method: "GET",
    path: "/deployments/:id",
    scope: "space",
    handler: (ctx) => ({
      json: renderDeployment(
        ctx.store,
        findById(ctx, ctx.params.id ?? "", "Deployments", "Deployment", (n) => ctx.store.deployment(n)),
      ),
    }),
  },
  {
    method: "GET",
    path: "/runbookRuns",
    scope: "space",
    handler: (ctx) => {
      const all = filterIds(ctx, ctx.store.runbookRuns, (r) => `RunbookRuns-${r.n}`).filter(
        (r) => r.spaceN === ctx.spaceN,
      );
      const items = executionFilter(
        ctx,
        all,
        (r, s) => s.has(`runbooks-${r.runbookN}`),
        "runbooks",
      ).reverse();
      return collection(ctx, "RunbookRun", items, (r) => renderRunbookRun(ctx.store, r));
    },
  },
  {
    method: "GET",
    path: "/runbookRuns/:id",
    scope: "space",
    handler: (ctx) => ({
      json: renderRunbookRun(
        ctx.store,
        findById(ctx, ctx.params.id ?? "", "RunbookRuns", "RunbookRun", (n) => ctx.store.runbookRun(n)),
      ),
    }),
  },
];

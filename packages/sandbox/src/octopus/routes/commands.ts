import { type CatalogEnvironment, type CatalogProject, type CatalogTenant } from "../../seed/catalog.js";
import { stepsForEnvironment } from "../../seed/processes.js";
import { FAILURE_STEP } from "../../seed/history.js";
import { type ExecutionRequest, type TaskExecutor } from "../executor.js";
import { type BodyParams, type RouteContext, badRequest } from "../http.js";
import { FAILURE_KINDS, type FailureKind, type ReleaseRec } from "../model.js";
import { renderDeployment } from "../render/executions.js";
import { type Route } from "../router.js";
import { idNum } from "../store.js";
import { findById, findEnvironment, findProject } from "./lookup.js";

/** Largest log a caller may ask a failing sandbox deployment to write (`Sandbox.LogBytes`). */
const MAX_LOG_BYTES = 50_000_000;

function projectByName(ctx: RouteContext, body: BodyParams): CatalogProject {
  return findProject(ctx, body.required("ProjectName"));
}

/**
 * Failure injection for tests and demos: prompted variables `Sandbox.Failure` (one of FAILURE_KINDS) and
 * `Sandbox.LogBytes` (verbose output before the error, bytes). The step the failure needs must be in the process.
 */
function injected(
  body: BodyParams,
  project: CatalogProject,
  env: CatalogEnvironment,
): { failure: FailureKind | null; bigLogBytes: number } {
  const vars = Object.fromEntries(
    Object.entries(body.record("Variables")).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const raw = vars["sandbox.failure"];
  if (raw === undefined || raw === "") return { failure: null, bigLogBytes: 0 };
  const failure = FAILURE_KINDS.find((f) => f === raw);
  if (!failure)
    throw badRequest(`Variable 'Sandbox.Failure' must be one of ${FAILURE_KINDS.join(", ")}; got '${raw}'.`);
  if (!stepsForEnvironment(project, env.slug).some((s) => s.kind === FAILURE_STEP[failure])) {
    throw badRequest(`Project '${project.name}' has no step in ${env.name} that can fail with '${failure}'.`);
  }
  const bytes = Number(vars["sandbox.logbytes"] ?? 0);
  if (!Number.isInteger(bytes) || bytes < 0 || bytes > MAX_LOG_BYTES)
    throw badRequest(`Variable 'Sandbox.LogBytes' must be an integer from 0 to ${MAX_LOG_BYTES}.`);
  return { failure, bigLogBytes: bytes };
}

function checkLifecycle(project: CatalogProject, env: CatalogEnvironment): void {
  if (!project.environmentSlugs.includes(env.slug)) {
    throw badRequest(
      `The lifecycle of project '${project.name}' does not include the environment '${env.name}'; it deploys to: ${project.environmentSlugs.join(", ")}.`,
    );
  }
}

function findRelease(ctx: RouteContext, project: CatalogProject, version: string): ReleaseRec {
  const r = ctx.store.releases.find((x) => x.projectN === idNum(project.id) && x.version === version);
  if (!r) throw badRequest(`Release '${version}' of project '${project.name}' could not be found.`);
  return r;
}

function baseRequest(
  body: BodyParams,
  project: CatalogProject,
  env: CatalogEnvironment,
  tenant: CatalogTenant | undefined,
): ExecutionRequest {
  return {
    project,
    environment: env,
    tenant,
    userN: 1,
    comments: body.str("Comments") ?? "",
    useGuidedFailure: body.bool("UseGuidedFailure"),
    ...injected(body, project, env),
  };
}

/** Tenants named by `Tenants` (names, slugs or IDs; "*" = all) and/or `TenantTags`, connected to project and environment. */
function selectTenants(
  ctx: RouteContext,
  body: BodyParams,
  project: CatalogProject,
  env: CatalogEnvironment,
): CatalogTenant[] {
  const names = body.strList("Tenants").map((s) => s.toLowerCase());
  const tags = body.strList("TenantTags").map((s) => s.toLowerCase());
  const connected = ctx.store.tenants.filter(
    (t) => project.tenantSlugs.includes(t.slug) && project.environmentSlugs.includes(env.slug),
  );
  const picked = connected.filter(
    (t) =>
      names.includes("*") ||
      names.some((n) => n === t.name.toLowerCase() || n === t.slug || n === t.id.toLowerCase()) ||
      t.tags.some((tag) => tags.includes(tag.toLowerCase())),
  );
  for (const n of names) {
    if (n === "*") continue;
    if (!connected.some((t) => n === t.name.toLowerCase() || n === t.slug || n === t.id.toLowerCase())) {
      throw badRequest(
        `Tenant '${n}' is not connected to project '${project.name}' in environment '${env.name}'.`,
      );
    }
  }
  return picked;
}

function nextVersion(ctx: RouteContext, project: CatalogProject): string {
  const latest = ctx.store.projectReleases(idNum(project.id))[0]?.version ?? "0.0.0";
  const parts = latest.split(/[.-]/).map((x) => Number(x));
  const [a = 0, b = 0, c = 0] = parts.map((x) => (Number.isFinite(x) ? x : 0));
  return `${a}.${b}.${c + 1}`;
}

/** One entry of the Executions API's `DeploymentServerTasks` answer (octopus-api.md §11). */
function deploymentServerTask(d: { readonly n: number; readonly taskN: number }) {
  return { DeploymentId: `Deployments-${d.n}`, ServerTaskId: `ServerTasks-${d.taskN}` };
}

/** The Executions API (octopus-api.md §11) and the legacy `POST …/deployments`. */
export function commandRoutes(executor: () => TaskExecutor): Route[] {
  return [
    {
      method: "POST",
      path: "/releases/create/v1",
      scope: "space",
      handler: (ctx) => {
        const project = projectByName(ctx, ctx.body);
        const version = ctx.body.str("ReleaseVersion") || nextVersion(ctx, project);
        const channelName = ctx.body.str("ChannelName");
        const channels = ctx.store.channels.filter((c) => c.projectN === idNum(project.id));
        const channel = channelName
          ? channels.find((c) => c.name.toLowerCase() === channelName.toLowerCase())
          : channels.find((c) => c.isDefault);
        if (!channel)
          throw badRequest(`Channel '${channelName ?? ""}' could not be found in project '${project.name}'.`);
        const existing = ctx.store.releases.find(
          (r) => r.projectN === idNum(project.id) && r.version === version,
        );
        if (existing) {
          if (ctx.body.bool("IgnoreIfAlreadyExists"))
            return {
              status: 201,
              json: { ReleaseId: `Releases-${existing.n}`, ReleaseVersion: existing.version },
            };
          throw badRequest(
            `A release with the version '${version}' already exists for project '${project.name}'.`,
          );
        }
        const rel: ReleaseRec = {
          n: ctx.store.nextN(ctx.store.releases),
          spaceN: idNum(project.spaceId),
          projectN: idNum(project.id),
          channelN: channel.n,
          index: -1,
          version,
          assembled: Date.now(),
          notes: ctx.body.str("ReleaseNotes") ?? "",
        };
        ctx.store.addRelease(rel);
        ctx.store.addEvent({
          spaceN: rel.spaceN,
          category: "ReleaseCreated",
          occurred: rel.assembled,
          userN: 1,
          refKind: "Releases",
          refN: rel.n,
        });
        return { status: 201, json: { ReleaseId: `Releases-${rel.n}`, ReleaseVersion: rel.version } };
      },
    },
    {
      method: "POST",
      path: "/deployments/create/untenanted/v1",
      scope: "space",
      handler: (ctx) => {
        const project = projectByName(ctx, ctx.body);
        if (project.tenantedDeploymentMode === "Tenanted")
          throw badRequest(`Project '${project.name}' is tenanted; use deployments/create/tenanted/v1.`);
        const release = findRelease(ctx, project, ctx.body.required("ReleaseVersion"));
        const envs = ctx.body.strList("EnvironmentNames").map((n) => findEnvironment(ctx, n));
        for (const e of envs) checkLifecycle(project, e);
        const out = envs.map((env) =>
          executor().deploy(release, baseRequest(ctx.body, project, env, undefined)),
        );
        return { json: { DeploymentServerTasks: out.map(deploymentServerTask) } };
      },
    },
    {
      method: "POST",
      path: "/deployments/create/tenanted/v1",
      scope: "space",
      handler: (ctx) => {
        const project = projectByName(ctx, ctx.body);
        if (project.tenantedDeploymentMode === "Untenanted")
          throw badRequest(
            `Project '${project.name}' is not tenanted; use deployments/create/untenanted/v1.`,
          );
        const release = findRelease(ctx, project, ctx.body.required("ReleaseVersion"));
        const env = findEnvironment(ctx, ctx.body.required("EnvironmentName"));
        checkLifecycle(project, env);
        const out = selectTenants(ctx, ctx.body, project, env).map((t) =>
          executor().deploy(release, baseRequest(ctx.body, project, env, t)),
        );
        return { json: { DeploymentServerTasks: out.map(deploymentServerTask) } };
      },
    },
    {
      method: "POST",
      path: "/runbook-runs/create/v1",
      scope: "space",
      handler: (ctx) => {
        const project = projectByName(ctx, ctx.body);
        const name = ctx.body.required("RunbookName");
        const runbook = ctx.store.runbooks.find(
          (r) =>
            r.projectN === idNum(project.id) &&
            (r.name.toLowerCase() === name.toLowerCase() || r.slug === name.toLowerCase()),
        );
        if (!runbook) throw badRequest(`Runbook '${name}' could not be found in project '${project.name}'.`);
        const envs = ctx.body.strList("EnvironmentNames").map((n) => findEnvironment(ctx, n));
        const runs = envs.flatMap((env) => {
          checkLifecycle(project, env);
          const tenants =
            project.tenantedDeploymentMode === "Untenanted" ? [] : selectTenants(ctx, ctx.body, project, env);
          if (tenants.length === 0) {
            if (project.tenantedDeploymentMode === "Tenanted")
              throw badRequest(`Project '${project.name}' is tenanted: name Tenants or TenantTags.`);
            return [executor().runRunbook(runbook, baseRequest(ctx.body, project, env, undefined))];
          }
          return tenants.map((t) => executor().runRunbook(runbook, baseRequest(ctx.body, project, env, t)));
        });
        return {
          json: {
            RunbookRunServerTasks: runs.map((r) => ({
              RunbookRunId: `RunbookRuns-${r.n}`,
              ServerTaskId: `ServerTasks-${r.taskN}`,
            })),
          },
        };
      },
    },
    {
      method: "POST",
      path: "/deployments",
      scope: "space",
      handler: (ctx) => {
        const release = findById(ctx, ctx.body.required("ReleaseId"), "Releases", "Release", (n) =>
          ctx.store.release(n),
        );
        const project = ctx.store.project(release.projectN);
        const env = findEnvironment(ctx, ctx.body.required("EnvironmentId"));
        if (!project) throw badRequest(`The project of release 'Releases-${release.n}' no longer exists.`);
        checkLifecycle(project, env);
        const tenantId = ctx.body.str("TenantId");
        const tenant = tenantId
          ? ctx.store.tenants.find((t) => t.id.toLowerCase() === tenantId.toLowerCase())
          : undefined;
        if (tenantId && !tenant) throw badRequest(`Tenant '${tenantId}' could not be found.`);
        if (project.tenantedDeploymentMode === "Tenanted" && !tenant)
          throw badRequest(`Project '${project.name}' is tenanted: TenantId is required.`);
        const d = executor().deploy(release, baseRequest(ctx.body, project, env, tenant));
        return { status: 201, json: renderDeployment(ctx.store, d) };
      },
    },
  ];
}

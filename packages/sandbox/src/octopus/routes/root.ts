import { type Route } from "../router.js";
import { collection, matchesPartial, notFound } from "../http.js";
import { renderSpace, renderUser } from "../render/catalog.js";
import { filterIds } from "./lookup.js";

/** Version reported by `GET /api`: semver >= 2022.3.5512 so every api-client/MCP feature gate is open (octopus-api.md §2). */
export const SANDBOX_OCTOPUS_VERSION = "2026.2.4000";
export const INSTALLATION_ID = "5a1c7d6e-0c3b-4b7a-9f00-5a4db0c70000";

const S = "/api/Spaces-1";
const ROOT_LINKS: Record<string, string> = {
  Self: "/api",
  Spaces: "/api/spaces{/id}{?name,skip,ids,take,partialName}",
  SpaceHome: "/api/{spaceId}",
  CurrentUser: "/api/users/me",
  Users: "/api/users{/id}{?skip,take,ids,filter}",
  Tasks:
    "/api/tasks{/id}{?skip,active,environment,tenant,project,name,node,running,states,hasPendingInterruptions,hasWarningsOrErrors,take,ids,partialName,spaces,includeSystem}",
  Projects: `${S}/projects{/id}{?name,skip,ids,clone,take,partialName,clonedFromProjectId}`,
  ProjectGroups: `${S}/projectgroups{/id}{?skip,take,ids,partialName}`,
  Environments: `${S}/environments{/id}{?name,skip,ids,take,partialName}`,
  Lifecycles: `${S}/lifecycles{/id}{?skip,take,ids,partialName}`,
  Channels: `${S}/channels{/id}{?skip,take,partialName}`,
  Tenants: `${S}/tenants{/id}{?skip,projectId,name,tags,take,ids,clone,partialName,clonedFromTenantId}`,
  TagSets: `${S}/tagsets{/id}{?skip,take,ids,partialName}`,
  Machines: `${S}/machines{/id}{?skip,take,name,ids,partialName,roles,isDisabled,healthStatuses,commStyles,tenantIds,tenantTags,environmentIds,thumbprint,deploymentId}`,
  Releases: `${S}/releases{/id}{?skip,take,ids}`,
  Deployments: `${S}/deployments{/id}{?skip,take,ids,projects,environments,tenants,channels,taskState,partialName}`,
  Interruptions: `${S}/interruptions{/id}{?skip,take,regarding,pendingOnly,ids}`,
  Runbooks: `${S}/runbooks{/id}{?skip,take,ids,partialName,clone,projectIds}`,
  RunbookRuns: `${S}/runbookRuns{/id}{?skip,take,ids,projects,environments,tenants,runbooks,taskState,partialName}`,
  Dashboard: `${S}/dashboard{?projectId,releaseId,selectedTenants,selectedTags,showAll,highestLatestVersionPerProjectAndEnvironment}`,
  Events: `${S}/events{/id}{?skip,regarding,regardingAny,user,users,projects,projectGroups,environments,eventGroups,eventCategories,eventAgents,tenants,tags,fromAutoId,toAutoId,documentTypes,from,to,take,ids,spaces,includeSystem,excludeDifference}`,
  DeploymentProcesses: `${S}/deploymentprocesses{/id}{?skip,take,ids}`,
  Variables: `${S}/variables{/id}{?ids}`,
  CreateReleaseCommandV1: `${S}/releases/create/v1`,
  CreateDeploymentUntenantedCommandV1: `${S}/deployments/create/untenanted/v1`,
  CreateDeploymentTenantedCommandV1: `${S}/deployments/create/tenanted/v1`,
  CreateRunbookRunCommandV1: `${S}/runbook-runs/create/v1`,
};

export const rootRoutes: Route[] = [
  {
    method: "GET",
    path: "/",
    scope: "global",
    handler: () => ({
      json: {
        Id: null,
        Application: "Octopus Deploy",
        Version: SANDBOX_OCTOPUS_VERSION,
        ApiVersion: "3.0.0",
        InstallationId: INSTALLATION_ID,
        IsEarlyAccessProgram: false,
        HasLongTermSupport: false,
        LastModifiedOn: null,
        LastModifiedBy: null,
        Links: ROOT_LINKS,
      },
    }),
  },
  {
    method: "GET",
    path: "/users/me",
    scope: "global",
    handler: (ctx) => {
      const u = ctx.store.user(1);
      if (!u) throw notFound("User", "Users-1");
      return { json: renderUser(u) };
    },
  },
  {
    method: "GET",
    path: "/users/:id",
    scope: "global",
    handler: (ctx) => {
      const u = ctx.store.users.find((x) => `users-${x.n}` === (ctx.params.id ?? "").toLowerCase());
      if (!u) throw notFound("User", ctx.params.id ?? "");
      return { json: renderUser(u) };
    },
  },
  {
    method: "GET",
    path: "/users",
    scope: "global",
    handler: (ctx) =>
      collection(
        ctx,
        "User",
        filterIds(ctx, ctx.store.users, (u) => `Users-${u.n}`),
        renderUser,
      ),
  },
  {
    method: "GET",
    path: "/spaces",
    scope: "global",
    handler: (ctx) => {
      const name = ctx.query.get("name");
      const items = filterIds(ctx, ctx.store.spaces, (s) => s.id).filter(
        (s) =>
          matchesPartial(s.name, ctx.query.get("partialName")) &&
          (name === undefined || s.name.toLowerCase() === name.toLowerCase()),
      );
      return collection(ctx, "Space", items, renderSpace);
    },
  },
  {
    method: "GET",
    path: "/spaces/:id",
    scope: "global",
    handler: (ctx) => {
      const key = (ctx.params.id ?? "").toLowerCase();
      const s = ctx.store.spaces.find(
        (x) => x.id.toLowerCase() === key || x.slug === key || x.name.toLowerCase() === key,
      );
      if (!s) throw notFound("Space", ctx.params.id ?? "");
      return { json: renderSpace(s) };
    },
  },
  {
    method: "GET",
    path: "/capabilities",
    scope: "global",
    handler: () => ({ json: { Capabilities: ["Sandbox", "KubernetesLiveStatus", "ArgoCD"] } }),
  },
  { method: "GET", path: "/serverstatus/extensions", scope: "global", handler: () => ({ json: [] }) },
  {
    method: "GET",
    path: "/",
    scope: "space",
    handler: (ctx) => ({
      json: {
        Id: ctx.space.id,
        LastModifiedOn: null,
        LastModifiedBy: null,
        Links: Object.fromEntries(
          Object.entries(ROOT_LINKS).map(([k, v]) => [k, v.replace("/api/Spaces-1", `/api/${ctx.space.id}`)]),
        ),
      },
    }),
  },
];

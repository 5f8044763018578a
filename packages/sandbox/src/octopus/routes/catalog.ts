import { type Route } from "../router.js";
import { collection, matchesPartial, notFound } from "../http.js";
import {
  renderChannel,
  renderEnvironment,
  renderLifecycle,
  renderMachine,
  renderProject,
  renderProjectGroup,
  renderRunbook,
  renderTagSet,
  renderTenant,
} from "../render/catalog.js";
import { renderDeploymentProcess, renderVariableSet } from "../render/process.js";
import { LIBRARY_SET_ID, renderLibraryVariableSet, renderLibraryVariables } from "../render/library.js";
import { idNum } from "../store.js";
import { environmentBySlug } from "../../seed/catalog.js";
import { filterIds, findById, findEnvironment, findProject, findTenant, inSpace } from "./lookup.js";

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
const partial = (name: string, q: string | undefined) => matchesPartial(name, q);

/** Projects, project groups, environments, lifecycles, channels, tag sets, deployment processes and variables. */
export const catalogRoutes: Route[] = [
  {
    method: "GET",
    path: "/projects",
    scope: "space",
    handler: (ctx) => {
      const name = ctx.query.get("name");
      const items = filterIds(
        ctx,
        ctx.store.projects.filter((p) => p.spaceId === ctx.space.id),
        (p) => p.id,
      )
        .filter(
          (p) =>
            partial(p.name, ctx.query.get("partialName")) &&
            (name === undefined || p.name.toLowerCase() === name.toLowerCase()),
        )
        .slice()
        .sort(byName);
      return collection(ctx, "Project", items, renderProject);
    },
  },
  {
    method: "GET",
    path: "/projects/:id",
    scope: "space",
    handler: (ctx) => ({ json: renderProject(findProject(ctx, ctx.params.id ?? "")) }),
  },
  {
    method: "GET",
    path: "/projectgroups",
    scope: "space",
    handler: (ctx) => {
      const items = filterIds(
        ctx,
        ctx.store.projectGroups.filter((g) => g.spaceId === ctx.space.id),
        (g) => g.id,
      ).filter((g) => partial(g.name, ctx.query.get("partialName")));
      return collection(ctx, "ProjectGroup", items, renderProjectGroup);
    },
  },
  {
    method: "GET",
    path: "/projectgroups/:id",
    scope: "space",
    handler: (ctx) => {
      const g = ctx.store.projectGroups.find(
        (x) => x.id.toLowerCase() === (ctx.params.id ?? "").toLowerCase() && inSpace(ctx, idNum(x.spaceId)),
      );
      if (!g) throw notFound("ProjectGroup", ctx.params.id ?? "");
      return { json: renderProjectGroup(g) };
    },
  },
  {
    method: "GET",
    path: "/projectgroups/:id/projects",
    scope: "space",
    handler: (ctx) => {
      const items = ctx.store.projects
        .filter((p) => p.projectGroupId.toLowerCase() === (ctx.params.id ?? "").toLowerCase())
        .slice()
        .sort(byName);
      return collection(ctx, "Project", items, renderProject);
    },
  },
  {
    method: "GET",
    path: "/environments",
    scope: "space",
    handler: (ctx) => {
      const name = ctx.query.get("name");
      const items = filterIds(
        ctx,
        ctx.store.environments.filter((e) => e.spaceId === ctx.space.id),
        (e) => e.id,
      ).filter(
        (e) =>
          partial(e.name, ctx.query.get("partialName")) &&
          (name === undefined || e.name.toLowerCase() === name.toLowerCase()),
      );
      return collection(ctx, "Environment", items, renderEnvironment, 10);
    },
  },
  {
    method: "GET",
    path: "/environments/:id",
    scope: "space",
    handler: (ctx) => ({ json: renderEnvironment(findEnvironment(ctx, ctx.params.id ?? "")) }),
  },
  {
    method: "GET",
    path: "/environments/:id/machines",
    scope: "space",
    handler: (ctx) => {
      const env = findEnvironment(ctx, ctx.params.id ?? "");
      return collection(
        ctx,
        "Machine",
        ctx.store.machines.filter((m) => m.envNs.includes(idNum(env.id))),
        renderMachine,
      );
    },
  },
  {
    method: "GET",
    path: "/lifecycles",
    scope: "space",
    handler: (ctx) => {
      const items = filterIds(
        ctx,
        ctx.store.lifecycles.filter((l) => l.spaceId === ctx.space.id),
        (l) => l.id,
      ).filter((l) => partial(l.name, ctx.query.get("partialName")));
      return collection(ctx, "Lifecycle", items, renderLifecycle);
    },
  },
  {
    method: "GET",
    path: "/lifecycles/:id",
    scope: "space",
    handler: (ctx) => {
      const l = ctx.store.lifecycles.find(
        (x) => x.id.toLowerCase() === (ctx.params.id ?? "").toLowerCase() && inSpace(ctx, idNum(x.spaceId)),
      );
      if (!l) throw notFound("Lifecycle", ctx.params.id ?? "");
      return { json: renderLifecycle(l) };
    },
  },
  {
    method: "GET",
    path: "/channels",
    scope: "space",
    handler: (ctx) => {
      const items = filterIds(
        ctx,
        ctx.store.channels.filter((c) => c.spaceN === ctx.spaceN),
        (c) => `Channels-${c.n}`,
      ).filter((c) => partial(c.name, ctx.query.get("partialName")));
      return collection(ctx, "Channel", items, renderChannel);
    },
  },
  {
    method: "GET",
    path: "/channels/:id",
    scope: "space",
    handler: (ctx) => ({
      json: renderChannel(
        findById(ctx, ctx.params.id ?? "", "Channels", "Channel", (n) => ctx.store.channel(n)),
      ),
    }),
  },
  {
    method: "GET",
    path: "/projects/:id/channels",
    scope: "space",
    handler: (ctx) => {
      const p = findProject(ctx, ctx.params.id ?? "");
      return collection(
        ctx,
        "Channel",
        ctx.store.channels.filter(
          (c) => c.projectN === idNum(p.id) && partial(c.name, ctx.query.get("partialName")),
        ),
        renderChannel,
      );
    },
  },
  {
    method: "GET",
    path: "/tenants",
    scope: "space",
    handler: (ctx) => {
      const projectId = ctx.query.get("projectId");
      const tags = ctx.query.list("tags");
      const name = ctx.query.get("name");
      const items = filterIds(
        ctx,
        ctx.store.tenants.filter((t) => t.spaceId === ctx.space.id),
        (t) => t.id,
      )
        .filter(
          (t) =>
            partial(t.name, ctx.query.get("partialName")) &&
            (name === undefined || t.name.toLowerCase() === name.toLowerCase()),
        )
        .filter(
          (t) =>
            !projectId ||
            ctx.store.projects.some(
              (p) => p.id.toLowerCase() === projectId.toLowerCase() && p.tenantSlugs.includes(t.slug),
            ),
        )
        .filter((t) => tags.every((tag) => t.tags.some((x) => x.toLowerCase() === tag.toLowerCase())))
        .slice()
        .sort(byName);
      return collection(ctx, "Tenant", items, renderTenant);
    },
  },
  {
    method: "GET",
    path: "/tenants/variables-missing",
    scope: "space",
    handler: (ctx) => {
      const projectId = ctx.query.get("projectId");
      const tenants = ctx.store.tenants.filter(
        (t) =>
          t.spaceId === ctx.space.id &&
          (!ctx.query.get("tenantId") || t.id.toLowerCase() === ctx.query.get("tenantId")?.toLowerCase()),
      );
      // Stark Industries has not filled in its portal branding yet: something for the MCP tool to find.
      return {
        json: tenants.map((t) => ({
          TenantId: t.id,
          MissingVariables:
            t.slug === "stark-industries" && (!projectId || projectId === "Projects-10")
              ? [
                  {
                    ProjectId: "Projects-10",
                    EnvironmentId: null,
                    LibraryVariableSetId: null,
                    VariableTemplateName: "Portal.BrandColour",
                    VariableTemplateId: "Projects-10-template-1",
                  },
                ]
              : [],
          Links: { Tenant: `/api/${t.spaceId}/tenants/${t.id}` },
        })),
      };
    },
  },
  {
    method: "GET",
    path: "/tenants/:id",
    scope: "space",
    handler: (ctx) => ({ json: renderTenant(findTenant(ctx, ctx.params.id ?? "")) }),
  },
  {
    method: "GET",
    path: "/tenant/:id",
    scope: "space",
    handler: (ctx) => ({ json: renderTenant(findTenant(ctx, ctx.params.id ?? "")) }),
  },
  {
    method: "GET",
    path: "/tenants/:id/variables",
    scope: "space",
    handler: (ctx) => {
      const t = findTenant(ctx, ctx.params.id ?? "");
      const projectVariables: Record<string, unknown> = {};
      for (const p of ctx.store.projects.filter((x) => x.tenantSlugs.includes(t.slug))) {
        projectVariables[p.id] = {
          ProjectId: p.id,
          ProjectName: p.name,
          Templates: [
            {
              Id: `${p.id}-template-1`,
              Name: "Portal.BrandColour",
              Label: "Brand colour",
              DefaultValue: null,
              DisplaySettings: { "Octopus.ControlType": "SingleLineText" },
            },
          ],
          Variables: Object.fromEntries(
            p.environmentSlugs.map((e) => [environmentBySlug(p.spaceId, e)?.id ?? e, {}]),
          ),
        };
      }
      return {
        json: {
          TenantId: t.id,
          TenantName: t.name,
          SpaceId: t.spaceId,
          LibraryVariables: {},
          ProjectVariables: projectVariables,
          Links: {},
        },
      };
    },
  },
  {
    method: "GET",
    path: "/tagsets",
    scope: "space",
    handler: (ctx) =>
      collection(
        ctx,
        "TagSet",
        filterIds(
          ctx,
          ctx.store.tagSets.filter((t) => t.spaceId === ctx.space.id),
          (t) => t.id,
        ),
        renderTagSet,
      ),
  },
  {
    method: "GET",
    path: "/machines",
    scope: "space",
    handler: (ctx) => {
      const q = ctx.query;
      const envs = q.list("environmentIds").map((s) => s.toLowerCase());
      const roles = q
        .list("roles")
        .concat(q.list("targetTags"))
        .map((s) => s.toLowerCase());
      const health = q.list("healthStatuses").map((s) => s.toLowerCase());
      const tenants = q.list("tenantIds").map((s) => s.toLowerCase());
      const comm = q.list("commStyles").map((s) => s.toLowerCase());
      const disabled = q.bool("isDisabled");
      const name = q.get("name");
      const items = filterIds(
        ctx,
        ctx.store.machines.filter((m) => m.spaceN === ctx.spaceN),
        (m) => `Machines-${m.n}`,
      ).filter(
        (m) =>
          partial(m.name, q.get("partialName")) &&
          (name === undefined || m.name.toLowerCase() === name.toLowerCase()) &&
          (envs.length === 0 || m.envNs.some((e) => envs.includes(`environments-${e}`))) &&
          (roles.length === 0 || m.roles.some((r) => roles.includes(r.toLowerCase()))) &&
          (health.length === 0 || health.includes(m.health.toLowerCase())) &&
          (tenants.length === 0 || m.tenantNs.some((t) => tenants.includes(`tenants-${t}`))) &&
          (comm.length === 0 || comm.includes(m.style.toLowerCase())) &&
          (disabled === undefined || m.disabled === disabled),
      );
      return collection(ctx, "Machine", items, renderMachine);
    },
  },
  {
    method: "GET",
    path: "/machines/:id",
    scope: "space",
    handler: (ctx) => ({
      json: renderMachine(
        findById(ctx, ctx.params.id ?? "", "Machines", "Machine", (n) => ctx.store.machine(n)),
      ),
    }),
  },
  {
    method: "GET",
    path: "/runbooks",
    scope: "space",
    handler: (ctx) => {
      const projectIds = ctx.query.list("projectIds").map((s) => s.toLowerCase());
      const items = filterIds(
        ctx,
        ctx.store.runbooks.filter((r) => r.spaceN === ctx.spaceN),
        (r) => `Runbooks-${r.n}`,
      ).filter(
        (r) =>
          partial(r.name, ctx.query.get("partialName")) &&
          (projectIds.length === 0 || projectIds.includes(`projects-${r.projectN}`)),
      );
      return collection(ctx, "Runbook", items, renderRunbook);
    },
  },
  {
    method: "GET",
    path: "/runbooks/:id",
    scope: "space",
    handler: (ctx) => ({
      json: renderRunbook(
        findById(ctx, ctx.params.id ?? "", "Runbooks", "Runbook", (n) => ctx.store.runbook(n)),
      ),
    }),
  },
  {
    method: "GET",
    path: "/projects/:id/runbooks",
    scope: "space",
    handler: (ctx) => {
      const p = findProject(ctx, ctx.params.id ?? "");
      const items = filterIds(
        ctx,
        ctx.store.runbooks.filter((r) => r.projectN === idNum(p.id)),
        (r) => `Runbooks-${r.n}`,
      ).filter((r) => partial(r.name, ctx.query.get("partialName")));
      return collection(ctx, "Runbook", items, renderRunbook);
    },
  },
  {
    method: "GET",
    path: "/deploymentprocesses/:id",
    scope: "space",
    handler: (ctx) => {
      const id = ctx.params.id ?? "";
      const m = /^deploymentprocess-(Projects-\d+)$/i.exec(id);
      if (!m?.[1]) throw notFound("DeploymentProcess", id);
      return { json: renderDeploymentProcess(findProject(ctx, m[1])) };
    },
  },
  {
    method: "GET",
    path: "/projects/:id/deploymentprocesses",
    scope: "space",
    handler: (ctx) => ({ json: renderDeploymentProcess(findProject(ctx, ctx.params.id ?? "")) }),
  },
  {
    method: "GET",
    path: "/libraryvariablesets",
    scope: "space",
    handler: (ctx) => {
      const ids = ctx.query.list("ids").map((x) => x.toLowerCase());
      const sets =
        ctx.space.id === "Spaces-1" && (ids.length === 0 || ids.includes(LIBRARY_SET_ID.toLowerCase()))
          ? [renderLibraryVariableSet(ctx.space.id)]
          : [];
      return collection(ctx, "LibraryVariableSet", sets, (x) => x);
    },
  },
  {
    method: "GET",
    path: "/libraryvariablesets/:id",
    scope: "space",
    handler: (ctx) => {
      if ((ctx.params.id ?? "").toLowerCase() !== LIBRARY_SET_ID.toLowerCase() || ctx.space.id !== "Spaces-1")
        throw notFound("LibraryVariableSet", ctx.params.id ?? "");
      return { json: renderLibraryVariableSet(ctx.space.id) };
    },
  },
  {
    method: "GET",
    path: "/variables/all",
    scope: "space",
    handler: (ctx) => {
      const out: unknown[] = [];
      for (const id of ctx.query.list("ids")) {
        if (id.toLowerCase() === `variableset-${LIBRARY_SET_ID}`.toLowerCase())
          out.push(renderLibraryVariables(ctx.space.id));
        const m = /^variableset-(Projects-\d+)$/i.exec(id);
        if (m?.[1]) out.push(renderVariableSet(findProject(ctx, m[1])));
      }
      return { json: out };
    },
  },
  {
    method: "GET",
    path: "/variables/:id",
    scope: "space",
    handler: (ctx) => {
      const id = ctx.params.id ?? "";
      if (id.toLowerCase() === `variableset-${LIBRARY_SET_ID}`.toLowerCase() && ctx.space.id === "Spaces-1") {
        return { json: renderLibraryVariables(ctx.space.id) };
      }
      const m = /^variableset-(Projects-\d+)(?:-s-(\d+))?$/i.exec(id);
      if (!m?.[1]) throw notFound("VariableSet", id);
      const project = findProject(ctx, m[1]);
      if (m[2] !== undefined && ctx.store.release(Number(m[2]))?.projectN !== idNum(project.id))
        throw notFound("VariableSet", id);
      return { json: renderVariableSet(project, m[2] === undefined ? undefined : Number(m[2])) };
    },
  },
  {
    method: "GET",
    path: "/projects/:id/variables",
    scope: "space",
    handler: (ctx) => ({ json: renderVariableSet(findProject(ctx, ctx.params.id ?? "")) }),
  },
];

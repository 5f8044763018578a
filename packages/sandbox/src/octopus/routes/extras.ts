import { environmentBySlug } from "../../seed/catalog.js";
import { type Route } from "../router.js";
import { collection, matchesPartial } from "../http.js";
import { idNum } from "../store.js";
import { findProject, findTenant } from "./lookup.js";

/**
 * Smaller routes the official MCP server and api-client call: `environments/v2` (client EnvironmentV2Repository),
 * tenant common/project variables (MCP get_tenant_variables) and `GET /api/experimental/llms.txt`
 * (MCP grep_llms_txt, servers >= 2026.2.3916; octopus-api.md §13, §15).
 */
export const extraRoutes: Route[] = [
  // The sandbox keeps no accounts, certificates or feature toggles: empty collections, not 404s, so tools that
  // list them (MCP find_accounts, find_certificates, find_feature_toggles) report "none".
  {
    method: "GET",
    path: "/accounts",
    scope: "space",
    handler: (ctx) => collection(ctx, "Account", [], (x) => x),
  },
  {
    method: "GET",
    path: "/certificates",
    scope: "space",
    handler: (ctx) => collection(ctx, "Certificate", [], (x) => x),
  },
  {
    method: "GET",
    path: "/projects/:id/featuretoggles",
    scope: "space",
    handler: (ctx) => {
      findProject(ctx, ctx.params.id ?? "");
      return collection(ctx, "FeatureToggle", [], (x) => x);
    },
  },
  {
    method: "GET",
    path: "/environments/v2",
    scope: "space",
    handler: (ctx) => {
      const ids = new Set(ctx.query.list("ids").map((s) => s.toLowerCase()));
      const items = ctx.store.environments.filter(
        (e) =>
          e.spaceId === ctx.space.id &&
          (ids.size === 0 || ids.has(e.id.toLowerCase())) &&
          matchesPartial(e.name, ctx.query.get("partialName")),
      );
      return collection(ctx, "Environment", items, (e) => ({
        Id: e.id,
        SpaceId: e.spaceId,
        Name: e.name,
        Slug: e.slug,
        Description: e.description,
        Type: "Static",
        SortOrder: e.sortOrder,
        UseGuidedFailure: e.useGuidedFailure,
        AllowDynamicInfrastructure: false,
        Links: { Self: `/api/${e.spaceId}/environments/${e.id}` },
      }));
    },
  },
  {
    method: "GET",
    path: "/tenants/:id/commonvariables",
    scope: "space",
    handler: (ctx) => {
      const t = findTenant(ctx, ctx.params.id ?? "");
      return { json: { TenantId: t.id, Variables: [], MissingVariables: [] } };
    },
  },
  {
    method: "GET",
    path: "/tenants/:id/projectvariables",
    scope: "space",
    handler: (ctx) => {
      const t = findTenant(ctx, ctx.params.id ?? "");
      const missing = t.slug === "stark-industries";
      const projects = ctx.store.projects.filter((p) => p.tenantSlugs.includes(t.slug));
      const variables = projects.flatMap((p) =>
        p.environmentSlugs.map((slug) => {
          const envId = environmentBySlug(p.spaceId, slug)?.id ?? slug;
          return {
            ProjectId: p.id,
            ProjectName: p.name,
            TemplateId: `${p.id}-template-1`,
            Template: {
              Id: `${p.id}-template-1`,
              Name: "Portal.BrandColour",
              Label: "Brand colour",
              DefaultValue: null,
            },
            Value: missing && idNum(p.id) === 10 ? null : { Value: "#1A77CA", IsSensitive: false },
            Scope: { EnvironmentIds: [envId] },
          };
        }),
      );
      return {
        json: {
          TenantId: t.id,
          Variables: variables.filter((v) => v.Value !== null),
          MissingVariables: ctx.query.bool("includeMissingVariables")
            ? variables.filter((v) => v.Value === null)
            : [],
        },
      };
    },
  },
  {
    method: "GET",
    path: "/experimental/llms.txt",
    scope: "global",
    handler: () => ({
      contentType: "text/markdown; charset=utf-8",
      text: [
        "# Octopus Deploy REST API (sandbox)\n\n",
        "A stand-in of the Octopus Server REST API with seeded data. Every space-scoped route also answers as ",
        "`/api/spaces/{spaceId}/...` and `/api/...` (default space).\n\n",
        "## Endpoints\n\n",
        "- `GET /api/spaces` — spaces\n",
        "- `GET /api/{spaceId}/projects` — projects (by ID or slug)\n",
        "- `GET /api/{spaceId}/environments` — environments\n",
        "- `GET /api/{spaceId}/releases`, `GET /api/{spaceId}/projects/{projectId}/releases` — releases\n",
        "- `GET /api/{spaceId}/deployments` — deployments (filters: projects, environments, tenants, taskState)\n",
        "- `GET /api/{spaceId}/tasks/{id}`, `/details`, `/raw` — server tasks and their logs\n",
        "- `GET /api/{spaceId}/interruptions` — manual interventions; `POST .../submit`\n",
        "- `GET /api/{spaceId}/tenants`, `/machines`, `/lifecycles`, `/channels`, `/runbooks`, `/events`, `/dashboard`\n",
        "- `GET /api/spaces/{spaceId}/projects/{projectId}/environments/{environmentId}/untenanted/livestatus` — live status\n",
        "- `POST /api/{spaceId}/releases/create/v1`, `/deployments/create/untenanted/v1`, `/deployments/create/tenanted/v1`, `/runbook-runs/create/v1`\n",
      ],
    }),
  },
];

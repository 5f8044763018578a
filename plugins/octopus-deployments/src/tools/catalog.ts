/** Read tools over the catalogue: spaces, environments, projects. */
import { z } from "zod";
import { tool, type AnyTool } from "../define.js";
import {
  compact,
  decodeCursor,
  loadEnvironments,
  pageInfo,
  queryFingerprint,
  truncateText,
  type ProjectResource,
} from "@octopus-mcp/octopus-api";
import type { DeploymentsDeps } from "../deps.js";
import { cursorField, limitField, spaceField } from "./common.js";
import { listOutput } from "./output-schemas.js";

export function catalogTools(deps: DeploymentsDeps): AnyTool[] {
  const listSpaces = tool({
    name: "deployments_list_spaces",
    description: "Octopus spaces this caller may use (ID, name, default flag).",
    access: "read",
    inputSchema: z.object({}).strict(),
    outputSchema: listOutput("{id, name, slug, isDefault}"),
    handler: async (_args, ctx) => {
      const spaces = await deps.client(ctx).spaces();
      const items = spaces.map((s) =>
        compact({
          id: s.Id,
          name: s.Name,
          slug: s.Slug,
          isDefault: s.IsDefault || undefined,
          description: truncateText(s.Description, 120),
        }),
      );
      return { items, page: pageInfo(items.length, 0, items.length) };
    },
  });

  const listEnvironments = tool({
    name: "deployments_list_environments",
    description: "Environments of a space in lifecycle order.",
    access: "read",
    inputSchema: z.object({ space: spaceField }).strict(),
    outputSchema: listOutput("{id, name, slug, guidedFailure}"),
    handler: async (args, ctx) => {
      const client = deps.client(ctx);
      const space = await client.resolveSpace(args.space);
      const envs = await loadEnvironments(client, space.Id);
      const items = envs.items.map((e) =>
        compact({ id: e.Id, name: e.Name, slug: e.Slug, guidedFailure: e.UseGuidedFailure || undefined }),
      );
      return { space: space.Name, items, page: pageInfo(items.length, 0, items.length) };
    },
  });

  const findProjects = tool({
    name: "deployments_find_projects",
    description: "Find projects by partial name; returns ID, slug, tenancy mode.",
    access: "read",
    inputSchema: z
      .object({
        space: spaceField,
        name: z.string().optional().describe("Partial name"),
        limit: limitField(100, 30),
        cursor: cursorField,
      })
      .strict(),
    outputSchema: listOutput("{id, name, slug, tenancy, disabled}"),
    handler: async (args, ctx) => {
      const client = deps.client(ctx);
      const space = await client.resolveSpace(args.space);
      const fingerprint = queryFingerprint({ t: "projects", s: space.Id, n: args.name ?? "" });
      const offset = args.cursor ? decodeCursor(args.cursor, fingerprint).offset : 0;
      const take = args.limit ?? 30;
      const page = await client.page<ProjectResource>(
        client.spacePath(space.Id, "projects"),
        { partialName: args.name || undefined },
        { skip: offset, take },
      );
      const items = page.Items.map((p) =>
        compact({
          id: p.Id,
          name: p.Name,
          slug: p.Slug,
          tenancy: p.TenantedDeploymentMode === "Untenanted" ? undefined : p.TenantedDeploymentMode,
          disabled: p.IsDisabled || undefined,
          versionControlled: p.PersistenceSettings?.Type === "VersionControlled" || undefined,
        }),
      );
      return {
        space: space.Name,
        items,
        page: pageInfo(page.TotalResults, offset, items.length, fingerprint),
      };
    },
  });

  return [listSpaces, listEnvironments, findProjects];
}

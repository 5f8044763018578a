/** The dashboard: which release is in each environment, untenanted or per Octopus tenant. */
import { z } from "zod";
import {
  compact,
  decodeCursor,
  indexResources,
  isoTime,
  pageInfo,
  queryFingerprint,
  resolveProject,
  type NamedResource,
} from "@octopus-mcp/octopus-api";
import { tool, type AnyTool } from "../define.js";
import type { DeploymentsDeps } from "../deps.js";
import { cursorField, limitField, nameList, spaceField } from "./common.js";

/** `GET /{spaceId}/dashboard` (reference §10.15). */
export interface DashboardResource {
  readonly Projects?: readonly NamedResource[];
  readonly Environments?: readonly NamedResource[];
  readonly Tenants?: readonly NamedResource[];
  readonly Items?: readonly DashboardItem[];
  /** Previous successful deployment where the current one is not Success (reference §10.15). */
  readonly PreviousItems?: readonly DashboardItem[];
}

export interface DashboardItem {
  readonly ProjectId: string;
  readonly EnvironmentId: string;
  readonly TenantId?: string | null;
  readonly ReleaseVersion: string;
  readonly State: string;
  readonly DeploymentId?: string;
  readonly CompletedTime?: string | null;
  readonly Created?: string;
  readonly HasPendingInterruptions?: boolean;
}

/**
 * Cell text: the version, plus the state when it is not Success and, when known, the release
 * that last succeeded there, e.g. `2.3.1 (Failed; last success 2.3.0)`.
 */
export function dashboardCell(item: DashboardItem, previous?: DashboardItem): string {
  if (item.State === "Success" && !item.HasPendingInterruptions) return item.ReleaseVersion;
  const state = item.HasPendingInterruptions ? `${item.State}, waiting for intervention` : item.State;
  const last = previous && previous.ReleaseVersion ? `; last success ${previous.ReleaseVersion}` : "";
  return `${item.ReleaseVersion} (${state}${last})`;
}

const cellKey = (i: DashboardItem) => `${i.ProjectId}\u0000${i.EnvironmentId}\u0000${i.TenantId ?? ""}`;

export function dashboardTools(deps: DeploymentsDeps): AnyTool[] {
  const getDashboard = tool({
    name: "deployments_get_dashboard",
    description:
      "Current release per project and environment (state shown unless Success). Untenanted unless perTenant or octopusTenants.",
    access: "read",
    inputSchema: z
      .object({
        space: spaceField,
        project: z.string().optional().describe("Project name, slug or ID"),
        perTenant: z.boolean().optional().describe("One row per Octopus tenant"),
        octopusTenants: nameList("Octopus tenant names or IDs").optional(),
        limit: limitField(200, 50),
        cursor: cursorField,
      })
      .strict(),
    handler: async (args, ctx) => {
      const client = deps.client(ctx);
      const space = await client.resolveSpace(args.space);
      const project = args.project ? await resolveProject(client, space.Id, args.project) : undefined;
      const dashboard = await client.get<DashboardResource>(client.spacePath(space.Id, "dashboard"), {
        projectId: project?.Id,
        showAll: true,
      });
      const tenantIndex = indexResources(dashboard.Tenants ?? [], "Octopus tenant", `space "${space.Name}"`);
      const wantedTenants = args.octopusTenants?.length
        ? new Set(tenantIndex.resolveAll(args.octopusTenants).map((t) => t.Id))
        : undefined;
      const perTenant = args.perTenant === true || wantedTenants !== undefined;
      const projects = new Map((dashboard.Projects ?? []).map((p) => [p.Id, p.Name]));
      const environments = dashboard.Environments ?? [];
      const envNames = new Map(environments.map((e) => [e.Id, e.Name]));
      const previous = new Map((dashboard.PreviousItems ?? []).map((i) => [cellKey(i), i] as const));
      const rows = new Map<
        string,
        { project: string; octopusTenant?: string; versions: Record<string, string> }
      >();
      for (const item of dashboard.Items ?? []) {
        if (project && item.ProjectId !== project.Id) continue;
        const tenantId = item.TenantId ?? undefined;
        if (!perTenant && tenantId) continue;
        if (wantedTenants && (!tenantId || !wantedTenants.has(tenantId))) continue;
        const key = `${item.ProjectId}\u0000${tenantId ?? ""}`;
        let row = rows.get(key);
        if (!row) {
          row = {
            project: projects.get(item.ProjectId) ?? item.ProjectId,
            ...(tenantId ? { octopusTenant: tenantIndex.nameOf(tenantId) ?? tenantId } : {}),
            versions: {},
          };
          rows.set(key, row);
        }
        row.versions[envNames.get(item.EnvironmentId) ?? item.EnvironmentId] = dashboardCell(
          item,
          previous.get(cellKey(item)),
        );
      }
      const all = [...rows.values()].sort(
        (a, b) =>
          a.project.localeCompare(b.project) || (a.octopusTenant ?? "").localeCompare(b.octopusTenant ?? ""),
      );
      const fingerprint = queryFingerprint({
        t: "dashboard",
        s: space.Id,
        p: project?.Id,
        perTenant,
        tenants: [...(wantedTenants ?? [])],
      });
      const offset = args.cursor ? decodeCursor(args.cursor, fingerprint).offset : 0;
      const items = all.slice(offset, offset + (args.limit ?? 50));
      return compact({
        space: space.Name,
        environments: environments.map((e) => e.Name),
        items,
        page: pageInfo(all.length, offset, items.length, fingerprint),
        asOf: isoTime(new Date().toISOString()),
      });
    },
  });
  return [getDashboard];
}

/** Kubernetes / Argo CD live status of a project in an environment (reference §12). */
import { z } from "zod";
import {
  compact,
  isoTime,
  loadEnvironments,
  loadOctopusTenants,
  resolveProject,
  truncateText,
} from "@octopus-mcp/octopus-api";
import { tool, type AnyTool } from "../define.js";
import type { DeploymentsDeps } from "../deps.js";
import { projectField, spaceField } from "./common.js";

interface LiveResource {
  readonly Name: string;
  readonly Namespace?: string;
  readonly Kind: string;
  readonly HealthStatus?: string;
  readonly SyncStatus?: string;
  readonly HealthStatusMessage?: string | null;
  readonly SyncStatusMessage?: string | null;
  readonly SourceType?: string;
  readonly Children?: readonly LiveResource[];
}

/** `GET .../livestatus` body. */
export interface LiveStatusResource {
  readonly MachineStatuses?: readonly {
    readonly MachineId?: string;
    readonly Status?: string;
    readonly Resources?: readonly LiveResource[];
  }[];
  readonly Summary?: {
    readonly Status?: string;
    readonly HealthStatus?: string;
    readonly SyncStatus?: string;
    readonly SyncStatusMessage?: string | null;
    readonly LastUpdated?: string;
    readonly TotalOrphanCount?: number;
  };
}

/** Summary first: overall state, counts per health status, then resources that are not Healthy/InSync. */
export function summarizeLiveStatus(body: LiveStatusResource, detail: boolean): Record<string, unknown> {
  const flat: LiveResource[] = [];
  const walk = (r: LiveResource) => {
    flat.push(r);
    r.Children?.forEach(walk);
  };
  for (const m of body.MachineStatuses ?? []) m.Resources?.forEach(walk);
  const health: Record<string, number> = {};
  for (const r of flat) {
    const h = r.HealthStatus ?? "Unknown";
    health[h] = (health[h] ?? 0) + 1;
  }
  const row = (r: LiveResource) =>
    compact({
      kind: r.Kind,
      name: r.Name,
      namespace: r.Namespace,
      health: r.HealthStatus,
      sync: r.SyncStatus,
      message: truncateText(r.HealthStatusMessage ?? r.SyncStatusMessage, 160),
    });
  const problems = flat.filter(
    (r) => (r.HealthStatus && r.HealthStatus !== "Healthy") || (r.SyncStatus && r.SyncStatus !== "InSync"),
  );
  const s = body.Summary;
  return compact({
    summary: {
      status: s?.Status ?? (flat.length === 0 ? "NoLiveStatus" : undefined),
      health: s?.HealthStatus,
      sync: s?.SyncStatus,
      syncMessage: truncateText(s?.SyncStatusMessage, 200),
      lastUpdated: isoTime(s?.LastUpdated),
      orphans: s?.TotalOrphanCount || undefined,
      source: flat.find((r) => r.SourceType)?.SourceType,
    },
    resourceCount: flat.length,
    health,
    problems: problems.slice(0, 15).map(row),
    moreProblems: problems.length > 15 ? problems.length - 15 : undefined,
    resources: detail ? flat.slice(0, 60).map(row) : undefined,
  });
}

export function liveStatusTools(deps: DeploymentsDeps): AnyTool[] {
  const getLiveStatus = tool({
    name: "deployments_get_live_status",
    description:
      "Kubernetes/Argo CD live health and sync of a project in an environment: summary, counts, unhealthy resources.",
    access: "read",
    inputSchema: z
      .object({
        space: spaceField,
        project: projectField,
        environment: z.string().describe("Environment name or ID"),
        octopusTenant: z.string().optional().describe("Octopus tenant name or ID"),
        detail: z.boolean().optional().describe("Also list all resources"),
      })
      .strict(),
    handler: async (args, ctx) => {
      const client = deps.client(ctx);
      const space = await client.resolveSpace(args.space);
      const [project, environments, tenants] = await Promise.all([
        resolveProject(client, space.Id, args.project),
        loadEnvironments(client, space.Id),
        args.octopusTenant ? loadOctopusTenants(client, space.Id, [args.octopusTenant]) : undefined,
      ]);
      const environment = environments.resolve(args.environment);
      const tenant = tenants?.resolve(args.octopusTenant ?? "");
      const base = `spaces/${space.Id}/projects/${project.Id}/environments/${environment.Id}`;
      const body = await client.get<LiveStatusResource>(
        tenant ? `${base}/tenants/${tenant.Id}/livestatus` : `${base}/untenanted/livestatus`,
      );
      return compact({
        project: project.Name,
        environment: environment.Name,
        octopusTenant: tenant?.Name,
        ...summarizeLiveStatus(body, args.detail === true),
      });
    },
  });
  return [getLiveStatus];
}

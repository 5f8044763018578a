/** Read tools over releases: find, compare. */
import { z } from "zod";
import { NotFoundError } from "@octopus-mcp/core";
import { tool, type AnyTool } from "../define.js";
import {
  compact,
  decodeCursor,
  loadChannels,
  pageInfo,
  queryFingerprint,
  resolveProject,
  resolveRelease,
  truncateText,
  type ReleaseResource,
} from "@octopus-mcp/octopus-api";
import type { DeploymentsDeps } from "../deps.js";
import { summarizeRelease } from "../summaries.js";
import { diffVariables, type VariableSetResource } from "../variables.js";
import { cursorField, limitField, projectField, spaceField } from "./common.js";

type Package = NonNullable<ReleaseResource["SelectedPackages"]>[number];

/** Package changes between two releases, keyed by step/action + package reference. */
export function diffPackages(
  from: ReleaseResource,
  to: ReleaseResource,
): { package: string; from?: string; to?: string }[] {
  const key = (p: Package) =>
    `${p.ActionName ?? p.StepName ?? "?"}${p.PackageReferenceName ? `/${p.PackageReferenceName}` : ""}`;
  const a = new Map((from.SelectedPackages ?? []).map((p) => [key(p), p.Version] as const));
  const b = new Map((to.SelectedPackages ?? []).map((p) => [key(p), p.Version] as const));
  const out: { package: string; from?: string; to?: string }[] = [];
  for (const [k, v] of b)
    if (a.get(k) !== v) out.push({ package: k, ...(a.has(k) ? { from: a.get(k) as string } : {}), to: v });
  for (const [k, v] of a) if (!b.has(k)) out.push({ package: k, from: v });
  return out;
}

export function releaseTools(deps: DeploymentsDeps): AnyTool[] {
  const findReleases = tool({
    name: "deployments_find_releases",
    description: "Releases of a project, newest first; filter by version text or channel.",
    access: "read",
    inputSchema: z
      .object({
        space: spaceField,
        project: projectField,
        version: z.string().optional().describe("Version search text"),
        channel: z.string().optional().describe("Channel name or ID"),
        limit: limitField(100, 10),
        cursor: cursorField,
      })
      .strict(),
    handler: async (args, ctx) => {
      const client = deps.client(ctx);
      const space = await client.resolveSpace(args.space);
      const project = await resolveProject(client, space.Id, args.project);
      const channels = await loadChannels(client, space.Id, project.Id);
      const channel = args.channel ? channels.resolve(args.channel) : undefined;
      const fingerprint = queryFingerprint({
        t: "releases",
        p: project.Id,
        v: args.version ?? "",
        c: channel?.Id ?? "",
      });
      const offset = args.cursor ? decodeCursor(args.cursor, fingerprint).offset : 0;
      const path = channel
        ? client.spacePath(space.Id, `channels/${encodeURIComponent(channel.Id)}/releases`)
        : client.spacePath(space.Id, `projects/${encodeURIComponent(project.Id)}/releases`);
      const page = await client.page<ReleaseResource>(
        path,
        { searchByVersion: args.version || undefined },
        { skip: offset, take: args.limit ?? 10 },
      );
      const items = page.Items.map((r) => {
        const { projectId: _p, ...rest } = summarizeRelease(r, channels.nameOf(r.ChannelId), 120);
        return rest;
      });
      return {
        space: space.Name,
        project: project.Name,
        items,
        page: pageInfo(page.TotalResults, offset, items.length, fingerprint),
      };
    },
  });

  const compareReleases = tool({
    name: "deployments_compare_releases",
    description:
      "Differences between two releases of a project: packages, notes, variables (sensitive values masked).",
    access: "read",
    inputSchema: z
      .object({
        space: spaceField,
        project: projectField,
        from: z.string().describe("Older release (version or ID)"),
        to: z.string().describe("Newer release (version or ID)"),
      })
      .strict(),
    handler: async (args, ctx) => {
      const client = deps.client(ctx);
      const space = await client.resolveSpace(args.space);
      const project = await resolveProject(client, space.Id, args.project);
      const [from, to, channels] = await Promise.all([
        resolveRelease(client, space.Id, project, args.from),
        resolveRelease(client, space.Id, project, args.to),
        loadChannels(client, space.Id, project.Id),
      ]);
      // A snapshot that is gone (retention) or not served must not hide the package/notes diff.
      const snapshot = async (r: ReleaseResource): Promise<VariableSetResource | undefined> => {
        if (!r.ProjectVariableSetSnapshotId) return undefined;
        try {
          return await client.get<VariableSetResource>(
            client.spacePath(space.Id, `variables/${encodeURIComponent(r.ProjectVariableSetSnapshotId)}`),
          );
        } catch (error) {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        }
      };
      const [varsFrom, varsTo] = await Promise.all([snapshot(from), snapshot(to)]);
      const header = (r: ReleaseResource) =>
        compact({
          id: r.Id,
          version: r.Version,
          channel: channels.nameOf(r.ChannelId),
          assembled: summarizeRelease(r).assembled,
        });
      const variables = varsFrom && varsTo ? diffVariables(varsFrom, varsTo) : undefined;
      return compact({
        project: project.Name,
        from: header(from),
        to: header(to),
        packages: diffPackages(from, to),
        notes:
          from.ReleaseNotes === to.ReleaseNotes
            ? undefined
            : { from: truncateText(from.ReleaseNotes, 400), to: truncateText(to.ReleaseNotes, 400) },
        variables: variables
          ? {
              added: variables.added.slice(0, 30),
              removed: variables.removed.slice(0, 30),
              changed: variables.changed.slice(0, 30),
              truncated:
                Math.max(variables.added.length, variables.removed.length, variables.changed.length) > 30 ||
                undefined,
            }
          : "variable snapshot unavailable",
        sameProcessSnapshot:
          from.ProjectDeploymentProcessSnapshotId === to.ProjectDeploymentProcessSnapshotId || undefined,
      });
    },
  });

  return [findReleases, compareReleases];
}

/** Read tools over deployments: list with filters, get one (ID, task ID or portal link). */
import { z } from "zod";
import { InvalidArgumentsError } from "@octopus-mcp/core";
import { tool, type AnyTool } from "../define.js";
import {
  compact,
  decodeCursor,
  encodeCursor,
  loadEnvironments,
  loadOctopusTenants,
  pickFields,
  queryFingerprint,
  resolveChannel,
  resolveProject,
  truncateText,
  type ActivityElement,
  type ChannelResource,
  type DeploymentResource,
  type EnvironmentResource,
  type NamedResource,
  type ProjectResource,
  type ReleaseResource,
  type ServerTaskDetailsResource,
  type ServerTaskResource,
} from "@octopus-mcp/octopus-api";
import type { DeploymentsDeps } from "../deps.js";
import { enrichDeployments, getOrNotFound, loadDeploymentByReference } from "../deployment-lookup.js";
import { findFailingStep, summarizeDeployment } from "../summaries.js";
import { cursorField, limitField, nameList, spaceField, taskStateField } from "./common.js";
import { listOutput } from "./output-schemas.js";

/** Deployments read per upstream page while scanning a time window. */
const SCAN_PAGE = 50;
/** Upper bound of deployments scanned per call for a time window (bounded latency). */
const SCAN_MAX = 1000;

const FAILED_STATES = new Set(["Failed", "TimedOut", "Canceled"]);

export function deploymentTools(deps: DeploymentsDeps): AnyTool[] {
  const listDeployments = tool({
    name: "deployments_list_deployments",
    description:
      "Deployments, newest first, with release, environment, state, duration. Filter by project, environments, Octopus tenants, channel, state, time.",
    access: "read",
    inputSchema: z
      .object({
        space: spaceField,
        project: z.string().optional().describe("Project name, slug or ID"),
        environments: nameList("Environment names or IDs").optional(),
        octopusTenants: nameList("Octopus tenant names or IDs").optional(),
        channel: z.string().optional().describe("Channel name or ID (needs project)"),
        taskState: taskStateField,
        since: z.string().datetime({ offset: true }).optional().describe("Created at/after (ISO 8601)"),
        until: z.string().datetime({ offset: true }).optional().describe("Created before"),
        limit: limitField(50, 10),
        cursor: cursorField,
      })
      .strict(),
    outputSchema: listOutput("Deployment summaries"),
    handler: async (args, ctx) => {
      if (args.channel && !args.project) {
        throw new InvalidArgumentsError("A channel filter needs a project.", [
          { path: "/channel", rule: "dependency", message: "Also pass project." },
        ]);
      }
      const since = args.since ? Date.parse(args.since) : undefined;
      const until = args.until ? Date.parse(args.until) : undefined;
      if (since !== undefined && until !== undefined && since >= until) {
        throw new InvalidArgumentsError("since must be earlier than until.", [
          { path: "/since", rule: "range", message: "since >= until" },
        ]);
      }
      const client = deps.client(ctx);
      const space = await client.resolveSpace(args.space);
      const [project, environments, tenants] = await Promise.all([
        args.project ? resolveProject(client, space.Id, args.project) : undefined,
        args.environments?.length ? loadEnvironments(client, space.Id) : undefined,
        args.octopusTenants?.length ? loadOctopusTenants(client, space.Id, args.octopusTenants) : undefined,
      ]);
      const channel: ChannelResource | undefined =
        project && args.channel
          ? await resolveChannel(client, space.Id, project.Id, args.channel)
          : undefined;
      const envIds = environments?.resolveAll(args.environments ?? []).map((e) => e.Id);
      const tenantIds = tenants?.resolveAll(args.octopusTenants ?? []).map((t) => t.Id);
      const filters = {
        projects: project ? [project.Id] : undefined,
        environments: envIds,
        tenants: tenantIds,
        channels: channel ? [channel.Id] : undefined,
        taskState: args.taskState,
      };
      const fingerprint = queryFingerprint({
        t: "deployments",
        s: space.Id,
        ...filters,
        since: args.since,
        until: args.until,
      });
      const offset = args.cursor ? decodeCursor(args.cursor, fingerprint).offset : 0;
      const limit = args.limit ?? 10;
      const path = client.spacePath(space.Id, "deployments");

      let selected: DeploymentResource[];
      let total: number | undefined;
      let nextOffset: number | undefined;
      if (since === undefined && until === undefined) {
        const page = await client.page<DeploymentResource>(path, filters, { skip: offset, take: limit });
        selected = [...page.Items];
        total = page.TotalResults;
        nextOffset =
          offset + selected.length < total && selected.length > 0 ? offset + selected.length : undefined;
      } else {
        // The deployments route has no date filter: scan newest-first pages and stop at `since`.
        selected = [];
        let consumed = offset;
        let exhausted = false;
        while (selected.length < limit && consumed - offset < SCAN_MAX && !exhausted) {
          const page = await client.page<DeploymentResource>(path, filters, {
            skip: consumed,
            take: SCAN_PAGE,
          });
          if (page.Items.length === 0) exhausted = true;
          for (const d of page.Items) {
            const created = d.Created ? Date.parse(d.Created) : Number.NaN;
            if (since !== undefined && created < since) {
              exhausted = true;
              break;
            }
            consumed++;
            if (until !== undefined && created >= until) continue;
            selected.push(d);
            if (selected.length >= limit) break;
          }
          if (consumed >= page.TotalResults) exhausted = true;
        }
        nextOffset = exhausted ? undefined : consumed;
      }
      const enriched = await enrichDeployments(client, space.Id, selected);
      const items = selected.map((d) =>
        summarizeDeployment(
          d,
          enriched.names,
          enriched.tasks.get(d.TaskId),
          enriched.releases.get(d.ReleaseId),
        ),
      );
      return {
        space: space.Name,
        items,
        page: compact({
          total,
          returned: items.length,
          nextCursor:
            nextOffset !== undefined ? encodeCursor({ offset: nextOffset, query: fingerprint }) : undefined,
        }),
      };
    },
  });

  const getDeployment = tool({
    name: "deployments_get_deployment",
    description:
      "One deployment (ID, task ID or portal link): release, environment, state, duration, failing step, taskId.",
    access: "read",
    inputSchema: z
      .object({
        deployment: z.string().describe("Deployments-N, ServerTasks-N or portal URL"),
        space: spaceField,
        fields: z.array(z.string()).optional().describe("Only these result fields"),
      })
      .strict(),
    handler: async (args, ctx) => {
      const client = deps.client(ctx);
      const { space, deployment } = await loadDeploymentByReference(client, args.deployment, args.space);
      const sp = (rest: string) => client.spacePath(space.Id, rest);
      const [task, release, project, environment, tenant, channel] = await Promise.all([
        getOrNotFound<ServerTaskResource>(
          client,
          sp(`tasks/${deployment.TaskId}`),
          `task ${deployment.TaskId}`,
        ),
        client.get<ReleaseResource>(sp(`releases/${deployment.ReleaseId}`)).catch(() => undefined),
        client.get<ProjectResource>(sp(`projects/${deployment.ProjectId}`)).catch(() => undefined),
        client
          .get<EnvironmentResource>(sp(`environments/${deployment.EnvironmentId}`))
          .catch(() => undefined),
        deployment.TenantId
          ? client.get<NamedResource>(sp(`tenants/${deployment.TenantId}`)).catch(() => undefined)
          : undefined,
        deployment.ChannelId
          ? client.get<ChannelResource>(sp(`channels/${deployment.ChannelId}`)).catch(() => undefined)
          : undefined,
      ]);
      let failingStep: ReturnType<typeof findFailingStep>;
      if (FAILED_STATES.has(task.State)) {
        const details = await client
          .get<ServerTaskDetailsResource>(sp(`tasks/${task.Id}/details`), { verbose: false })
          .catch(() => undefined);
        failingStep = findFailingStep(details?.ActivityLogs as readonly ActivityElement[] | undefined);
      }
      const summary = summarizeDeployment(
        deployment,
        {
          project: () => project?.Name,
          environment: () => environment?.Name,
          octopusTenant: () => tenant?.Name,
          channel: () => channel?.Name,
        },
        task,
        release,
      );
      const webUrl =
        project?.Slug && release
          ? client.webUrl(
              `${space.Id}/projects/${project.Slug}/deployments/releases/${encodeURIComponent(release.Version)}/deployments/${deployment.Id}`,
            )
          : client.webUrl(`${space.Id}/tasks/${task.Id}`);
      const result = compact({
        ...summary,
        space: space.Name,
        releaseNotes: truncateText(release?.ReleaseNotes, 300),
        failingStep,
        guidedFailure: deployment.UseGuidedFailure || undefined,
        skippedSteps: deployment.SkipActions?.length ? deployment.SkipActions : undefined,
        webUrl,
      });
      return pickFields(result, args.fields);
    },
  });

  return [listDeployments, getDeployment];
}

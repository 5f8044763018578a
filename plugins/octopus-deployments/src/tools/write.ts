/**
 * Write tools (`access: "write"`; the host asks the user to confirm): create a release, deploy a
 * release through the Executions API (reference §11.1-§11.3), optionally waiting for the tasks.
 */
import { z } from "zod";
import { InvalidArgumentsError, type ToolCallContext } from "@octopus-mcp/core";
import {
  compact,
  durationSeconds,
  loadChannels,
  loadEnvironments,
  loadOctopusTenants,
  resolveProject,
  resolveRelease,
  type DeploymentResource,
  type NamedResource,
  type ReleaseResource,
  type ServerTaskDetailsResource,
  type ServerTaskResource,
} from "@octopus-mcp/octopus-api";
import { tool, type AnyTool } from "../define.js";
import type { DeploymentsDeps } from "../deps.js";
import { findFailingStep, summarizeRelease } from "../summaries.js";
import { waitForTasks } from "../task-waiter.js";
import { nameList, projectField, spaceField } from "./common.js";

const names = (what: string) => nameList(what).optional();

export const createReleaseInput = z
  .object({
    space: spaceField,
    project: projectField,
    version: z.string().optional().describe("Version (default: project rule)"),
    channel: z.string().optional().describe("Channel name or ID"),
    packageVersion: z.string().optional().describe("Version for all packages"),
    packages: names("StepName:Version or PackageID:Version"),
    releaseNotes: z.string().optional().describe("Release notes"),
    ignoreIfExists: z.boolean().optional().describe("Return existing release if present"),
  })
  .strict();

export const deployReleaseInput = z
  .object({
    space: spaceField,
    project: projectField,
    release: z.string().describe("Release version or ID"),
    environments: nameList("Environment names or IDs").min(1),
    octopusTenants: names('Octopus tenant names/IDs; ["*"] = all'),
    tenantTags: names("Octopus tenant tags (TagSet/Tag)"),
    guidedFailure: z.boolean().optional().describe("Use guided failure"),
    specificMachines: names("Only these targets"),
    excludedMachines: names("Exclude these targets"),
    skipSteps: names("Steps to skip"),
    runAt: z.string().datetime({ offset: true }).optional().describe("Scheduled start (ISO 8601)"),
    noRunAfter: z.string().datetime({ offset: true }).optional().describe("Cancel if not started by"),
    variables: z.record(z.string().describe("Value")).optional().describe("Prompted variable values"),
    waitSeconds: z
      .number()
      .int()
      .min(0)
      .max(86400)
      .optional()
      .describe("Wait up to N s (host-capped) for the result, with progress"),
  })
  .strict();

type DeployArgs = z.infer<typeof deployReleaseInput>;

function confirmDeploy(args: DeployArgs): string {
  const tenants = args.octopusTenants?.length
    ? ` for Octopus tenants ${args.octopusTenants.join(", ")}`
    : args.tenantTags?.length
      ? ` for tenants tagged ${args.tenantTags.join(", ")}`
      : "";
  const when = args.runAt ? ` at ${args.runAt}` : "";
  return `Deploy release ${args.release} of ${args.project} to ${args.environments.join(", ")}${tenants}${when}`;
}

interface CreateDeploymentsResponse {
  readonly DeploymentServerTasks?: readonly {
    readonly DeploymentId?: string;
    readonly ServerTaskId?: string;
    readonly deploymentId?: string;
    readonly serverTaskId?: string;
  }[];
}

export function writeTools(deps: DeploymentsDeps): AnyTool[] {
  const createRelease = tool({
    name: "deployments_create_release",
    description: "Create a release of a project. Returns the new release.",
    access: "write",
    inputSchema: createReleaseInput,
    confirmationMessage: (args) =>
      `Create release ${args.version ?? "(next version)"} of ${args.project}${args.channel ? ` in channel ${args.channel}` : ""}`,
    handler: async (args, ctx) => {
      const client = deps.client(ctx);
      const space = await client.resolveSpace(args.space);
      const project = await resolveProject(client, space.Id, args.project);
      const channels = await loadChannels(client, space.Id, project.Id);
      const channel = args.channel ? channels.resolve(args.channel) : undefined;
      const created = await client.post<{ ReleaseId?: string; releaseId?: string; ReleaseVersion?: string }>(
        client.spacePath(space.Id, "releases/create/v1"),
        compact({
          spaceId: space.Id,
          spaceIdOrName: space.Name,
          SpaceId: space.Id,
          SpaceIdOrName: space.Name,
          ProjectName: project.Name,
          ReleaseVersion: args.version,
          ChannelName: channel?.Name,
          PackageVersion: args.packageVersion,
          Packages: args.packages,
          ReleaseNotes: args.releaseNotes,
          IgnoreIfAlreadyExists: args.ignoreIfExists,
        }),
      );
      const releaseId = created.ReleaseId ?? created.releaseId;
      if (!releaseId) throw new Error("Octopus returned no ReleaseId for releases/create/v1");
      const release = await client.get<ReleaseResource>(client.spacePath(space.Id, `releases/${releaseId}`));
      return compact({
        project: project.Name,
        ...summarizeRelease(release, channels.nameOf(release.ChannelId)),
        webUrl: project.Slug
          ? client.webUrl(
              `${space.Id}/projects/${project.Slug}/deployments/releases/${encodeURIComponent(release.Version)}`,
            )
          : undefined,
      });
    },
  });

  const deployRelease = tool({
    name: "deployments_deploy_release",
    description:
      "Deploy a release to environments, untenanted or for Octopus tenants/tags. Returns task IDs; with waitSeconds the final state and failing step.",
    access: "write",
    inputSchema: deployReleaseInput,
    confirmationMessage: confirmDeploy,
    handler: async (args, ctx) => deploy(deps, args, ctx),
  });

  return [createRelease, deployRelease];
}

async function deploy(
  deps: DeploymentsDeps,
  args: DeployArgs,
  ctx: ToolCallContext,
): Promise<Record<string, unknown>> {
  const runAt = args.runAt ? Date.parse(args.runAt) : undefined;
  const noRunAfter = args.noRunAfter ? Date.parse(args.noRunAfter) : undefined;
  if (runAt !== undefined && noRunAfter !== undefined && noRunAfter <= runAt) {
    throw new InvalidArgumentsError("noRunAfter must be later than runAt.", [
      { path: "/noRunAfter", rule: "range", message: "Must be after runAt." },
    ]);
  }
  // Clamped, not rejected: waiting past the host's call timeout would lose the created IDs.
  const waitSeconds = Math.min(args.waitSeconds ?? 0, deps.maxWaitSeconds);
  const client = deps.client(ctx);
  const space = await client.resolveSpace(args.space);
  const tenanted = Boolean(args.octopusTenants?.length || args.tenantTags?.length);
  const allTenants = args.octopusTenants?.length === 1 && args.octopusTenants[0] === "*";
  const project = await resolveProject(client, space.Id, args.project);
  const [release, environments, tenants] = await Promise.all([
    resolveRelease(client, space.Id, project, args.release),
    loadEnvironments(client, space.Id),
    args.octopusTenants?.length && !allTenants
      ? loadOctopusTenants(client, space.Id, args.octopusTenants)
      : undefined,
  ]);
  const targetEnvironments = environments.resolveAll(args.environments);
  const tenantNames = allTenants
    ? ["*"]
    : (tenants?.resolveAll(args.octopusTenants ?? []).map((t) => t.Name) ?? []);
  if (project.TenantedDeploymentMode === "Tenanted" && !tenanted) {
    throw new InvalidArgumentsError(
      `Project "${project.Name}" only allows tenanted deployments: pass octopusTenants (names, or ["*"]) or tenantTags.`,
      [{ path: "/octopusTenants", rule: "required", message: "Tenanted project." }],
    );
  }
  if (project.TenantedDeploymentMode === "Untenanted" && tenanted) {
    throw new InvalidArgumentsError(
      `Project "${project.Name}" is not tenanted: omit octopusTenants and tenantTags.`,
      [{ path: "/octopusTenants", rule: "not_allowed", message: "Untenanted project." }],
    );
  }
  const common = compact({
    spaceId: space.Id,
    spaceIdOrName: space.Name,
    SpaceId: space.Id,
    SpaceIdOrName: space.Name,
    ProjectName: project.Name,
    ReleaseVersion: release.Version,
    UseGuidedFailure: args.guidedFailure,
    SpecificMachineNames: args.specificMachines,
    ExcludedMachineNames: args.excludedMachines,
    SkipStepNames: args.skipSteps,
    RunAt: args.runAt,
    NoRunAfter: args.noRunAfter,
    Variables: args.variables,
  });
  const pairs: { deploymentId: string; taskId: string }[] = [];
  const collect = (response: CreateDeploymentsResponse) => {
    for (const t of response.DeploymentServerTasks ?? []) {
      const deploymentId = t.DeploymentId ?? t.deploymentId;
      const taskId = t.ServerTaskId ?? t.serverTaskId;
      if (deploymentId && taskId) pairs.push({ deploymentId, taskId });
    }
  };
  if (tenanted) {
    // The tenanted command takes one environment per request (reference §11.3).
    for (const env of targetEnvironments) {
      collect(
        await client.post<CreateDeploymentsResponse>(
          client.spacePath(space.Id, "deployments/create/tenanted/v1"),
          {
            ...common,
            EnvironmentName: env.Name,
            Tenants: tenantNames,
            TenantTags: args.tenantTags ?? [],
          },
        ),
      );
    }
  } else {
    collect(
      await client.post<CreateDeploymentsResponse>(
        client.spacePath(space.Id, "deployments/create/untenanted/v1"),
        {
          ...common,
          EnvironmentNames: targetEnvironments.map((e) => e.Name),
        },
      ),
    );
  }
  // One batched read names each deployment's environment and Octopus tenant (tags and "*" expand server-side).
  const createdDeployments = pairs.length
    ? await client.getByIds<DeploymentResource>(
        client.spacePath(space.Id, "deployments"),
        pairs.map((p) => p.deploymentId),
      )
    : [];
  const tenantIds = createdDeployments.map((d) => d.TenantId).filter((id): id is string => Boolean(id));
  const tenantMap = new Map(
    (tenantIds.length
      ? await client.getByIds<NamedResource>(client.spacePath(space.Id, "tenants"), tenantIds)
      : []
    ).map((t) => [t.Id, t.Name]),
  );
  const created = pairs.map((p) => {
    const d = createdDeployments.find((x) => x.Id === p.deploymentId);
    return compact({
      ...p,
      environment: d ? environments.nameOf(d.EnvironmentId) : undefined,
      octopusTenant: d?.TenantId ? (tenantMap.get(d.TenantId) ?? d.TenantId) : undefined,
    }) as { deploymentId: string; taskId: string; environment?: string; octopusTenant?: string };
  });
  const header = { project: project.Name, release: release.Version, space: space.Name };
  if (created.length === 0) {
    return {
      ...header,
      deployments: [],
      note: "Octopus created no deployments (no matching Octopus tenants for these environments?).",
    };
  }
  if (waitSeconds === 0 || runAt !== undefined) {
    return compact({
      ...header,
      deployments: created,
      next: "Follow up with deployments_get_deployment (or the tasks tools) using deploymentId/taskId.",
    });
  }
  // Tell the agent the IDs first: if the call is cancelled while waiting, it still has them.
  await ctx.progress({
    progress: 0,
    message: `Created ${created.map((c) => `${c.deploymentId} (${c.taskId})`).join(", ")}`,
  });
  const labels = new Map(
    created.map((c) => [c.taskId, [c.environment, c.octopusTenant].filter(Boolean).join("/") || c.taskId]),
  );
  const waited = await waitForTasks(client, {
    spaceId: space.Id,
    taskIds: created.map((c) => c.taskId),
    intervalMs: deps.pollIntervalMs,
    timeoutMs: waitSeconds * 1000,
    signal: ctx.signal,
    labels,
    progress: (u) => ctx.progress(u),
  });
  const finals = await Promise.all(
    created.map(async (c) => {
      const task: ServerTaskResource | undefined = waited.tasks.get(c.taskId);
      let failingStep: ReturnType<typeof findFailingStep>;
      if (task && (task.State === "Failed" || task.State === "TimedOut" || task.State === "Canceled")) {
        const details = await client
          .get<ServerTaskDetailsResource>(client.spacePath(space.Id, `tasks/${c.taskId}/details`), {
            verbose: false,
          })
          .catch(() => undefined);
        failingStep = findFailingStep(details?.ActivityLogs);
      }
      return compact({
        ...c,
        state: task?.State,
        durationSeconds: durationSeconds(task?.StartTime, task?.CompletedTime),
        error: task?.ErrorMessage ? task.ErrorMessage.slice(0, 300) : undefined,
        pendingInterruptions: task?.HasPendingInterruptions ? task.PendingInterruptionTypes : undefined,
        failingStep,
      });
    }),
  );
  return compact({
    ...header,
    completed: waited.completed,
    deployments: finals,
    note: waited.completed
      ? undefined
      : `Still running after ${waitSeconds} s; check again with deployments_get_deployment.`,
  });
}

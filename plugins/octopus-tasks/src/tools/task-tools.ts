/** Task tools: get, list, cancel, re-run. */
import { ConflictError, InvalidArgumentsError, type ToolDefinition } from "@octopus-mcp/core";
import { tool } from "./define.js";
import {
  decodeCursor,
  loadEnvironments,
  pageInfo,
  queryFingerprint,
  resolveProject,
  type DeploymentResource,
  type EnvironmentResource,
  type OctopusClient,
  type ProjectResource,
  type ReleaseResource,
  type SpaceResource,
} from "@octopus-mcp/octopus-api";
import { z } from "zod";
import type { TasksDeps } from "../deps.js";
import {
  TASK_STATES,
  type InterruptionResource,
  type ServerTaskDetailsResource,
  type ServerTaskResource,
} from "@octopus-mcp/octopus-api";
import { getOrNotFound, resolveTaskRef, type TaskRef } from "../tasks/task-ref.js";
import { buildTaskReport, shapeTaskListItem, type TaskReport } from "../tasks/task-shaping.js";
import { spaceArg, taskArg } from "./common.js";

/** `/details` query: no verbose lines, at most 20 log lines per activity (octopus-api.md §10.7). */
export const DETAILS_QUERY = { verbose: false, tail: 20 } as const;

/** Reads a task's details and pending interruptions and builds the compact report. */
export async function loadTaskReport(
  client: OctopusClient,
  ref: TaskRef,
  maxChars?: number,
): Promise<TaskReport> {
  const details = await getOrNotFound<ServerTaskDetailsResource>(
    client,
    client.spacePath(ref.space.Id, `tasks/${ref.taskId}/details`),
    `Task ${ref.taskId}`,
    ref.space,
    DETAILS_QUERY,
  );
  let interruptions: readonly InterruptionResource[] = [];
  if (details.Task.HasPendingInterruptions) {
    const page = await client.page<InterruptionResource>(
      client.spacePath(ref.space.Id, "interruptions"),
      { regarding: ref.taskId, pendingOnly: true },
      { take: 10 },
    );
    interruptions = page.Items;
  }
  return buildTaskReport(details, interruptions, maxChars !== undefined ? { maxChars } : {});
}

async function loadTask(client: OctopusClient, ref: TaskRef): Promise<ServerTaskResource> {
  return getOrNotFound<ServerTaskResource>(
    client,
    client.spacePath(ref.space.Id, `tasks/${ref.taskId}`),
    `Task ${ref.taskId}`,
    ref.space,
  );
}

const getInput = z.object({ task: taskArg, space: spaceArg }).strict();

const listInput = z
  .object({
    space: spaceArg,
    states: z.array(z.enum(TASK_STATES)).max(7).optional().describe("States."),
    type: z.string().optional().describe("Task type: Deploy, RunbookRun, ..."),
    project: z.string().optional().describe("Project name, slug or ID."),
    environment: z.string().optional().describe("Environment name or ID."),
    from: z.string().datetime({ offset: true }).optional().describe("Queued from (ISO 8601)."),
    to: z.string().datetime({ offset: true }).optional().describe("Queued until (ISO 8601)."),
    pendingInterruptions: z.boolean().optional().describe("Waiting on an interruption."),
    limit: z.number().int().min(1).max(100).optional().describe("Page size (default 20)."),
    cursor: z.string().optional().describe("nextCursor from the last page."),
  })
  .strict();

const cancelInput = z.object({ task: taskArg, space: spaceArg }).strict();

const rerunInput = z
  .object({
    task: taskArg,
    space: spaceArg,
  })
  .strict();

const RERUNNABLE = new Set(["Failed", "TimedOut", "Canceled"]);

async function nameOf<T extends { Name: string }>(
  client: OctopusClient,
  space: SpaceResource,
  path: string,
  id: string,
) {
  return (await getOrNotFound<T>(client, client.spacePath(space.Id, `${path}/${id}`), id, space)).Name;
}

/** The task tools, bound to `deps`. */
export function taskTools(deps: TasksDeps): ToolDefinition[] {
  const get = tool({
    name: "tasks_get_task",
    title: "Get a server task",
    description:
      "Task state, timings, error, related IDs, pending interruptions, and step summary with the failing activity's last log lines.",
    inputSchema: getInput,
    access: "read",
    handler: async (args, context) => {
      const client = deps.client(context);
      const ref = await resolveTaskRef(client, args.task, args.space);
      return loadTaskReport(client, ref);
    },
  });

  const list = tool({
    name: "tasks_list_tasks",
    title: "List server tasks",
    description: "Tasks newest first; filter by state, type, project, environment, queue time.",
    inputSchema: listInput,
    access: "read",
    handler: async (args, context) => {
      const client = deps.client(context);
      const space = await client.resolveSpace(args.space);
      const filters = {
        space: space.Id,
        states: args.states,
        type: args.type,
        project: args.project,
        environment: args.environment,
        from: args.from,
        to: args.to,
        pendingInterruptions: args.pendingInterruptions,
      };
      const fingerprint = queryFingerprint(filters);
      const offset = args.cursor ? decodeCursor(args.cursor, fingerprint).offset : 0;
      const take = args.limit ?? 20;
      const project: ProjectResource | undefined = args.project
        ? await resolveProject(client, space.Id, args.project)
        : undefined;
      const environment: EnvironmentResource | undefined = args.environment
        ? (await loadEnvironments(client, space.Id)).resolve(args.environment)
        : undefined;
      const page = await client.page<ServerTaskResource>(
        client.spacePath(space.Id, "tasks"),
        {
          states: args.states,
          name: args.type,
          project: project?.Id,
          environment: environment?.Id,
          fromQueueDate: args.from,
          toQueueDate: args.to,
          hasPendingInterruptions: args.pendingInterruptions,
        },
        { skip: offset, take },
      );
      return {
        space: space.Name,
        tasks: page.Items.map((t) => shapeTaskListItem(t)),
        page: pageInfo(page.TotalResults, offset, page.Items.length, fingerprint),
      };
    },
  });

  const cancel = tool({
    name: "tasks_cancel_task",
    title: "Cancel a server task",
    description: "Cancel a queued or running task; returns its new state.",
    inputSchema: cancelInput,
    access: "write",
    confirmationMessage: (args) => `Cancel Octopus task ${args.task}`,
    handler: async (args, context) => {
      const client = deps.client(context);
      const ref = await resolveTaskRef(client, args.task, args.space);
      const task = await loadTask(client, ref);
      if (task.IsCompleted ?? !["Queued", "Executing", "Cancelling"].includes(task.State)) {
        throw new ConflictError(
          `Task ${ref.taskId} already finished (${task.State}); only queued or running tasks can be cancelled.`,
        );
      }
      const after = await client.post<ServerTaskResource | undefined>(
        client.spacePath(ref.space.Id, `tasks/${ref.taskId}/cancel`),
        {},
      );
      const state =
        after && typeof after === "object" && after.State ? after.State : (await loadTask(client, ref)).State;
      return { taskId: ref.taskId, previousState: task.State, state };
    },
  });

  const rerun = tool({
    name: "tasks_rerun_deployment",
    title: "Re-run a failed deployment",
    description:
      "Re-deploy a failed/cancelled deployment's release to the same environment and tenant; returns the new task.",
    inputSchema: rerunInput,
    access: "write",
    confirmationMessage: (args) =>
      `Re-deploy the release of failed deployment ${args.task} to the same environment`,
    handler: async (args, context) => {
      const client = deps.client(context);
      const ref = await resolveTaskRef(client, args.task, args.space);
      const task = await loadTask(client, ref);
      const deploymentId = task.Arguments?.["DeploymentId"];
      if (task.Name !== "Deploy" || typeof deploymentId !== "string") {
        throw new InvalidArgumentsError(
          `Task ${ref.taskId} is a ${task.Name} task, not a deployment; only deployments can be re-run here.`,
          [{ path: "/task", rule: "deployment", message: "Pass a deployment's task." }],
        );
      }
      if (!RERUNNABLE.has(task.State) || task.CanRerun === false) {
        throw new ConflictError(
          `Task ${ref.taskId} is ${task.State}${task.CanRerun === false ? " and Octopus reports it cannot be re-run" : ""}; only failed, timed-out or cancelled deployments are re-run.`,
        );
      }
      const space = ref.space;
      const deployment = await getOrNotFound<DeploymentResource>(
        client,
        client.spacePath(space.Id, `deployments/${deploymentId}`),
        deploymentId,
        space,
      );
      const [projectName, environmentName, release, tenantName] = await Promise.all([
        nameOf<ProjectResource>(client, space, "projects", deployment.ProjectId),
        nameOf<EnvironmentResource>(client, space, "environments", deployment.EnvironmentId),
        getOrNotFound<ReleaseResource>(
          client,
          client.spacePath(space.Id, `releases/${deployment.ReleaseId}`),
          deployment.ReleaseId,
          space,
        ),
        deployment.TenantId
          ? nameOf<{ Name: string }>(client, space, "tenants", deployment.TenantId)
          : Promise.resolve(undefined),
      ]);
      const common = {
        SpaceId: space.Id,
        SpaceIdOrName: space.Id,
        ProjectName: projectName,
        ReleaseVersion: release.Version,
        ...(deployment.UseGuidedFailure !== undefined
          ? { UseGuidedFailure: deployment.UseGuidedFailure }
          : {}),
      };
      // Executions API (octopus-api.md §11.2/§11.3): one deployment for the same environment/tenant.
      const response = tenantName
        ? await client.post<{ DeploymentServerTasks?: { DeploymentId: string; ServerTaskId: string }[] }>(
            client.spacePath(space.Id, "deployments/create/tenanted/v1"),
            { ...common, EnvironmentName: environmentName, Tenants: [tenantName], TenantTags: [] },
          )
        : await client.post<{ DeploymentServerTasks?: { DeploymentId: string; ServerTaskId: string }[] }>(
            client.spacePath(space.Id, "deployments/create/untenanted/v1"),
            { ...common, EnvironmentNames: [environmentName] },
          );
      const created = response.DeploymentServerTasks?.[0];
      if (!created)
        throw new ConflictError(
          "Octopus created no deployment (the release may no longer be deployable to that environment).",
        );
      return {
        previousTaskId: ref.taskId,
        deploymentId: created.DeploymentId,
        taskId: created.ServerTaskId,
        project: projectName,
        release: release.Version,
        environment: environmentName,
        ...(tenantName ? { tenant: tenantName } : {}),
      };
    },
  });

  return [get, list, cancel, rerun] as ToolDefinition[];
}

/**
 * Resource templates: a task (`octopus://spaces/{space}/tasks/{id}`) and its activity tree
 * (`.../details`). There is deliberately no whole-log resource: logs are multi-megabyte; agents
 * use tasks_grep_log and tasks_read_log.
 */
import { InvalidArgumentsError, type ResourceTemplateDefinition } from "@octopus-mcp/core";
import { compactActivityTree } from "./activity/activity-summary.js";
import type { TasksDeps } from "./deps.js";
import type { ServerTaskDetailsResource } from "@octopus-mcp/octopus-api";
import { getOrNotFound } from "./tasks/task-ref.js";
import { shapeTaskListItem } from "./tasks/task-shaping.js";
import { DETAILS_QUERY, loadTaskReport } from "./tools/task-tools.js";

function taskId(variables: Readonly<Record<string, string>>): string {
  const id = variables["id"] ?? "";
  if (!/^ServerTasks-\d+$/.test(id)) {
    throw new InvalidArgumentsError(`"${id}" is not a server task ID (ServerTasks-N).`);
  }
  return id;
}

/** The plugin's resource templates, bound to `deps`. */
export function taskResourceTemplates(deps: TasksDeps): ResourceTemplateDefinition[] {
  return [
    {
      uriTemplate: "octopus://spaces/{space}/tasks/{id}",
      name: "tasks_get_task",
      title: "Octopus server task",
      description: "A server task: state, timings, error, pending interruptions and step summary (JSON).",
      mimeType: "application/json",
      async read(uri, variables, context) {
        const client = deps.client(context);
        const space = await client.resolveSpace(variables["space"]);
        const report = await loadTaskReport(client, { space, taskId: taskId(variables) }, 8_000);
        return [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(report) }];
      },
    },
    {
      uriTemplate: "octopus://spaces/{space}/tasks/{id}/details",
      name: "tasks_get_task_details",
      title: "Octopus server task activity tree",
      description:
        "The task's activity tree (steps, targets, actions) with statuses, durations and failing log lines (JSON).",
      mimeType: "application/json",
      async read(uri, variables, context) {
        const client = deps.client(context);
        const space = await client.resolveSpace(variables["space"]);
        const id = taskId(variables);
        const details = await getOrNotFound<ServerTaskDetailsResource>(
          client,
          client.spacePath(space.Id, `tasks/${id}/details`),
          `Task ${id}`,
          space,
          DETAILS_QUERY,
        );
        const body = {
          task: shapeTaskListItem(details.Task),
          activity: compactActivityTree(details.ActivityLogs),
        };
        return [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(body) }];
      },
    },
  ];
}

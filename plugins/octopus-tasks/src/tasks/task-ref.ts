/**
 * Turns what an agent passes as "task" into a space and a server task ID.
 * Accepted: `ServerTasks-N`, `Deployments-N`, `RunbookRuns-N`, `Interruptions-N`, or a portal link
 * to any of those (`{server}/app#/Spaces-1/tasks/ServerTasks-1`, a deployment link, ...; parsed by
 * octopus-api's `parsePortalUrl`). Deployments, runbook runs and interruptions carry `TaskId`
 * (octopus-api.md §10.5, §10.11, §10.12).
 */
import { InvalidArgumentsError, NotFoundError } from "@octopus-mcp/core";
import {
  parsePortalUrl,
  type OctopusClient,
  type OctopusQuery,
  type SpaceResource,
} from "@octopus-mcp/octopus-api";

/** A resolved task reference. */
export interface TaskRef {
  readonly space: SpaceResource;
  readonly taskId: string;
  /** What the input named when it was not the task itself, e.g. `Deployments-12`. */
  readonly via?: string;
}

const ID = /^(ServerTasks|Deployments|RunbookRuns|Interruptions)-\d+$/i;

function canonical(id: string): string {
  const [prefix = "", number = ""] = id.split("-");
  const names: Record<string, string> = {
    servertasks: "ServerTasks",
    deployments: "Deployments",
    runbookruns: "RunbookRuns",
    interruptions: "Interruptions",
  };
  return `${names[prefix.toLowerCase()] ?? prefix}-${number}`;
}

/**
 * Wraps a 404 of `GET` with a message naming the ID and the space.
 * @throws NotFoundError naming what was not found; rethrows other errors.
 */
export async function getOrNotFound<T>(
  client: OctopusClient,
  path: string,
  what: string,
  space: SpaceResource,
  query?: OctopusQuery,
): Promise<T> {
  try {
    return await client.get<T>(path, query);
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new NotFoundError(
        `${what} was not found in space "${space.Name}" (${space.Id}). Check the ID or pass "space".`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/**
 * Resolves `input` (ID or portal link) and `spaceInput` (space name/ID, optional) to a task.
 * @throws InvalidArgumentsError for an unrecognised input or a link to another server;
 *   NotFoundError when the deployment/runbook run/interruption does not exist.
 */
export async function resolveTaskRef(
  client: OctopusClient,
  input: string,
  spaceInput?: string,
): Promise<TaskRef> {
  const text = input.trim();
  let id: string;
  let spaceId: string | undefined;
  if (/^https?:\/\//i.test(text)) {
    const ref = parsePortalUrl(text, client.serverUrl);
    if (!["task", "deployment", "runbookRun", "interruption"].includes(ref.kind) || ref.id === undefined) {
      throw new InvalidArgumentsError(
        `The link points at a ${ref.kind}, not a task. Pass a task, deployment or runbook-run link or ID.`,
        [
          {
            path: "/task",
            rule: "format",
            message: "Use a ServerTasks-N, Deployments-N or RunbookRuns-N link.",
          },
        ],
      );
    }
    id = ref.id;
    spaceId = ref.spaceId;
  } else if (ID.test(text)) {
    id = canonical(text);
  } else {
    throw new InvalidArgumentsError(
      `"${input}" is not a task reference. Pass ServerTasks-N, Deployments-N, RunbookRuns-N, Interruptions-N or a portal link.`,
      [
        {
          path: "/task",
          rule: "format",
          message: "Expected an Octopus ID such as ServerTasks-123, or a portal URL.",
        },
      ],
    );
  }
  const space = spaceId ? await client.requireSpaceId(spaceId) : await client.resolveSpace(spaceInput);
  if (id.startsWith("ServerTasks-")) return { space, taskId: id };
  const route = id.startsWith("Deployments-")
    ? "deployments"
    : id.startsWith("RunbookRuns-")
      ? "runbookRuns"
      : "interruptions";
  const owner = await getOrNotFound<{ TaskId?: string }>(
    client,
    client.spacePath(space.Id, `${route}/${id}`),
    id,
    space,
  );
  if (!owner.TaskId) throw new NotFoundError(`${id} has no server task.`);
  return { space, taskId: owner.TaskId, via: id };
}

/** Resolves an interruption reference: `Interruptions-N` or a portal link to one. */
export async function resolveInterruptionRef(
  client: OctopusClient,
  input: string,
  spaceInput?: string,
): Promise<{ space: SpaceResource; interruptionId: string }> {
  const text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    const ref = parsePortalUrl(text, client.serverUrl);
    if (ref.kind !== "interruption" || !ref.id) {
      throw new InvalidArgumentsError(`The link points at a ${ref.kind}, not an interruption.`, [
        { path: "/interruption", rule: "format", message: "Use an Interruptions-N ID or link." },
      ]);
    }
    const space = ref.spaceId
      ? await client.requireSpaceId(ref.spaceId)
      : await client.resolveSpace(spaceInput);
    return { space, interruptionId: ref.id };
  }
  if (!/^Interruptions-\d+$/i.test(text)) {
    throw new InvalidArgumentsError(`"${input}" is not an interruption ID (Interruptions-N).`, [
      {
        path: "/interruption",
        rule: "format",
        message: "Expected Interruptions-N; find them with tasks_find_interruptions.",
      },
    ]);
  }
  return { space: await client.resolveSpace(spaceInput), interruptionId: canonical(text) };
}

/** Interruption tools: find, get (with form), take responsibility and submit. */
import { ConflictError, ForbiddenError, InvalidArgumentsError, type ToolDefinition } from "@octopus-mcp/core";
import {
  decodeCursor,
  loadEnvironments,
  pageInfo,
  queryFingerprint,
  resolveProject,
  type OctopusClient,
  type SpaceResource,
} from "@octopus-mcp/octopus-api";
import { z } from "zod";
import type { TasksDeps } from "../deps.js";
import type { InterruptionResource, ServerTaskResource } from "@octopus-mcp/octopus-api";
import { getOrNotFound, resolveInterruptionRef, resolveTaskRef } from "../tasks/task-ref.js";
import { allowedFormValues, shapeInterruption } from "../tasks/task-shaping.js";
import { spaceArg } from "./common.js";
import { tool } from "./define.js";

/** Friendly words agents use, mapped to Octopus form values (octopus-api.md §10.11), in preference order. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  approve: ["Proceed"],
  proceed: ["Proceed"],
  abort: ["Abort", "Fail"],
  fail: ["Fail", "Abort"],
  retry: ["Retry"],
  skip: ["Ignore", "Exclude"],
  ignore: ["Ignore"],
  exclude: ["Exclude"],
};

/**
 * Picks the form element and value for `result`: an exact (case-insensitive) allowed value, else an alias.
 * @throws InvalidArgumentsError listing the allowed values when `result` fits none.
 */
export function chooseFormValue(
  interruption: InterruptionResource,
  result: string,
): { element: string; value: string } {
  const allowed = allowedFormValues(interruption);
  const wanted = result.trim().toLowerCase();
  for (const [element, values] of allowed) {
    const exact = values.find((v) => v.toLowerCase() === wanted);
    if (exact) return { element, value: exact };
  }
  for (const candidate of ALIASES[wanted] ?? []) {
    for (const [element, values] of allowed) {
      if (values.includes(candidate)) return { element, value: candidate };
    }
  }
  const all = [...allowed.values()].flat();
  throw new InvalidArgumentsError(
    all.length > 0
      ? `"${result}" is not an allowed result for ${interruption.Id}; allowed: ${all.join(", ")}.`
      : `${interruption.Id} has no choice in its form; it cannot be submitted with a result.`,
    [{ path: "/result", rule: "enum", message: `Allowed: ${all.join(", ") || "none"}.` }],
  );
}

async function loadInterruption(
  client: OctopusClient,
  space: SpaceResource,
  id: string,
): Promise<InterruptionResource> {
  return getOrNotFound<InterruptionResource>(
    client,
    client.spacePath(space.Id, `interruptions/${id}`),
    id,
    space,
  );
}

const findInput = z
  .object({
    space: spaceArg,
    task: z.string().optional().describe("Task, deployment or runbook run (ID or link)."),
    project: z.string().optional().describe("Project name, slug or ID."),
    environment: z.string().optional().describe("Environment name or ID."),
    pendingOnly: z.boolean().optional().describe("Pending only (default true)."),
    limit: z.number().int().min(1).max(100).optional().describe("Page size (default 20)."),
    cursor: z.string().optional().describe("nextCursor from the last page."),
  })
  .strict();

const interruptionArg = z.string().min(1).describe("Interruptions-N or its link.");

const getInput = z.object({ interruption: interruptionArg, space: spaceArg }).strict();

const submitInput = z
  .object({
    interruption: interruptionArg,
    space: spaceArg,
    result: z
      .string()
      .min(1)
      .max(50)
      .describe(
        "A value the form allows (Proceed, Abort, Retry, Ignore, Fail...) or approve/abort/retry/skip.",
      ),
    notes: z.string().max(4000).optional().describe("Notes for the decision."),
  })
  .strict();

/** The interruption tools, bound to `deps`. */
export function interruptionTools(deps: TasksDeps): ToolDefinition[] {
  const find = tool({
    name: "tasks_find_interruptions",
    title: "Find interruptions",
    description:
      "Manual interventions and guided-failure prompts, pending or historical; filter by task, project, environment.",
    inputSchema: findInput,
    access: "read",
    handler: async (args, context) => {
      const client = deps.client(context);
      const taskRef = args.task ? await resolveTaskRef(client, args.task, args.space) : undefined;
      const space = taskRef?.space ?? (await client.resolveSpace(args.space));
      const project = args.project ? await resolveProject(client, space.Id, args.project) : undefined;
      const environment = args.environment
        ? (await loadEnvironments(client, space.Id)).resolve(args.environment)
        : undefined;
      const related = [taskRef?.taskId, project?.Id, environment?.Id].filter(
        (v): v is string => v !== undefined,
      );
      const pendingOnly = args.pendingOnly ?? true;
      const fingerprint = queryFingerprint({ s: space.Id, r: related, p: pendingOnly });
      const offset = args.cursor ? decodeCursor(args.cursor, fingerprint).offset : 0;
      const take = args.limit ?? 20;
      const path = client.spacePath(space.Id, "interruptions");
      // `regarding` takes one document ID; further filters apply to RelatedDocumentIds here.
      const query = { pendingOnly, ...(related[0] ? { regarding: related[0] } : {}) };
      let items: readonly InterruptionResource[];
      let total: number;
      if (related.length <= 1) {
        const page = await client.page<InterruptionResource>(path, query, { skip: offset, take });
        items = page.Items;
        total = page.TotalResults;
      } else {
        const all = await client.listAll<InterruptionResource>(path, query, { max: 1000 });
        const matching = all.items.filter((i) => related.every((id) => i.RelatedDocumentIds?.includes(id)));
        items = matching.slice(offset, offset + take);
        total = matching.length;
      }
      return {
        space: space.Name,
        interruptions: items.map((i) => shapeInterruption(i, false)),
        page: pageInfo(total, offset, items.length, fingerprint),
      };
    },
  });

  const get = tool({
    name: "tasks_get_interruption",
    title: "Get an interruption",
    description: "An interruption with instructions and form fields (allowed results).",
    inputSchema: getInput,
    access: "read",
    handler: async (args, context) => {
      const client = deps.client(context);
      const { space, interruptionId } = await resolveInterruptionRef(client, args.interruption, args.space);
      return shapeInterruption(await loadInterruption(client, space, interruptionId), true);
    },
  });

  const submit = tool({
    name: "tasks_submit_interruption",
    title: "Submit an interruption",
    description:
      "Take responsibility for a pending interruption and submit a result its form allows, with notes.",
    inputSchema: submitInput,
    access: "write",
    confirmationMessage: (args) =>
      `Submit "${args.result}" for Octopus interruption ${args.interruption}${args.notes ? ` with notes "${args.notes.slice(0, 80)}"` : ""}`,
    handler: async (args, context) => {
      const client = deps.client(context);
      const { space, interruptionId } = await resolveInterruptionRef(client, args.interruption, args.space);
      const interruption = await loadInterruption(client, space, interruptionId);
      if (interruption.IsPending === false) {
        throw new ConflictError(`${interruptionId} is no longer pending; it was already handled.`);
      }
      const choice = chooseFormValue(interruption, args.result);
      const notesRequired = interruption.Form?.Elements?.some((e) => e.Name === "Notes" && e.IsValueRequired);
      if (notesRequired && !args.notes?.trim()) {
        throw new InvalidArgumentsError(`${interruptionId} requires notes.`, [
          { path: "/notes", rule: "required", message: "The form requires notes; pass notes." },
        ]);
      }
      if (!interruption.HasResponsibility) {
        if (interruption.CanTakeResponsibility === false) {
          throw new ForbiddenError(
            `You cannot take responsibility for ${interruptionId} (not in a responsible team).`,
          );
        }
        await client.put(client.spacePath(space.Id, `interruptions/${interruptionId}/responsible`), {});
      }
      await client.post(client.spacePath(space.Id, `interruptions/${interruptionId}/submit`), {
        ...(interruption.Form?.Values ?? {}),
        Id: interruptionId,
        SpaceId: space.Id,
        Notes: args.notes ?? "",
        [choice.element]: choice.value,
      });
      const task = interruption.TaskId
        ? await client
            .get<ServerTaskResource>(client.spacePath(space.Id, `tasks/${interruption.TaskId}`))
            .catch(() => undefined)
        : undefined;
      return {
        interruptionId,
        submitted: { [choice.element]: choice.value },
        ...(task
          ? {
              taskId: task.Id,
              taskState: task.State,
              taskPendingInterruptions: task.HasPendingInterruptions ?? false,
            }
          : {}),
      };
    },
  });

  return [find, get, submit];
}

/** Log tools: grep, line range/tail, and failure explanation. */
import type { ToolDefinition } from "@octopus-mcp/core";
import { tool } from "./define.js";
import { z } from "zod";
import { findFailingLeaf, stepName, stepsOf } from "../activity/activity-summary.js";
import { extractFailure } from "../diagnosis/failure-extraction.js";
import type { TasksDeps } from "../deps.js";
import { formatGrepEntries, grepLog, MAX_CONTEXT_LINES } from "../log/grep.js";
import { MAX_RANGE_LINES, readLineRange, readTail } from "../log/line-range.js";
import type { ServerTaskDetailsResource } from "@octopus-mcp/octopus-api";
import { getOrNotFound, resolveTaskRef } from "../tasks/task-ref.js";
import { asArgumentError, cut, spaceArg, taskArg, withRawLog } from "./common.js";

/** Longest line text returned by grep and read, in characters. */
export const OUTPUT_LINE_LENGTH = 500;
/** Longest line text in a failure digest (it holds several groups), in characters. */
export const DIGEST_LINE_LENGTH = 300;

const grepInput = z
  .object({
    task: taskArg,
    space: spaceArg,
    pattern: z.string().min(1).max(1000).describe("JS regex, or literal if fixed."),
    fixed: z.boolean().optional().describe("Literal pattern."),
    ignoreCase: z.boolean().optional().describe("Case-insensitive."),
    invert: z.boolean().optional().describe("Select non-matching lines."),
    before: z.number().int().min(0).max(MAX_CONTEXT_LINES).optional().describe("Context before (-B)."),
    after: z.number().int().min(0).max(MAX_CONTEXT_LINES).optional().describe("Context after (-A)."),
    maxMatches: z.number().int().min(1).max(500).optional().describe("Max matching lines (default 50)."),
    countAll: z.boolean().optional().describe("Read all to report totalMatches."),
  })
  .strict();

const grepOutput = {
  type: "object",
  properties: {
    taskId: { type: "string" },
    lines: { type: "array", items: { type: "string" } },
    matchCount: { type: "integer" },
    totalMatches: { type: "integer" },
    complete: { type: "boolean" },
    linesRead: { type: "integer" },
  },
  required: ["taskId", "lines", "matchCount", "complete", "linesRead"],
} as const;

const readInput = z
  .object({
    task: taskArg,
    space: spaceArg,
    tail: z.number().int().min(1).max(MAX_RANGE_LINES).optional().describe("Last N lines (default 50)."),
    from: z.number().int().min(1).optional().describe("First line, 1-based."),
    to: z.number().int().min(1).optional().describe(`Last line (≤${MAX_RANGE_LINES} lines).`),
  })
  .strict();

const readOutput = {
  type: "object",
  properties: {
    taskId: { type: "string" },
    lines: { type: "array", items: { type: "string" } },
    totalLines: { type: "integer" },
  },
  required: ["taskId", "lines"],
} as const;

const explainInput = z
  .object({
    task: taskArg,
    space: spaceArg,
    errors: z.number().int().min(1).max(10).optional().describe("Error groups (default 3)."),
    context: z.number().int().min(0).max(20).optional().describe("Context lines (default 4)."),
  })
  .strict();

/** The log tools, bound to `deps`. */
export function logTools(deps: TasksDeps): ToolDefinition[] {
  const grep = tool({
    name: "tasks_grep_log",
    title: "Search a task log",
    description: "Grep a task's raw log (streamed, any size): grep -n style lines (N:match, N-context, --).",
    inputSchema: grepInput,
    outputSchema: grepOutput,
    access: "read",
    handler: async (args, context) => {
      const client = deps.client(context);
      const ref = await resolveTaskRef(client, args.task, args.space);
      const result = await withRawLog(client, ref, (body) =>
        grepLog(body, {
          pattern: args.pattern,
          fixedStrings: args.fixed ?? false,
          ignoreCase: args.ignoreCase ?? false,
          invert: args.invert ?? false,
          before: args.before ?? 0,
          after: args.after ?? 0,
          maxMatches: args.maxMatches ?? 50,
          countAll: args.countAll ?? false,
          maxLineLength: deps.maxLineLength,
          signal: context.signal,
          onProgress: (bytes) => {
            void context.progress({
              progress: bytes,
              message: `${Math.round(bytes / 1_048_576)} MB of the log searched`,
            });
          },
        }),
      ).catch((error: unknown) => asArgumentError(error, "/pattern"));
      return {
        taskId: ref.taskId,
        lines: formatGrepEntries(result.entries, OUTPUT_LINE_LENGTH),
        matchCount: result.matchCount,
        ...(result.totalMatches !== undefined ? { totalMatches: result.totalMatches } : {}),
        complete: result.complete,
        linesRead: result.linesRead,
        ...(result.truncatedLines > 0 ? { longLinesCut: result.truncatedLines } : {}),
      };
    },
  });

  const read = tool({
    name: "tasks_read_log",
    title: "Read task log lines",
    description: "Lines from/to, or the tail, of a task's raw log, numbered.",
    inputSchema: readInput,
    outputSchema: readOutput,
    access: "read",
    handler: async (args, context) => {
      if (
        (args.from === undefined) !== (args.to === undefined) ||
        (args.from !== undefined && args.tail !== undefined)
      ) {
        asArgumentError(new RangeError('Pass either "from" and "to" together, or "tail".'), "/from");
      }
      const client = deps.client(context);
      const ref = await resolveTaskRef(client, args.task, args.space);
      const options = { maxLineLength: deps.maxLineLength, signal: context.signal };
      const result = await withRawLog(client, ref, (body) =>
        args.from !== undefined && args.to !== undefined
          ? readLineRange(body, args.from, args.to, options)
          : readTail(body, args.tail ?? 50, options),
      ).catch((error: unknown) => asArgumentError(error, "/to"));
      return {
        taskId: ref.taskId,
        lines: result.lines.map((l) => `${l.lineNumber}:${cut(l.text, OUTPUT_LINE_LENGTH)}`),
        ...(result.totalLines !== undefined ? { totalLines: result.totalLines } : {}),
      };
    },
  });

  const explain = tool({
    name: "tasks_explain_failure",
    title: "Explain a failed task",
    description:
      "Failure digest: failing step, first error lines with context and line numbers, what ran just before.",
    inputSchema: explainInput,
    access: "read",
    handler: async (args, context) => {
      const client = deps.client(context);
      const ref = await resolveTaskRef(client, args.task, args.space);
      const details = await getOrNotFound<ServerTaskDetailsResource>(
        client,
        client.spacePath(ref.space.Id, `tasks/${ref.taskId}/details`),
        `Task ${ref.taskId}`,
        ref.space,
        { verbose: false, tail: 0 },
      );
      const steps = stepsOf(details.ActivityLogs);
      const failedIndex = steps.findIndex((s) => s.Status === "Failed");
      const failedStep = failedIndex >= 0 ? steps[failedIndex] : undefined;
      const context_ = args.context ?? 4;
      const extraction = await withRawLog(client, ref, (body) =>
        extractFailure(body, {
          maxErrors: args.errors ?? 3,
          before: context_,
          after: Math.min(context_, 3),
          maxLineLength: deps.maxLineLength,
          signal: context.signal,
        }),
      );
      const task = details.Task;
      return {
        taskId: ref.taskId,
        state: task.State,
        ...(task.ErrorMessage ? { error: cut(task.ErrorMessage, 400) } : {}),
        ...(failedStep
          ? {
              failingStep: `#${failedIndex + 1} ${stepName(failedStep, 120)}`,
              failingPath: findFailingLeaf(failedStep).path,
            }
          : {}),
        ...(extraction.section.length > 0 ? { logSection: extraction.section } : {}),
        doingBefore: extraction.doingBefore.map((l) => `${l.lineNumber}:${cut(l.text, DIGEST_LINE_LENGTH)}`),
        // grep -n style: `N:` for error lines, `N-` for context.
        errors: extraction.errors.map((group) =>
          group.lines.map(
            (l) =>
              `${l.lineNumber}${group.errorLineNumbers.includes(l.lineNumber) ? ":" : "-"}${cut(l.text, DIGEST_LINE_LENGTH)}`,
          ),
        ),
        detection: extraction.detection,
        ...(task.State === "Success"
          ? { note: "The task succeeded; errors shown (if any) were not fatal." }
          : {}),
      };
    },
  });

  return [grep, read, explain] as ToolDefinition[];
}

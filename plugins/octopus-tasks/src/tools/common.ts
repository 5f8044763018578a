/** Schema fragments and helpers shared by the tools of this plugin. */
import { InvalidArgumentsError } from "@octopus-mcp/core";
import type { HttpStreamResponse } from "@octopus-mcp/core";
import type { OctopusClient } from "@octopus-mcp/octopus-api";
import { z } from "zod";
import type { TaskRef } from "../tasks/task-ref.js";

export const spaceArg = z.string().optional().describe("Space name or ID (default space).");

export const taskArg = z
  .string()
  .min(1)
  .describe("ServerTasks-N, Deployments-N, RunbookRuns-N or a portal link.");

/**
 * Opens the raw log of a task (`GET /api/{spaceId}/tasks/{id}/raw`, octopus-api.md §10.8) and runs
 * `read` over its byte stream; the download is cancelled afterwards if `read` stopped early.
 */
export async function withRawLog<T>(
  client: OctopusClient,
  ref: TaskRef,
  read: (body: AsyncIterable<Uint8Array>) => Promise<T>,
): Promise<T> {
  const response: HttpStreamResponse = await client.stream(
    client.spacePath(ref.space.Id, `tasks/${ref.taskId}/raw`),
  );
  try {
    return await read(response.body);
  } finally {
    // Harmless after a full read; releases the connection after an early stop.
    await response.body.cancel().catch(() => undefined);
  }
}

/**
 * Maps argument errors raised by the log functions (invalid regex → SyntaxError, bad range →
 * RangeError) to `invalid_arguments`; rethrows anything else.
 */
export function asArgumentError(error: unknown, path: string): never {
  if (error instanceof SyntaxError) {
    throw new InvalidArgumentsError(
      `Invalid regular expression: ${error.message}. Use fixed: true for a literal.`,
      [{ path, rule: "pattern", message: error.message }],
    );
  }
  if (error instanceof RangeError) {
    throw new InvalidArgumentsError(error.message, [{ path, rule: "range", message: error.message }]);
  }
  throw error;
}

/** Cuts text to `max` characters, marking the cut. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Reading a `tools/call` result the way an agent would: the structured data of a success, or the
 * structured error body of an `isError: true` result.
 */
import type { ToolErrorBody } from "@octopus-mcp/core";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** `ok: true` with the tool's data, or `ok: false` with the structured error body; `result` is the raw MCP result. */
export type ToolCallResult<T = unknown> =
  | { readonly ok: true; readonly data: T; readonly result: CallToolResult }
  | { readonly ok: false; readonly error: ToolErrorBody; readonly result: CallToolResult };

function firstText(result: CallToolResult): string | undefined {
  for (const block of result.content ?? []) {
    if (block.type === "text") return block.text;
  }
  return undefined;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Interprets `result`. Success data: `structuredContent`, else the first text block parsed as JSON
 * (or the raw text). Error body: `structuredContent`, else the first text block parsed as JSON
 * (tools with an `outputSchema` carry the body only in the text block), else an `internal_error`
 * wrapping the text.
 */
export function readToolResult<T = unknown>(result: CallToolResult): ToolCallResult<T> {
  if (result.isError === true) {
    const candidate = result.structuredContent ?? parseJson(firstText(result));
    const error: ToolErrorBody =
      typeof candidate === "object" &&
      candidate !== null &&
      (candidate as { success?: unknown }).success === false
        ? (candidate as unknown as ToolErrorBody)
        : { success: false, error: "internal_error", message: firstText(result) ?? "" };
    return { ok: false, error, result };
  }
  const data = (result.structuredContent ?? parseJson(firstText(result))) as T;
  return { ok: true, data, result };
}

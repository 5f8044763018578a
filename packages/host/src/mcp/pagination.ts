/**
 * Cursor pagination for MCP list methods. Cursors are opaque to clients (base64url JSON holding the
 * last key served); keyed by name rather than offset, so a page boundary stays stable.
 */
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";

/** Default page size of `tools/list` and the other list methods. */
export const DEFAULT_PAGE_SIZE = 100;

export function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after: lastKey }), "utf8").toString("base64url");
}

/** @throws McpError(InvalidParams) for a cursor this server did not issue. */
export function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      v?: unknown;
      after?: unknown;
    };
    if (parsed.v === 1 && typeof parsed.after === "string") return parsed.after;
  } catch {
    // fall through
  }
  throw new McpError(
    ErrorCode.InvalidParams,
    "Invalid cursor: pass the nextCursor of the previous page unchanged",
  );
}

/** One page of `items` (sorted by `key`) after `cursor`, with `nextCursor` when more remain. */
export function paginate<T>(
  items: readonly T[],
  key: (item: T) => string,
  cursor: string | undefined,
  pageSize: number,
): { page: T[]; nextCursor?: string } {
  let start = 0;
  if (cursor !== undefined) {
    const after = decodeCursor(cursor);
    start = items.findIndex((item) => key(item) > after);
    if (start === -1) start = items.length;
  }
  const page = items.slice(start, start + pageSize);
  const last = page[page.length - 1];
  return start + pageSize < items.length && last !== undefined
    ? { page, nextCursor: encodeCursor(key(last)) }
    : { page };
}

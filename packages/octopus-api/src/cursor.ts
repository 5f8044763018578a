/**
 * Cursor pagination for tool results: opaque base64url cursors that carry the next offset and a
 * fingerprint of the query, so a cursor cannot silently be reused with different filters.
 */
import { InvalidArgumentsError } from "@octopus-mcp/core";

/** What a cursor holds. */
export interface CursorState {
  /** Items already returned (the next page starts here). */
  readonly offset: number;
  /** Fingerprint of the filters the cursor belongs to ({@link queryFingerprint}). */
  readonly query?: string;
}

/** Encodes a cursor as base64url JSON. */
export function encodeCursor(state: CursorState): string {
  return Buffer.from(
    JSON.stringify({ o: state.offset, ...(state.query ? { q: state.query } : {}) }),
    "utf8",
  ).toString("base64url");
}

/**
 * Decodes a cursor made by {@link encodeCursor}. When `expectedQuery` is given, the cursor must
 * belong to the same query.
 * @throws InvalidArgumentsError for anything else (the agent should drop the cursor and start over).
 */
export function decodeCursor(cursor: string, expectedQuery?: string): CursorState {
  const invalid = (why: string): InvalidArgumentsError =>
    new InvalidArgumentsError(`Invalid cursor (${why}); omit "cursor" to start from the first page.`, [
      { path: "/cursor", rule: "format", message: why },
    ]);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid("not base64url");
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid("not a cursor returned by this tool");
  }
  const o = (decoded as { o?: unknown } | null)?.o;
  const q = (decoded as { q?: unknown } | null)?.q;
  if (typeof o !== "number" || !Number.isInteger(o) || o < 0)
    throw invalid("not a cursor returned by this tool");
  if (expectedQuery !== undefined && q !== undefined && q !== expectedQuery) {
    throw invalid("it belongs to a different set of filters");
  }
  return { offset: o, ...(typeof q === "string" ? { query: q } : {}) };
}

/** A short, stable fingerprint of a filter object (FNV-1a over its sorted JSON). */
export function queryFingerprint(filters: Readonly<Record<string, unknown>>): string {
  const json = stableStringify(filters);
  let hash = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) {
    hash ^= json.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** Pagination block of a list result. */
export interface PageInfo {
  /** Total matching items upstream. */
  readonly total: number;
  /** Items in this page. */
  readonly returned: number;
  /** Pass as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

/** Builds the page block: a next cursor when `offset + returned < total`. */
export function pageInfo(total: number, offset: number, returned: number, query?: string): PageInfo {
  const next = offset + returned;
  return {
    total,
    returned,
    ...(next < total && returned > 0
      ? { nextCursor: encodeCursor({ offset: next, ...(query ? { query } : {}) }) }
      : {}),
  };
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

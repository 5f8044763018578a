import { type CatalogSpace } from "../seed/catalog.js";
import { type OctopusStore } from "./store.js";

/**
 * Request/response plumbing of the Octopus side: case-insensitive query and body binding
 * (octopus-api.md §8), the collection envelope (§9) and `{ErrorMessage, Errors}` errors (§7).
 */

/** An error answered as `{ ErrorMessage, Errors }` with `status`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: string[] = [],
  ) {
    super(message);
  }
}

/** 404 whose message contains "not found" (the MCP server matches on it). */
export function notFound(what: string, id: string): HttpError {
  return new HttpError(404, `The resource '${id}' was not found.`, [`${what} '${id}' could not be found.`]);
}

/** 400 "There was a problem with your request." with specific reasons. */
export function badRequest(...errors: string[]): HttpError {
  return new HttpError(400, "There was a problem with your request.", errors);
}

/** Query parameters with case-insensitive names; lists accept comma-joined values and repeated keys. */
export class QueryParams {
  private readonly map = new Map<string, string[]>();

  constructor(search: URLSearchParams) {
    for (const [k, v] of search) {
      const key = k.toLowerCase();
      const list = this.map.get(key);
      if (list) list.push(v);
      else this.map.set(key, [v]);
    }
  }

  get(name: string): string | undefined {
    const v = this.map.get(name.toLowerCase());
    return v?.[v.length - 1];
  }

  /** Comma-joined or repeated values, trimmed, empty entries dropped. */
  list(name: string): string[] {
    return (this.map.get(name.toLowerCase()) ?? [])
      .flatMap((v) => v.split(","))
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }

  /** Non-negative integer, or `fallback`; throws 400 for non-numbers. */
  int(name: string, fallback: number): number {
    const v = this.get(name);
    if (v === undefined || v === "") return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0)
      throw badRequest(`The query parameter '${name}' must be a non-negative integer; got '${v}'.`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.get(name);
    if (v === undefined || v === "") return undefined;
    return v.toLowerCase() === "true";
  }
}

/** A JSON request body read with case-insensitive property names (PascalCase or camelCase). */
export class BodyParams {
  private readonly map = new Map<string, unknown>();

  constructor(readonly raw: unknown) {
    if (raw && typeof raw === "object" && !Array.isArray(raw)) {
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) this.map.set(k.toLowerCase(), v);
    }
  }

  get(name: string): unknown {
    return this.map.get(name.toLowerCase());
  }

  str(name: string): string | undefined {
    const v = this.get(name);
    return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
  }

  /** Required non-empty string; 400 naming the field otherwise. */
  required(name: string): string {
    const v = this.str(name);
    if (v === undefined || v.trim() === "") throw badRequest(`The '${name}' property is required.`);
    return v;
  }

  strList(name: string): string[] {
    const v = this.get(name);
    if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
    if (typeof v === "string" && v !== "") return [v];
    return [];
  }

  bool(name: string): boolean {
    const v = this.get(name);
    return v === true || (typeof v === "string" && v.toLowerCase() === "true");
  }

  record(name: string): Record<string, string> {
    const v = this.get(name);
    if (!v || typeof v !== "object" || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
  }
}

/** Everything a route handler gets. */
export interface RouteContext {
  method: string;
  params: Record<string, string>;
  query: QueryParams;
  body: BodyParams;
  /** The space of a space-scoped route (the default space for `/api/...` forms). */
  space: CatalogSpace;
  spaceN: number;
  /** False for `/api/…` and `/api/spaces//…`: get-by-ID then finds documents of any space. */
  explicitSpace: boolean;
  store: OctopusStore;
  /** The path as requested, without query (for `Links.Self`). */
  path: string;
}

/** A handler's answer: JSON (default 200) or streamed text. */
export type RouteResult =
  { status?: number; json: unknown } | { status?: number; text: Iterable<string>; contentType?: string };

export const TAKE_ALL = 2147483647;

/**
 * The collection envelope (octopus-api.md §9): `ItemType`, `TotalResults`, `ItemsPerPage`, `NumberOfPages`,
 * `LastPageNumber`, `Items`, `Links`. `items` is the full filtered list; skip/take come from the query
 * (default take 30, or `defaultTake`).
 */
export function collection<T, R>(
  ctx: RouteContext,
  itemType: string,
  items: readonly T[],
  render: (item: T) => R,
  defaultTake = 30,
): { json: unknown } {
  const skip = ctx.query.int("skip", 0);
  const take = ctx.query.int("take", defaultTake);
  const total = items.length;
  const pageItems = take === 0 ? [] : items.slice(skip, Math.min(total, skip + take));
  const perPage = take;
  const pages = perPage === 0 ? 0 : Math.ceil(total / perPage);
  const link = (s: number) => `${ctx.path}?skip=${s}&take=${take}`;
  const links: Record<string, string> = {
    Self: link(skip),
    Template: `${ctx.path}{?skip,take,ids,partialName}`,
    "Page.All": `${ctx.path}?skip=0&take=${TAKE_ALL}`,
    "Page.Current": link(skip),
    "Page.Last": link(Math.max(0, (pages - 1) * perPage)),
  };
  if (skip + take < total) links["Page.Next"] = link(skip + take);
  return {
    json: {
      ItemType: itemType,
      TotalResults: total,
      ItemsPerPage: perPage,
      NumberOfPages: pages,
      LastPageNumber: Math.max(0, pages - 1),
      Items: pageItems.map(render),
      Links: links,
    },
  };
}

/** ISO 8601 with offset, as Octopus writes dates: `2026-11-27T16:00:00.000+00:00`. */
export function isoDate(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString().replace("Z", "+00:00");
}

/** Filter helper: case-insensitive substring on a name (`partialName`). */
export function matchesPartial(name: string, partial: string | undefined): boolean {
  return partial === undefined || partial === "" || name.toLowerCase().includes(partial.toLowerCase());
}

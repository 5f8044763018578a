import { type CatalogSpace } from "../seed/catalog.js";
import { BodyParams, HttpError, QueryParams, type RouteContext, type RouteResult, notFound } from "./http.js";
import { type OctopusStore, idNum } from "./store.js";

export type Handler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

/** A route: `scope: "space"` routes answer in all three forms (octopus-api.md §5), "global" ones only under /api. */
export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path after `/api` (global) or after the space segment (space), e.g. "/projects/:id". Literals match case-insensitively. */
  path: string;
  scope: "global" | "space";
  handler: Handler;
}

interface Compiled extends Route {
  segments: string[];
  literals: number;
}

export interface Dispatched {
  status: number;
  result: RouteResult;
}

function compile(r: Route): Compiled {
  const segments = r.path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => (s.startsWith(":") ? s : s.toLowerCase()));
  return { ...r, segments, literals: segments.filter((s) => !s.startsWith(":")).length };
}

function match(route: Compiled, segs: string[]): Record<string, string> | undefined {
  if (route.segments.length !== segs.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segs.length; i++) {
    const pat = route.segments[i] ?? "";
    const seg = segs[i] ?? "";
    if (pat.startsWith(":")) {
      if (seg === "") return undefined;
      params[pat.slice(1)] = seg;
    } else if (pat !== seg.toLowerCase()) return undefined;
  }
  return params;
}

/**
 * Routes requests under `/api` to handlers. Space-scoped routes are reachable as `/api/{spaceId}/…`,
 * `/api/spaces/{spaceId}/…`, `/api/spaces//…` (default space: the api-client's tenanted live-status bug) and
 * `/api/…` (default space). Path segments are URL-decoded before matching.
 */
export class OctopusRouter {
  private readonly global: Compiled[];
  private readonly scoped: Compiled[];

  constructor(
    routes: readonly Route[],
    /** The store, generated on first use (so the server starts before the seed exists). */
    private readonly store: () => OctopusStore,
  ) {
    const all = routes.map(compile).sort((a, b) => b.literals - a.literals);
    this.global = all.filter((r) => r.scope === "global");
    this.scoped = all.filter((r) => r.scope === "space");
  }

  private resolveSpace(id: string): CatalogSpace {
    if (id === "") return this.store().defaultSpace();
    const space = this.store().spaces.find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (!space) throw notFound("Space", id);
    return space;
  }

  /**
   * @param pathname the raw (percent-encoded) path, starting with `/api`
   * @throws HttpError 404 for unknown routes or spaces, 405 for a known path with another method, 400 for bad encoding
   */
  async dispatch(
    method: string,
    pathname: string,
    search: URLSearchParams,
    body: unknown,
  ): Promise<Dispatched> {
    let segs: string[];
    try {
      segs = pathname
        .replace(/^\/api/i, "")
        .split("/")
        .slice(1)
        .map((s) => decodeURIComponent(s));
    } catch {
      throw new HttpError(400, "There was a problem with your request.", [
        `The path '${pathname}' is not correctly URL-encoded.`,
      ]);
    }
    if (segs.length > 0 && segs[segs.length - 1] === "") segs.pop();
    const query = new QueryParams(search);
    const bodyParams = new BodyParams(body);
    const base = { method, query, body: bodyParams, store: this.store(), path: pathname };

    let methodMismatch = false;
    const tryRoutes = async (
      routes: Compiled[],
      rest: string[],
      space: CatalogSpace,
      explicitSpace: boolean,
    ): Promise<Dispatched | undefined> => {
      for (const r of routes) {
        const params = match(r, rest);
        if (!params) continue;
        if (r.method !== method && !(method === "HEAD" && r.method === "GET")) {
          methodMismatch = true;
          continue;
        }
        const result = await r.handler({ ...base, params, space, spaceN: idNum(space.id), explicitSpace });
        return { status: result.status ?? 200, result };
      }
      return undefined;
    };

    const def = this.store().defaultSpace();
    const globalHit = await tryRoutes(this.global, segs, def, false);
    if (globalHit) return globalHit;

    const first = segs[0] ?? "";
    let spaceId: string | undefined;
    let rest = segs;
    if (first.toLowerCase() === "spaces" && segs.length >= 2) {
      spaceId = segs[1] ?? "";
      rest = segs.slice(2);
    } else if (/^spaces-\d+$/i.test(first)) {
      spaceId = first;
      rest = segs.slice(1);
    }
    const space = spaceId === undefined ? def : this.resolveSpace(spaceId);
    const hit = await tryRoutes(this.scoped, rest, space, spaceId !== undefined && spaceId !== "");
    if (hit) return hit;
    if (methodMismatch) throw new HttpError(405, `The method ${method} is not allowed on ${pathname}.`, []);
    throw new HttpError(404, "The resource you requested was not found.", [
      `No API route matches ${method} ${pathname}.`,
    ]);
  }
}

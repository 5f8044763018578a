import { type CatalogEnvironment, type CatalogProject, type CatalogTenant } from "../../seed/catalog.js";
import { type RouteContext, notFound } from "../http.js";
import { type TaskRec, idNumber } from "../model.js";
import { idNum } from "../store.js";

/**
 * Look-ups shared by the routes. Documents of another space are "not found" when the request named a space;
 * through the default-space forms (`/api/…`) get-by-ID finds a document of any space, as task links
 * (`/api/tasks/{id}`) expect.
 */

export function inSpace(ctx: RouteContext, spaceN: number): boolean {
  return !ctx.explicitSpace || spaceN === ctx.spaceN;
}

/** By `Projects-N`, slug or (exact, case-insensitive) name. */
export function findProject(ctx: RouteContext, idOrSlug: string): CatalogProject {
  const key = idOrSlug.toLowerCase();
  const p = ctx.store.projects.find(
    (x) =>
      (x.id.toLowerCase() === key || x.slug === key || x.name.toLowerCase() === key) &&
      inSpace(ctx, idNum(x.spaceId)),
  );
  if (!p) throw notFound("Project", idOrSlug);
  return p;
}

export function findEnvironment(ctx: RouteContext, idOrName: string): CatalogEnvironment {
  const key = idOrName.toLowerCase();
  const e = ctx.store.environments.find(
    (x) =>
      (x.id.toLowerCase() === key || x.slug === key || x.name.toLowerCase() === key) &&
      inSpace(ctx, idNum(x.spaceId)),
  );
  if (!e) throw notFound("Environment", idOrName);
  return e;
}

export function findTenant(ctx: RouteContext, idOrName: string): CatalogTenant {
  const key = idOrName.toLowerCase();
  const t = ctx.store.tenants.find(
    (x) =>
      (x.id.toLowerCase() === key || x.slug === key || x.name.toLowerCase() === key) &&
      inSpace(ctx, idNum(x.spaceId)),
  );
  if (!t) throw notFound("Tenant", idOrName);
  return t;
}

export function findTask(ctx: RouteContext, id: string): TaskRec {
  const t = ctx.store.task(idNumber(id, "ServerTasks"));
  if (!t || !inSpace(ctx, t.spaceN)) throw notFound("Task", id);
  return t;
}

/** Finds a numbered record by `Prefix-N` in a getter, honouring the space rule. */
export function findById<T extends { spaceN: number }>(
  ctx: RouteContext,
  id: string,
  prefix: string,
  what: string,
  get: (n: number) => T | undefined,
): T {
  const rec = get(idNumber(id, prefix));
  if (!rec || !inSpace(ctx, rec.spaceN)) throw notFound(what, id);
  return rec;
}

/** Keeps items (an array or a record table) whose ID is in the `ids` query list (when given). */
export function filterIds<T>(
  ctx: RouteContext,
  items: { filter(keep: (t: T) => boolean): T[] },
  id: (t: T) => string,
): readonly T[] {
  const ids = ctx.query.list("ids");
  if (ids.length === 0) return items.filter(() => true);
  const set = new Set(ids.map((s) => s.toLowerCase()));
  return items.filter((t) => set.has(id(t).toLowerCase()));
}

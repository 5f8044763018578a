import { type Route } from "../router.js";
import { collection, notFound } from "../http.js";
import { renderDeployment, renderRelease } from "../render/executions.js";
import { type ReleaseRec } from "../model.js";
import { idNum } from "../store.js";
import { filterIds, findById, findProject } from "./lookup.js";

function versionFilter(items: readonly ReleaseRec[], search: string | undefined): readonly ReleaseRec[] {
  if (!search) return items;
  const s = search.toLowerCase();
  return items.filter((r) => r.version.toLowerCase().includes(s));
}

/** Releases (newest first) and their deployments. */
export const releaseRoutes: Route[] = [
  {
    method: "GET",
    path: "/releases",
    scope: "space",
    handler: (ctx) => {
      const all = ctx.store.releases.filter((r) => r.spaceN === ctx.spaceN).reverse();
      return collection(
        ctx,
        "Release",
        filterIds(ctx, all, (r) => `Releases-${r.n}`),
        (r) => renderRelease(ctx.store, r),
      );
    },
  },
  {
    method: "GET",
    path: "/releases/:id",
    scope: "space",
    handler: (ctx) => ({
      json: renderRelease(
        ctx.store,
        findById(ctx, ctx.params.id ?? "", "Releases", "Release", (n) => ctx.store.release(n)),
      ),
    }),
  },
  {
    method: "GET",
    path: "/releases/:id/deployments",
    scope: "space",
    handler: (ctx) => {
      const r = findById(ctx, ctx.params.id ?? "", "Releases", "Release", (n) => ctx.store.release(n));
      const items = ctx.store.deployments.filter((d) => d.releaseN === r.n).reverse();
      return collection(ctx, "Deployment", items, (d) => renderDeployment(ctx.store, d));
    },
  },
  {
    method: "GET",
    path: "/projects/:id/releases",
    scope: "space",
    handler: (ctx) => {
      const p = findProject(ctx, ctx.params.id ?? "");
      const items = versionFilter(ctx.store.projectReleases(idNum(p.id)), ctx.query.get("searchByVersion"));
      return collection(ctx, "Release", items, (r) => renderRelease(ctx.store, r));
    },
  },
  {
    method: "GET",
    path: "/projects/:id/releases/:version",
    scope: "space",
    handler: (ctx) => {
      const p = findProject(ctx, ctx.params.id ?? "");
      const v = ctx.params.version ?? "";
      const r = ctx.store.releases.find((x) => x.projectN === idNum(p.id) && x.version === v);
      if (!r) throw notFound("Release", `${p.name} ${v}`);
      return { json: renderRelease(ctx.store, r) };
    },
  },
  {
    method: "GET",
    path: "/channels/:id/releases",
    scope: "space",
    handler: (ctx) => {
      const c = findById(ctx, ctx.params.id ?? "", "Channels", "Channel", (n) => ctx.store.channel(n));
      const items = versionFilter(
        ctx.store.releases.filter((r) => r.channelN === c.n).reverse(),
        ctx.query.get("searchByVersion"),
      );
      return collection(ctx, "Release", items, (r) => renderRelease(ctx.store, r));
    },
  },
];

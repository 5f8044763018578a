import { EVENT_CATEGORIES, type EventRec } from "../model.js";
import { type Route } from "../router.js";
import { collection } from "../http.js";
import { eventRelated, renderEvent } from "../render/events.js";
import { findById } from "./lookup.js";

/** The audit log: `GET …/events` newest first with the usual filters, and `GET /api/events/categories`. */
export const eventRoutes: Route[] = [
  {
    method: "GET",
    path: "/events",
    scope: "space",
    handler: (ctx) => {
      const q = ctx.query;
      const lower = (name: string) => new Set(q.list(name).map((s) => s.toLowerCase()));
      const regarding = lower("regarding");
      for (const r of q.list("regardingAny")) regarding.add(r.toLowerCase());
      const projects = lower("projects");
      const envs = lower("environments");
      const tenants = lower("tenants");
      const cats = lower("eventCategories");
      const users = lower("users");
      const from = q.get("from") ? Date.parse(q.get("from") ?? "") : undefined;
      const to = q.get("to") ? Date.parse(q.get("to") ?? "") : undefined;
      const items = ctx.store.events
        .select((e) => {
          if (e.spaceN !== ctx.spaceN) return false;
          if (cats.size && !cats.has(e.category.toLowerCase())) return false;
          if (users.size && !users.has(`users-${e.userN}`)) return false;
          if (from !== undefined && e.occurred < from) return false;
          if (to !== undefined && e.occurred > to) return false;
          if (!regarding.size && !projects.size && !envs.size && !tenants.size) return true;
          const rel = eventRelated(ctx.store, e);
          if (regarding.size && !rel.ids.some((id) => regarding.has(id.toLowerCase()))) return false;
          if (projects.size && !projects.has(`projects-${rel.projectN}`)) return false;
          if (envs.size && !envs.has(`environments-${rel.envN}`)) return false;
          if (tenants.size && !tenants.has(`tenants-${rel.tenantN}`)) return false;
          return true;
        })
        .reverse();
      return collection(ctx, "Event", items, (n) =>
        renderEvent(ctx.store, ctx.store.events.get(n) as EventRec),
      );
    },
  },
  {
    method: "GET",
    path: "/events/:id",
    scope: "space",
    handler: (ctx) => ({
      json: renderEvent(
        ctx.store,
        findById(ctx, ctx.params.id ?? "", "Events", "Event", (n) => ctx.store.events.get(n)),
      ),
    }),
  },
  {
    method: "GET",
    path: "/events/categories",
    scope: "global",
    handler: () => ({
      json: EVENT_CATEGORIES.map((c) => ({ Id: c, Name: c.replace(/([a-z])([A-Z])/g, "$1 $2") })),
    }),
  },
];

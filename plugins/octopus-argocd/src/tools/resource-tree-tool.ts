import { z } from "zod";
import { locateApplication } from "../argocd/application-locator.js";
import type { ArgoResourceNode } from "../argocd/types.js";
import type { ArgoCdServices } from "../services.js";
import { truncate } from "../shaping/application-shaping.js";
import { applicationFields } from "./common-schemas.js";
import { typedTool } from "./typed-tool.js";

const HEALTH_RANK: Record<string, number> = {
  Degraded: 0,
  Missing: 1,
  Unknown: 2,
  Progressing: 3,
  Suspended: 4,
  Healthy: 5,
};

interface ResourceRow {
  kind: string;
  name: string;
  namespace?: string;
  health?: string;
  message?: string;
  sync?: string;
  images?: readonly string[];
}

/** `argocd_get_resource_tree`: resources with problems first (unhealthy, then out of sync). */
export function resourceTreeTool(services: ArgoCdServices) {
  return typedTool({
    name: "argocd_get_resource_tree",
    title: "Resource tree",
    description:
      "Resources of an application (incl. Pods) with health and sync, problems first, with counts.",
    access: "read",
    inputSchema: z
      .object({
        ...applicationFields,
        limit: z.number().int().min(1).max(200).default(30).describe("Max resources"),
      })
      .strict(),
    handler: async (args, context) => {
      const located = await locateApplication(services, context, args.name, args.instance);
      const client = services.client(located.instance, context);
      const ref = { name: located.name, appNamespace: located.appNamespace };
      const [app, tree] = await Promise.all([client.getApplication(ref), client.resourceTree(ref)]);
      const syncByKey = new Map<string, string>();
      const managed =
        (app.status as { resources?: readonly Record<string, string | undefined>[] } | undefined)
          ?.resources ?? [];
      for (const r of managed)
        syncByKey.set(`${r["kind"]}/${r["namespace"] ?? ""}/${r["name"]}`, r["status"] ?? "Unknown");
      const rows: ResourceRow[] = (tree.nodes ?? []).map((node: ArgoResourceNode) => {
        const sync = syncByKey.get(`${node.kind}/${node.namespace ?? ""}/${node.name}`);
        return {
          kind: node.kind ?? "?",
          name: node.name ?? "?",
          ...(node.namespace ? { namespace: node.namespace } : {}),
          ...(node.health?.status ? { health: node.health.status } : {}),
          ...(node.health?.message ? { message: truncate(node.health.message, 200) } : {}),
          ...(sync ? { sync } : {}),
          ...(node.images?.length ? { images: node.images } : {}),
        };
      });
      rows.sort((a, b) => rank(a) - rank(b) || `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));
      const count = (key: "health" | "sync") =>
        rows.reduce<Record<string, number>>((acc, r) => {
          if (r[key]) acc[r[key]] = (acc[r[key]] ?? 0) + 1;
          return acc;
        }, {});
      return {
        instance: located.instance.name,
        application: args.name,
        total: rows.length,
        health: count("health"),
        sync: count("sync"),
        resources: rows.slice(0, args.limit),
        ...(rows.length > args.limit ? { truncated: true } : {}),
        ...(tree.orphanedNodes?.length ? { orphaned: tree.orphanedNodes.length } : {}),
      };
    },
  });
}

/** Degraded, Missing, Unknown first; then anything OutOfSync; then Progressing, Suspended, Healthy. */
function rank(row: ResourceRow): number {
  const health = row.health !== undefined ? (HEALTH_RANK[row.health] ?? 2) : 5;
  if (health <= 2) return health;
  if (row.sync === "OutOfSync") return 3;
  return 3 + health;
}

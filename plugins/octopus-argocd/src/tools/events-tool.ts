import { z } from "zod";
import { locateApplication } from "../argocd/application-locator.js";
import type { ArgoCdServices } from "../services.js";
import { truncate } from "../shaping/application-shaping.js";
import { applicationFields } from "./common-schemas.js";
import { typedTool } from "./typed-tool.js";

/** `argocd_list_events`: the application's recent Kubernetes events, newest first. */
export function eventsTool(services: ArgoCdServices) {
  return typedTool({
    name: "argocd_list_events",
    title: "Application events",
    description: "Recent events of an application, newest first.",
    access: "read",
    inputSchema: z
      .object({
        ...applicationFields,
        limit: z.number().int().min(1).max(100).default(20).describe("Max events"),
        warningsOnly: z.boolean().default(false).describe("Only type=Warning"),
      })
      .strict(),
    handler: async (args, context) => {
      const located = await locateApplication(services, context, args.name, args.instance);
      const events = await services
        .client(located.instance, context)
        .events({ name: located.name, appNamespace: located.appNamespace });
      const when = (e: (typeof events)[number]) =>
        e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? "";
      const selected = events
        .filter((e) => !args.warningsOnly || e.type === "Warning")
        .sort((a, b) => when(b).localeCompare(when(a)));
      return {
        instance: located.instance.name,
        application: args.name,
        total: selected.length,
        events: selected.slice(0, args.limit).map((e) => ({
          time: when(e),
          type: e.type ?? "Normal",
          reason: e.reason ?? "",
          message: truncate(e.message ?? "", 300),
          ...(e.count && e.count > 1 ? { count: e.count } : {}),
          ...(e.involvedObject?.kind
            ? { object: `${e.involvedObject.kind}/${e.involvedObject.name ?? ""}` }
            : {}),
        })),
      };
    },
  });
}

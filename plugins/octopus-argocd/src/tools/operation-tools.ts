/** Write tools acting on one application: refresh and sync. */
import { z } from "zod";
import { locateApplication } from "../argocd/application-locator.js";
import type { ArgoApplication } from "../argocd/types.js";
import type { ArgoCdServices } from "../services.js";
import { truncate } from "../shaping/application-shaping.js";
import { applicationFields, optionalText } from "./common-schemas.js";
import { typedTool } from "./typed-tool.js";

function state(instance: string, app: ArgoApplication) {
  const op = app.status?.operationState;
  return {
    instance,
    name: app.metadata?.name ?? "?",
    sync: app.status?.sync?.status ?? "Unknown",
    ...(app.status?.sync?.revision ? { revision: app.status.sync.revision } : {}),
    health: app.status?.health?.status ?? "Unknown",
    ...(op
      ? { operation: { phase: op.phase, ...(op.message ? { message: truncate(op.message, 300) } : {}) } }
      : {}),
  };
}

/** `argocd_refresh_application`: re-compare with Git now. */
export function refreshApplicationTool(services: ArgoCdServices) {
  const schema = z
    .object({
      ...applicationFields,
      hard: z.boolean().default(false).describe("Also invalidate the manifest cache"),
    })
    .strict();
  return typedTool({
    name: "argocd_refresh_application",
    title: "Refresh application",
    description: "Re-compares an application with Git now; returns sync and health.",
    access: "write",
    annotations: { idempotentHint: true },
    confirmationMessage: (args: z.infer<typeof schema>) =>
      `${args.hard ? "Hard-refresh" : "Refresh"} Argo CD application ${args.name}${args.instance ? ` on ${args.instance}` : ""}`,
    inputSchema: schema,
    handler: async (args, context) => {
      const located = await locateApplication(services, context, args.name, args.instance);
      const app = await services
        .client(located.instance, context)
        .getApplication(
          { name: located.name, appNamespace: located.appNamespace },
          args.hard ? "hard" : "normal",
        );
      return state(located.instance.name, app);
    },
  });
}

/** `argocd_sync_application`: start a sync; a running operation is a retryable conflict. */
export function syncApplicationTool(services: ArgoCdServices) {
  const schema = z
    .object({
      ...applicationFields,
      revision: optionalText().describe("Git revision; default target"),
      prune: z.boolean().default(false).describe("Delete resources not in Git"),
      dryRun: z.boolean().default(false).describe("Validate without applying"),
    })
    .strict();
  return typedTool({
    name: "argocd_sync_application",
    title: "Sync application",
    description:
      "Starts syncing an application to Git; poll argocd_get_application for the result. Conflict (retry_after) " +
      "while another operation runs.",
    access: "write",
    confirmationMessage: (args: z.infer<typeof schema>) =>
      `Sync Argo CD application ${args.name}${args.instance ? ` on ${args.instance}` : ""}` +
      `${args.revision ? ` to ${args.revision}` : ""}${args.prune ? " with prune" : ""}${args.dryRun ? " (dry run)" : ""}`,
    inputSchema: schema,
    handler: async (args, context) => {
      const located = await locateApplication(services, context, args.name, args.instance);
      const app = await services
        .client(located.instance, context)
        .sync(
          { name: located.name, appNamespace: located.appNamespace },
          { ...(args.revision ? { revision: args.revision } : {}), prune: args.prune, dryRun: args.dryRun },
        );
      return { ...state(located.instance.name, app), started: true };
    },
  });
}

import { z } from "zod";
import { locateApplication } from "../argocd/application-locator.js";
import type { ArgoCdServices } from "../services.js";
import { applicationFull, applicationSummary } from "../shaping/application-shaping.js";
import { applicationFields } from "./common-schemas.js";
import { typedTool } from "./typed-tool.js";

/** `argocd_get_application`: sync, health, images, sources and last operation of one application. */
export function getApplicationTool(services: ArgoCdServices) {
  return typedTool({
    name: "argocd_get_application",
    title: "Get application",
    description:
      "One application: sync+revision, health+message, images, sources (repo, path, revision, Helm value files, " +
      "Kustomize images, Octopus scope), last operation.",
    access: "read",
    inputSchema: z
      .object({
        ...applicationFields,
        detail: z
          .enum(["summary", "full"])
          .default("summary")
          .describe("full adds labels, annotations, sync policy"),
      })
      .strict(),
    handler: async (args, context) => {
      const located = await locateApplication(services, context, args.name, args.instance);
      const app = await services
        .client(located.instance, context)
        .getApplication({ name: located.name, appNamespace: located.appNamespace });
      return args.detail === "full"
        ? applicationFull(located.instance.name, app)
        : applicationSummary(located.instance.name, app);
    },
  });
}

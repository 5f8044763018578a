import { InvalidArgumentsError } from "@octopus-mcp/core";
import { z } from "zod";
import { parseImageUpdateRequests } from "../images/image-reference.js";
import type { ArgoCdServices } from "../services.js";
import { scopeFields } from "./common-schemas.js";
import { typedTool } from "./typed-tool.js";

const schema = z
  .object({
    ...scopeFields,
    images: z
      .array(z.string().min(1))
      .min(1)
      .max(20)
      .describe("Images to set, e.g. ghcr.io/acme/checkout:1.4.2"),
    dryRun: z.boolean().default(false).describe("Return the diff without committing"),
  })
  .strict();

/** `argocd_update_image_tags`: GitOps promotion by committing image versions to the applications' sources. */
export function updateImageTagsTool(services: ArgoCdServices) {
  return typedTool({
    name: "argocd_update_image_tags",
    title: "Update image tags",
    description:
      "Sets image versions in the Git sources of an Octopus scope's applications (manifests, Kustomize images, Helm " +
      "values), commits and pushes (or a PR branch). dryRun returns the diff.",
    access: "write",
    confirmationMessage: (args: z.infer<typeof schema>) =>
      `${args.dryRun ? "Preview (dry run) setting" : "Commit and push"} ${args.images.join(", ")} for ${args.project} in ` +
      `${args.environment}${args.tenant ? ` (tenant ${args.tenant})` : ""}`,
    inputSchema: schema,
    handler: async (args, context) => {
      let requests;
      try {
        requests = parseImageUpdateRequests(args.images);
      } catch (error) {
        throw new InvalidArgumentsError((error as Error).message, [
          { path: "/images", rule: "format", message: (error as Error).message },
        ]);
      }
      // Loaded on first use: the Git and YAML-editing code (the `yaml` parser alone is ~70 modules)
      // would otherwise load with every host start, for a tool most sessions never call.
      const { updateImageTags } = await import("../updates/image-update-service.js");
      return updateImageTags(services, context, {
        scope: { project: args.project, environment: args.environment, tenant: args.tenant },
        requests,
        dryRun: args.dryRun,
        instance: args.instance,
      });
    },
  });
}

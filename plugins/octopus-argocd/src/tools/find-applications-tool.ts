import { UpstreamUnavailableError } from "@octopus-mcp/core";
import { z } from "zod";
import { findScopedApplications } from "../argocd/application-finder.js";
import type { ArgoCdServices } from "../services.js";
import { typedTool } from "./typed-tool.js";
import { groupByInstance } from "../shaping/application-shaping.js";
import { scopeFields } from "./common-schemas.js";

/** Matches listed at most; `count` is always the full number. */
const MAX_LISTED = 100;

/** `argocd_find_applications`: applications mapped to an Octopus project/environment(/tenant). */
export function findApplicationsTool(services: ArgoCdServices) {
  return typedTool({
    name: "argocd_find_applications",
    title: "Find applications for an Octopus scope",
    description:
      "Applications mapped by argo.octopus.com annotations to an Octopus project+environment(+tenant) on all " +
      "instances, with sync, health, images.",
    access: "read",
    inputSchema: z.object(scopeFields).strict(),
    handler: async (args, context) => {
      const instances = services.instances(context, args.instance);
      const scope = { project: args.project, environment: args.environment, tenant: args.tenant };
      const result = await findScopedApplications(instances, scope, (i) => services.client(i, context));
      if (
        result.unavailable.length > 0 &&
        result.unavailable.length === instances.length - result.outOfScope.length
      ) {
        throw new UpstreamUnavailableError(
          `No Argo CD instance could be searched: ${result.unavailable.map((u) => u.message).join(" ")}`,
        );
      }
      return {
        count: result.matches.length,
        instances: groupByInstance(result.matches.slice(0, MAX_LISTED)),
        ...(result.matches.length > MAX_LISTED ? { truncated: true } : {}),
        ...(result.unavailable.length ? { unavailable: result.unavailable } : {}),
        ...(result.outOfScope.length ? { outOfScope: result.outOfScope } : {}),
      };
    },
  });
}

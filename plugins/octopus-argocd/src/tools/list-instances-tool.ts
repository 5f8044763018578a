import { isOctopusMcpError } from "@octopus-mcp/core";
import { z } from "zod";
import type { ArgoCdServices } from "../services.js";
import { typedTool } from "./typed-tool.js";

const VERSION_PROBE_TIMEOUT_MS = 5000;

/** `argocd_list_instances`: configured instances, their scoping, reachability and version. */
export function listInstancesTool(services: ArgoCdServices) {
  return typedTool({
    name: "argocd_list_instances",
    title: "List instances",
    description: "Configured Argo CD instances with their scoping, reachability and version.",
    access: "read",
    inputSchema: z.object({}).strict(),
    handler: async (_args, context) => {
      const instances = services.instances(context);
      const probes = await Promise.all(
        instances.map(async (instance) => {
          try {
            const version = await services.client(instance, context).version(VERSION_PROBE_TIMEOUT_MS);
            return { reachable: true, version: version.Version ?? "unknown" };
          } catch (error) {
            return {
              reachable: false,
              error: isOctopusMcpError(error) ? `${error.code}: ${error.message}` : "unreachable",
            };
          }
        }),
      );
      return {
        instances: instances.map((instance, i) => ({
          name: instance.name,
          baseUrl: instance.baseUrl,
          ...(instance.environments ? { environments: instance.environments } : {}),
          ...(instance.octopusTenants ? { octopusTenants: instance.octopusTenants } : {}),
          ...probes[i],
        })),
      };
    },
  });
}

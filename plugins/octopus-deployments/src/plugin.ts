/**
 * The deployments plugin (namespace `deployments`): what was shipped where, and the safe way to
 * ship. All Octopus access goes through `@octopus-mcp/octopus-api` on the host's HttpClient.
 */
import type { IOctopusPlugin, IOctopusPluginContext } from "@octopus-mcp/core";
import type { AnyTool } from "./define.js";
import { CONFIG_SCHEMA, DeploymentsDeps, type DeploymentsConfig } from "./deps.js";
import { prompts } from "./prompts.js";
import { resourceTemplates } from "./resources.js";
import { catalogTools } from "./tools/catalog.js";
import { dashboardTools } from "./tools/dashboard.js";
import { deploymentTools } from "./tools/deployments.js";
import { liveStatusTools } from "./tools/live-status.js";
import { projectConfigTools } from "./tools/project-config.js";
import { releaseTools } from "./tools/releases.js";
import { writeTools } from "./tools/write.js";
import { PRECOMPILED_CONFIG_VALIDATOR } from "./generated/config-validator.js";

export const PLUGIN_NAME = "@octopus-mcp/plugin-octopus-deployments";
export const PLUGIN_VERSION = "0.1.0";

const INSTRUCTIONS =
  "deployments_* tools answer what is deployed where in Octopus Deploy. Names, slugs and IDs are accepted for " +
  "spaces, projects, environments, Octopus tenants and channels; misspelt names return suggestions. List tools " +
  "page with nextCursor. Start with deployments_get_dashboard or deployments_list_deployments; " +
  "deployments_get_deployment returns a taskId for the tasks tools.";

/** All tool definitions of the plugin (also used by tests and the tools/list budget check). */
export function deploymentsToolDefinitions(deps: DeploymentsDeps): AnyTool[] {
  return [
    ...catalogTools(deps),
    ...releaseTools(deps),
    ...deploymentTools(deps),
    ...dashboardTools(deps),
    ...projectConfigTools(deps),
    ...liveStatusTools(deps),
    ...writeTools(deps),
  ];
}

/** Creates a fresh plugin instance (state such as the space cache is per instance). */
export function createDeploymentsPlugin(): IOctopusPlugin<DeploymentsConfig> {
  return {
    manifest: {
      name: PLUGIN_NAME,
      version: PLUGIN_VERSION,
      namespace: "deployments",
      description: "Octopus deployments, releases, dashboards and promotions for agents.",
      hostVersion: "^0.1.0",
      configSchema: CONFIG_SCHEMA,
      precompiledConfigValidator: PRECOMPILED_CONFIG_VALIDATOR,
    },
    // No I/O here: the tools only need services that onStartAsync receives.
    onRegister: () => undefined,
    onStartAsync: async (context: IOctopusPluginContext<DeploymentsConfig>) => {
      const deps = new DeploymentsDeps(context.http, context.credentials, context.config);
      for (const tool of deploymentsToolDefinitions(deps)) context.registry.addTool(tool);
      for (const template of resourceTemplates(deps)) context.registry.addResourceTemplate(template);
      for (const prompt of prompts(deps)) context.registry.addPrompt(prompt);
      context.registry.addInstructions(INSTRUCTIONS);
    },
    onStopAsync: async () => undefined,
  };
}

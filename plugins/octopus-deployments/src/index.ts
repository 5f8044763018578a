/**
 * `@octopus-mcp/plugin-octopus-deployments`: Octopus deployments, releases, dashboards and
 * promotions for agents (namespace `deployments`). Default export: the plugin factory.
 */
import { createDeploymentsPlugin } from "./plugin.js";

export {
  createDeploymentsPlugin,
  deploymentsToolDefinitions,
  PLUGIN_NAME,
  PLUGIN_VERSION,
} from "./plugin.js";
export { DeploymentsDeps, CONFIG_SCHEMA, type DeploymentsConfig } from "./deps.js";
export { summarizeDeployment, summarizeRelease, summarizeTask, findFailingStep } from "./summaries.js";
export default createDeploymentsPlugin;

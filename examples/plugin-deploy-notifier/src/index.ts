/**
 * `octopus-mcp-plugin-deploy-notifier`: the host imports the `default` export, a factory returning
 * a fresh plugin.
 */
import { createDeployNotifierPlugin } from "./plugin.js";

export { createDeployNotifierPlugin, DEPLOY_NOTIFIER_MANIFEST } from "./plugin.js";
export {
  DEPLOY_NOTIFIER_CONFIG_SCHEMA,
  type DeployNotifierConfig,
  type DeployNotifierTenantSettings,
} from "./config.js";
export { formatDuration, headline, messageText, type DeploymentFacts } from "./deployment-summary.js";
export {
  postDeploymentSummaryTool,
  type PostDeploymentSummaryResult,
} from "./tools/post-deployment-summary-tool.js";
export default createDeployNotifierPlugin;

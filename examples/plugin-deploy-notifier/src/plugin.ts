/**
 * The plugin object. `onRegister` only registers the config in DI (no I/O); the tool is added in
 * `onStartAsync`; nothing is held between calls, so `onStopAsync` has nothing to release.
 */
import "reflect-metadata";
import type { IOctopusPlugin, PluginManifest } from "@octopus-mcp/core";
import {
  DEPLOY_NOTIFIER_CONFIG,
  DEPLOY_NOTIFIER_CONFIG_SCHEMA,
  type DeployNotifierConfig,
} from "./config.js";
import { postDeploymentSummaryTool } from "./tools/post-deployment-summary-tool.js";

export const DEPLOY_NOTIFIER_MANIFEST: PluginManifest = {
  name: "octopus-mcp-plugin-deploy-notifier",
  version: "0.1.0",
  namespace: "deploy_notifier",
  description:
    "Posts Octopus deployment summaries to a chat webhook (Slack-compatible), webhook URL and token by credential ID.",
  hostVersion: "^0.1.0",
  configSchema: DEPLOY_NOTIFIER_CONFIG_SCHEMA,
};

/** Creates a fresh plugin instance: each host (and each test) gets its own state. */
export function createDeployNotifierPlugin(): IOctopusPlugin<DeployNotifierConfig> {
  return {
    manifest: DEPLOY_NOTIFIER_MANIFEST,
    onRegister(container, config) {
      container.registerInstance(DEPLOY_NOTIFIER_CONFIG, config);
    },
    async onStartAsync(context, signal) {
      signal.throwIfAborted();
      context.registry.addTool(postDeploymentSummaryTool);
      context.registry.addInstructions(
        "deploy_notifier_post_deployment_summary posts one deployment summary to the team chat; " +
          "read the deployment with the Octopus tools first and post once per deployment.",
      );
    },
    async onStopAsync() {
      // Nothing to release.
    },
  };
}

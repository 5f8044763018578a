/**
 * The `argocd` plugin: Octopus-scoped Argo CD visibility and GitOps image updates.
 * `onRegister` registers the manifest and config in DI only (no I/O); `onStartAsync` captures the
 * host's HttpClient and credential resolver and registers the tools; there is nothing to release
 * on stop (git work trees are removed at the end of each call).
 */
import type { IOctopusPlugin, IOctopusPluginContext, PluginManifest } from "@octopus-mcp/core";
import { ARGOCD_CONFIG_SCHEMA, resolveConfig } from "./plugin-config.js";
import { ArgoCdServices } from "./services.js";
import { eventsTool } from "./tools/events-tool.js";
import { findApplicationsTool } from "./tools/find-applications-tool.js";
import { getApplicationTool } from "./tools/get-application-tool.js";
import { listInstancesTool } from "./tools/list-instances-tool.js";
import { logsTool } from "./tools/logs-tool.js";
import { refreshApplicationTool, syncApplicationTool } from "./tools/operation-tools.js";
import { previewDeploymentTool } from "./tools/preview-deployment-tool.js";
import { resourceTreeTool } from "./tools/resource-tree-tool.js";
import { updateImageTagsTool } from "./tools/update-image-tags-tool.js";
import { validateAnnotationsTool } from "./tools/validate-annotations-tool.js";
import { PRECOMPILED_CONFIG_VALIDATOR } from "./generated/config-validator.js";

/** DI tokens this plugin registers in its own child container. */
export const ARGOCD_TOKENS = {
  /** The resolved `ArgoCdPluginConfig` (defaults applied). */
  Config: Symbol.for("octopus-mcp.argocd.Config"),
} as const;

export const ARGOCD_PLUGIN_MANIFEST: PluginManifest = {
  name: "@octopus-mcp/plugin-octopus-argocd",
  version: "0.1.0",
  namespace: "argocd",
  description:
    "Octopus-scoped Argo CD visibility (applications by Octopus project/environment/tenant) and GitOps image updates.",
  hostVersion: "^0.1.0",
  configSchema: ARGOCD_CONFIG_SCHEMA,
  precompiledConfigValidator: PRECOMPILED_CONFIG_VALIDATOR,
};

const INSTRUCTIONS =
  "Argo CD tools map applications to Octopus scope via argo.octopus.com annotations. Start with " +
  "argocd_find_applications (project+environment slugs, tenant slug when tenanted). To promote: " +
  "argocd_preview_deployment, then argocd_update_image_tags with dryRun true, then without; then " +
  "argocd_sync_application if auto-sync is off.";

/** All tools, in the order they are listed. */
export function argoCdTools(services: ArgoCdServices) {
  return [
    listInstancesTool(services),
    findApplicationsTool(services),
    getApplicationTool(services),
    resourceTreeTool(services),
    eventsTool(services),
    logsTool(services),
    validateAnnotationsTool(services),
    previewDeploymentTool(services),
    refreshApplicationTool(services),
    syncApplicationTool(services),
    updateImageTagsTool(services),
  ];
}

/** A fresh plugin instance (each host, e.g. each test, gets its own). */
export function createArgoCdPlugin(): IOctopusPlugin {
  return {
    manifest: ARGOCD_PLUGIN_MANIFEST,
    onRegister(container, config) {
      container.register(ARGOCD_TOKENS.Config, { useValue: resolveConfig(config) });
    },
    async onStartAsync(context: IOctopusPluginContext) {
      const services = new ArgoCdServices(context.http, context.credentials, resolveConfig(context.config));
      for (const tool of argoCdTools(services)) context.registry.addTool(tool);
      context.registry.addInstructions(INSTRUCTIONS);
    },
    async onStopAsync() {
      // Nothing held between calls.
    },
  };
}

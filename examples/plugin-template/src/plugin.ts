/**
 * The plugin object. Lifecycle contract (enforced by the host):
 * - `onRegister`: synchronous DI registration only (no I/O, timers or network);
 * - `onStartAsync`: register tools (and resources/prompts); honour `signal` (start timeout);
 * - `onStopAsync`: release whatever `onStartAsync` opened (nothing here).
 */
import "reflect-metadata";
import type { IOctopusPlugin, PluginManifest } from "@octopus-mcp/core";
import { TEMPLATE_CONFIG, TEMPLATE_CONFIG_SCHEMA, type TemplateConfig } from "./config.js";
import { getServerInfoTool } from "./tools/get-server-info-tool.js";

export const TEMPLATE_MANIFEST: PluginManifest = {
  name: "octopus-mcp-plugin-template",
  version: "0.1.0",
  namespace: "template",
  description:
    "A template Octopus MCP Host plugin: one read tool that reports the caller tenant's Octopus Server version.",
  hostVersion: "^0.1.0",
  configSchema: TEMPLATE_CONFIG_SCHEMA,
};

/** Creates a fresh plugin instance: each host (and each test) gets its own state. */
export function createTemplatePlugin(): IOctopusPlugin<TemplateConfig> {
  return {
    manifest: TEMPLATE_MANIFEST,
    onRegister(container, config) {
      container.registerInstance(TEMPLATE_CONFIG, config);
    },
    async onStartAsync(context, signal) {
      signal.throwIfAborted();
      context.registry.addTool(getServerInfoTool);
      context.registry.addInstructions(
        "template_get_server_info tells which Octopus Server and version this caller uses.",
      );
    },
    async onStopAsync() {
      // Nothing to release: no connections or timers are held between calls.
    },
  };
}

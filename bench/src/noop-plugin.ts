/** The no-op tool of noop-tool.ts as a host plugin (namespace `bench`). */
import { definePlugin, type IOctopusPlugin } from "@octopus-mcp/core";
import { NOOP_TOOL } from "./noop-tool.js";

/** A plugin (namespace `bench`) registering the no-op tool. */
export function noopPlugin(): IOctopusPlugin {
  return definePlugin({
    manifest: {
      name: "@octopus-mcp/bench-noop",
      version: "1.0.0",
      namespace: "bench",
      description: "The no-op tool of the benchmarks.",
      hostVersion: ">=0.0.0",
    },
    onRegister() {},
    async onStartAsync(context) {
      context.registry.addTool({ ...NOOP_TOOL, access: "read", handler: () => ({ ok: true }) });
    },
    async onStopAsync() {},
  });
}

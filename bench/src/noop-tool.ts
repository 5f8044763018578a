/**
 * The no-op tool every overhead comparison serves, once through the host (as a plugin) and once
 * through a bare SDK low-level `Server`, with the same name, schema and result.
 */
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { definePlugin, type IOctopusPlugin } from "@octopus-mcp/core";

export const NOOP_TOOL = {
  name: "bench_noop",
  description: "Does nothing and returns {ok: true}.",
  inputSchema: { type: "object" as const, properties: {}, additionalProperties: false },
};

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

/** Serves the no-op tool on a bare low-level SDK server (the baseline). */
export function serveNoop(server: Server): Server {
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [NOOP_TOOL] }));
  server.setRequestHandler(CallToolRequestSchema, () => ({
    structuredContent: { ok: true },
    content: [{ type: "text", text: '{"ok":true}' }],
  }));
  return server;
}

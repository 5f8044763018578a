/**
 * The no-op tool every overhead comparison serves, once through the host (as a plugin, see
 * noop-plugin.ts) and once through a bare SDK low-level `Server`, with the same name, schema and
 * result. Imports nothing of ours: the cold-start floor (figure 2) loads this module, and a bare
 * server loads only the SDK.
 */
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

export const NOOP_TOOL = {
  name: "bench_noop",
  description: "Does nothing and returns {ok: true}.",
  inputSchema: { type: "object" as const, properties: {}, additionalProperties: false },
};

/** Serves the no-op tool on a bare low-level SDK server (the baseline). */
export function serveNoop(server: Server): Server {
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [NOOP_TOOL] }));
  server.setRequestHandler(CallToolRequestSchema, () => ({
    structuredContent: { ok: true },
    content: [{ type: "text", text: '{"ok":true}' }],
  }));
  return server;
}

/**
 * Child process: a bare SDK low-level `Server` serving the no-op tool over stdio (the cold-start
 * floor of figure 2).
 */
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { serveNoop } from "../noop-tool.js";

const server = serveNoop(new Server({ name: "bare", version: "1.0.0" }, { capabilities: { tools: {} } }));
await server.connect(new StdioServerTransport());
process.stdin.once("end", () => void server.close().then(() => process.exit(0)));

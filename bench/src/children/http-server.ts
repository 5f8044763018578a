/**
 * Child process of figure 6: serves the no-op tool over Streamable HTTP on 127.0.0.1 (port 0),
 * stateless, no auth, and prints `{ "url": ... }`; stops when stdin closes or on SIGTERM.
 * Usage: node http-server.js <host|bare>
 * - host: `startHttpHost` with the no-op plugin, call governance hooks (confirmation, audit to a
 *   null sink, metrics), logging at info to a null destination.
 * - bare: node:http + a new SDK low-level `Server` and `StreamableHTTPServerTransport` per POST,
 *   the SDK's documented stateless pattern.
 */
import { createServer } from "node:http";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createCallGovernance, defaultHostConfig, startHttpHost } from "@octopus-mcp/host";
import { nullDestination } from "../figures/host-overhead.js";

import { noopPlugin } from "../noop-plugin.js";
import { serveNoop } from "../noop-tool.js";

const variant = process.argv[2];

async function startBare(): Promise<{ url: string; stop: () => Promise<void> }> {
  const http = createServer((req, res) => {
    if (req.method !== "POST") return void res.writeHead(405).end();
    const server = serveNoop(new Server({ name: "bare", version: "1.0.0" }, { capabilities: { tools: {} } }));
    const transport = new StreamableHTTPServerTransport({});
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    stop: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

async function startHost(): Promise<{ url: string; stop: () => Promise<void> }> {
  const running = await startHttpHost({
    config: defaultHostConfig({
      logging: { level: "info", pretty: false },
      credentials: { env: false },
      tenants: { default: {} },
    }),
    http: { host: "127.0.0.1", port: 0, mode: "stateless" },
    governance: createCallGovernance({
      env: {},
      processMetrics: false,
      auditSink: { write: () => undefined, close: async () => undefined },
    }),
    hostOptions: { plugins: [{ plugin: noopPlugin() }], logDestination: nullDestination() },
  });
  return { url: running.url, stop: async () => void (await running.stop()) };
}

if (variant !== "host" && variant !== "bare")
  throw new Error(`unknown variant ${String(variant)}: use host or bare`);
const running = variant === "host" ? await startHost() : await startBare();
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void running.stop().then(() => process.exit(0));
};
process.stdin.on("end", stop);
process.stdin.resume();
process.once("SIGTERM", stop);
process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);

#!/usr/bin/env node
/* global process, console, performance, URL */
/**
 * Tool-call throughput and latency over Streamable HTTP (issue 7 quality bar): 50 concurrent MCP
 * clients call a no-op tool against
 *   (a) the host behind its HTTP endpoint (stateless, JWT caller tenants, confirmation/audit/metrics hooks), and
 *   (b) a bare SDK Streamable HTTP server (stateless, one low-level Server per request) serving the same tool,
 * in the same run, one after the other. Target: (a) reaches at least 0.8x the throughput of (b).
 *
 * Run after `pnpm --filter @octopus-mcp/host... build`:
 *   node bench/http-throughput.mjs [--clients 50] [--seconds 5]
 * Prints a JSON report and writes it to bench/results/http-throughput.json. Exit code 0 whatever
 * the ratio (benchmarks inform, they do not gate CI); the report says whether the target was met.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const hostDist = (p) => pathToFileURL(join(root, "packages/host/dist", p)).href;
// The SDK and jose as the host package resolves them (they are its dependencies, not the root's).
const requireFromHost = createRequire(join(root, "packages/host/package.json"));
const sdk = (p) => import(pathToFileURL(requireFromHost.resolve(`@modelcontextprotocol/sdk/${p}`)).href);

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce(
      (pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs),
      [],
    ),
);
const CLIENTS = Number(args.clients ?? 50);
const SECONDS = Number(args.seconds ?? 5);

const { Client } = await sdk("client/index.js");
const { StreamableHTTPClientTransport } = await sdk("client/streamableHttp.js");
const { Server } = await sdk("server/index.js");
const { StreamableHTTPServerTransport } = await sdk("server/streamableHttp.js");
const { CallToolRequestSchema, ListToolsRequestSchema } = await sdk("types.js");
const jose = await import(pathToFileURL(requireFromHost.resolve("jose")).href);
const { defaultHostConfig } = await import(hostDist("config/load-config.js"));
const { createCallGovernance } = await import(hostDist("transport/call-governance.js"));
const { startHttpHost } = await import(hostDist("transport/http-host.js"));

const NOOP = {
  name: "bench_noop",
  description: "Does nothing.",
  inputSchema: { type: "object", additionalProperties: false },
};

/** The bare SDK server: stateless, a new low-level Server per POST, as the SDK documents. */
async function startBareServer() {
  const http = createServer(async (req, res) => {
    if (req.method !== "POST") return void res.writeHead(405).end();
    const server = new Server({ name: "bare", version: "1.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [NOOP] }));
    server.setRequestHandler(CallToolRequestSchema, () => ({
      structuredContent: { ok: true },
      content: [{ type: "text", text: '{"ok":true}' }],
    }));
    const transport = new StreamableHTTPServerTransport({});
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${http.address().port}/mcp`,
    headers: {},
    stop: () => new Promise((r) => http.close(r)),
  };
}

/** The host with a no-op plugin, JWT auth and the call governance hooks. */
async function startHost() {
  const { privateKey, publicKey } = await jose.generateKeyPair("ES256");
  const issuer = "https://bench.example/";
  const audience = "https://bench.example/mcp";
  const token = await new jose.SignJWT({ tid: "bench", sub: "bench-user" })
    .setProtectedHeader({ alg: "ES256" })
    .setIssuer(issuer)
    .setAudience(audience)
    .setExpirationTime("1h")
    .sign(privateKey);
  const plugin = {
    manifest: {
      name: "@bench/noop",
      version: "1.0.0",
      namespace: "bench",
      description: "No-op tool",
      hostVersion: ">=0.0.0",
    },
    onRegister() {},
    async onStartAsync(context) {
      context.registry.addTool({ ...NOOP, access: "read", handler: () => ({ ok: true }) });
    },
    async onStopAsync() {},
  };
  const running = await startHttpHost({
    config: defaultHostConfig({
      logging: { level: "error", pretty: false },
      credentials: { env: false },
      tenants: { bench: {} },
    }),
    http: { port: 0 },
    auth: { jwt: { publicKey: await jose.exportSPKI(publicKey), issuer, audience } },
    governance: createCallGovernance({ env: {}, processMetrics: false }),
    hostOptions: { plugins: [{ plugin }], logDestination: { write: () => true } },
  });
  return { url: running.url, headers: { Authorization: `Bearer ${token}` }, stop: () => running.stop() };
}

/** CLIENTS clients call the tool in a loop for SECONDS; returns throughput and latency percentiles. */
async function measure(target) {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = new Client({ name: "bench", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(target.url), { requestInit: { headers: target.headers } }),
      );
      return client;
    }),
  );
  // Warm-up: one call per client (JIT, connection pools).
  await Promise.all(clients.map((c) => c.callTool({ name: "bench_noop", arguments: {} })));
  const latencies = [];
  let errors = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const result = await client.callTool({ name: "bench_noop", arguments: {} });
        latencies.push(performance.now() - t0);
        if (result.isError) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.close()));
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] * 100) /
    100;
  return {
    calls: latencies.length,
    errors,
    callsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: pct(50),
    p99Ms: pct(99),
  };
}

const bare = await startBareServer();
const bareResult = await measure(bare);
await bare.stop();
const host = await startHost();
const hostResult = await measure(host);
await host.stop();

const ratio = Math.round((hostResult.callsPerSecond / bareResult.callsPerSecond) * 100) / 100;
const report = {
  date: new Date().toISOString(),
  node: process.version,
  clients: CLIENTS,
  seconds: SECONDS,
  bareSdk: bareResult,
  host: hostResult,
  throughputRatio: ratio,
  target: 0.8,
  targetMet: ratio >= 0.8,
};
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/http-throughput.json"), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));

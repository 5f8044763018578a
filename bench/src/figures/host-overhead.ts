/**
 * Figure 1: host overhead per tool call. A no-op tool through the full host (argument validation,
 * caller-tenant scope, logging at info to a null destination, confirmation/audit/metrics hooks)
 * over the SDK in-memory transport, against a bare SDK low-level `Server` serving the same tool
 * over the same transport. tinybench measures each call's latency; each round measures both back
 * to back and gives one ratio of median latencies. Target: ratio <= 1.15.
 */
import { Writable } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { createCallGovernance, createHost, defaultHostConfig } from "@octopus-mcp/host";
import { Bench } from "tinybench";

import { NOOP_TOOL, noopPlugin, serveNoop } from "../noop-tool.js";
import { comparison, metric, type FigureResult } from "../report.js";
import type { BenchSettings } from "../settings.js";

/** A writable that drops everything (the log destination; formatting still runs). */
export function nullDestination(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}

async function connectedClient(connect: (t: InMemoryTransport) => Promise<unknown>): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await connect(serverSide);
  const client = new Client({ name: "bench", version: "1.0.0" });
  await client.connect(clientSide);
  return client;
}

export async function hostOverhead(settings: BenchSettings): Promise<FigureResult> {
  const started = performance.now();
  const governance = createCallGovernance({
    env: {},
    processMetrics: false,
    auditSink: { write: () => undefined, close: async () => undefined },
  });
  const host = createHost({
    config: defaultHostConfig({
      logging: { level: "info", pretty: false },
      credentials: { env: false },
      tenants: { default: {} },
    }),
    plugins: [{ plugin: noopPlugin() }],
    hooks: governance.hooks,
    logDestination: nullDestination(),
  });
  await host.start();
  const hostClient = await connectedClient((t) => host.connect(t));
  const bare = serveNoop(new Server({ name: "bare", version: "1.0.0" }, { capabilities: { tools: {} } }));
  const bareClient = await connectedClient((t) => bare.connect(t));
  const call = { name: NOOP_TOOL.name, arguments: {} };
  // Both must answer the same thing, or the comparison is meaningless.
  for (const client of [hostClient, bareClient]) {
    const result = await client.callTool(call);
    if (result.isError) throw new Error(`no-op call failed: ${JSON.stringify(result.content)}`);
  }

  const hostMedians: number[] = [];
  const bareMedians: number[] = [];
  const hostP99: number[] = [];
  const bareP99: number[] = [];
  const hostThroughput: number[] = [];
  const bareThroughput: number[] = [];
  try {
    for (let round = 0; round < settings.rounds; round++) {
      const bench = new Bench({
        time: settings.benchTimeMs,
        iterations: settings.smoke ? 10 : 200,
        warmupTime: settings.smoke ? 10 : 200,
        throws: true,
      });
      // Alternate the order so neither side always runs on a warmer (or more loaded) machine.
      const tasks: [string, Client][] = [
        ["host", hostClient],
        ["bare", bareClient],
      ];
      if (round % 2 === 1) tasks.reverse();
      for (const [name, client] of tasks) bench.add(name, async () => void (await client.callTool(call)));
      await bench.run();
      for (const task of bench.tasks) {
        const r = task.result;
        if (r.state !== "completed") throw new Error(`tinybench task ${task.name} ended ${r.state}`);
        const medians = task.name === "host" ? hostMedians : bareMedians;
        medians.push(r.latency.p50);
        (task.name === "host" ? hostP99 : bareP99).push(r.latency.p99);
        (task.name === "host" ? hostThroughput : bareThroughput).push(r.throughput.mean);
      }
    }
  } finally {
    await hostClient.close();
    await bareClient.close();
    await bare.close();
    await host.stop();
    await governance.close();
  }
  const metrics = {
    hostLatency: metric("Host: call latency p50 (per round)", "ms", hostMedians),
    bareLatency: metric("Bare SDK Server: call latency p50 (per round)", "ms", bareMedians),
    hostP99: metric("Host: call latency p99 (per round)", "ms", hostP99),
    bareP99: metric("Bare SDK Server: call latency p99 (per round)", "ms", bareP99),
    hostThroughput: metric("Host: calls per second (one client, sequential)", "calls/s", hostThroughput),
    bareThroughput: metric(
      "Bare SDK Server: calls per second (one client, sequential)",
      "calls/s",
      bareThroughput,
    ),
  };
  return {
    id: "hostOverhead",
    title: "1. Host overhead per tool call",
    method:
      "A no-op tool called through the full host (createHost: argument validation, caller-tenant scope, pino at info to a null stream, confirmation/audit/metrics hooks) over the SDK InMemoryTransport, vs a bare SDK low-level Server serving the same tool over the same transport; tinybench latency per call, both measured back to back in each round (order alternated).",
    metrics,
    comparisons: {
      latency: comparison(
        "host p50 latency / bare SDK p50 latency",
        hostMedians.map((h, i) => h / (bareMedians[i] as number)),
        { op: "<=", value: 1.15 },
      ),
    },
    checks: [],
    notes: [],
    durationMs: performance.now() - started,
  };
}

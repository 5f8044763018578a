/**
 * Figure 6: HTTP throughput and latency. autocannon drives `connections` concurrent clients
 * (50 in the full run), each POSTing `tools/call` of the no-op tool, against `startHttpHost`
 * (stateless, loopback, no auth) and against a bare SDK Streamable HTTP server serving the same
 * tool; each server runs in its own child process, rounds alternate. Target: >= 0.8x throughput.
 */
import path from "node:path";
import autocannon from "autocannon";
import { startServerChild } from "../processes.js";
import { comparison, metric, type FigureResult } from "../report.js";
import { CHILD_DIR, type BenchSettings } from "../settings.js";

const HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  "mcp-protocol-version": "2025-06-18",
};
const CALL = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: { name: "bench_noop", arguments: {} },
});

interface Round {
  rps: number;
  p50: number;
  p99: number;
}

/** One request first: the server must answer the call with the tool's result, or numbers mean nothing. */
async function assertAnswers(url: string): Promise<void> {
  const response = await fetch(url, { method: "POST", headers: HEADERS, body: CALL });
  const text = await response.text();
  if (response.status !== 200 || !text.includes('\\"ok\\":true'))
    throw new Error(`${url} did not answer the no-op call (HTTP ${response.status}): ${text.slice(0, 300)}`);
}

async function load(url: string, connections: number, seconds: number): Promise<Round> {
  const result = await autocannon({
    url,
    method: "POST",
    headers: HEADERS,
    body: CALL,
    connections,
    duration: seconds,
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0)
    throw new Error(
      `${url}: ${failed} failed requests (non-2xx/errors/timeouts) of ${result.requests.total}`,
    );
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

export async function httpThroughput(settings: BenchSettings): Promise<FigureResult> {
  const started = performance.now();
  const script = path.join(CHILD_DIR, "http-server.js");
  const host: Round[] = [];
  const bare: Round[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? (["host", "bare"] as const) : (["bare", "host"] as const);
    for (const which of order) {
      const child = await startServerChild<{ url: string }>(script, [which]);
      try {
        await assertAnswers(child.info.url);
        // Warm-up (JIT, sockets), not measured; the smoke run only proves the figure runs.
        if (!settings.smoke) await load(child.info.url, settings.httpConnections, 1);
        (which === "host" ? host : bare).push(
          await load(child.info.url, settings.httpConnections, settings.httpSeconds),
        );
      } finally {
        await child.stop();
      }
    }
  }
  const c = settings.httpConnections;
  return {
    id: "httpThroughput",
    title: "6. HTTP throughput and latency",
    method: `autocannon, ${c} concurrent connections for ${settings.httpSeconds} s per round (after a 1 s warm-up), each POSTing tools/call of a no-op tool: startHttpHost (stateless, 127.0.0.1, no auth, confirmation/audit/metrics hooks, logging at info to a null stream) vs a bare SDK StreamableHTTPServerTransport + low-level Server per request on node:http. Each server in its own child process; rounds alternate.`,
    metrics: {
      hostRps: metric(
        "Host throughput",
        "calls/s",
        host.map((r) => r.rps),
      ),
      bareRps: metric(
        "Bare SDK HTTP server throughput",
        "calls/s",
        bare.map((r) => r.rps),
      ),
      hostP50: metric(
        "Host latency p50",
        "ms",
        host.map((r) => r.p50),
      ),
      bareP50: metric(
        "Bare SDK latency p50",
        "ms",
        bare.map((r) => r.p50),
      ),
      hostP99: metric(
        "Host latency p99",
        "ms",
        host.map((r) => r.p99),
      ),
      bareP99: metric(
        "Bare SDK latency p99",
        "ms",
        bare.map((r) => r.p99),
      ),
    },
    comparisons: {
      throughput: comparison(
        "throughput: host / bare SDK",
        host.map((h, i) => h.rps / (bare[i] as Round).rps),
        { op: ">=", value: 0.8 },
      ),
      p99: comparison(
        "p99 latency: host / bare SDK",
        host.map((h, i) => h.p99 / (bare[i] as Round).p99),
      ),
    },
    checks: [],
    notes: [],
    durationMs: performance.now() - started,
  };
}

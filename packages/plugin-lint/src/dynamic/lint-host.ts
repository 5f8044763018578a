/**
 * The dynamic checks: the plugin runs in an isolated lint host (`startTestHost` from
 * `@octopus-mcp/testkit`, i.e. the real host in-process) whose outbound `fetch` fails on purpose.
 *
 * - `onRegister` runs under an I/O trace (L-LIFE-2); start failures are L-LIFE-3.
 * - Every tool registered in `onStartAsync` is recorded (also when the host rejects it), so the
 *   static tool rules see exactly what the plugin registers.
 * - Each tool is called once per fault scenario with generated schema-valid arguments (L-DEGRADE-*),
 *   the requests are checked for the caller tenant's credential (L-TENANT-1) and the log lines of
 *   the call for tenant and correlation IDs (L-TENANT-2). Global `fetch` is trapped (L-DEGRADE-3)
 *   and `process.env` reads by plugin code are recorded throughout (L-CRED-3).
 * - `onStopAsync` must finish within the stop timeout (L-LIFE-4) and leave no handles (L-LIFE-5).
 */
import { randomBytes } from "node:crypto";
import type { IOctopusPlugin, ToolDefinition } from "@octopus-mcp/core";
import { PluginStartupError, type StopReport } from "@octopus-mcp/host";
import { startTestHost, type TestHost } from "@octopus-mcp/testkit";
import type { RawFinding } from "../findings.js";
import { trapEnvReads } from "./env-trap.js";
import {
  createFaultFetch,
  FAULT_SCENARIOS,
  type FaultScenario,
  type RecordedRequest,
} from "./fault-fetch.js";
import { settle, trackHandles } from "./handles.js";
import { traceSyncIo, type IoEvent } from "./io-trap.js";
import { trapPluginOutput } from "./output-trap.js";
import { sampleArguments } from "./sample-args.js";

export interface DynamicOptions {
  /** Absolute plugin folder (stack frames inside it are the plugin's own). */
  readonly root: string;
  readonly plugin: IOctopusPlugin;
  /** The plugin's config section for the lint host. */
  readonly pluginConfig: Readonly<Record<string, unknown>>;
  /** Call tools under faults (default true). Without it only the lifecycle is exercised. */
  readonly callTools?: boolean;
  /** `onStopAsync` bound in ms. Default 5000. */
  readonly stopTimeoutMs?: number;
}

export interface DynamicResult {
  readonly findings: RawFinding[];
  /** Every tool the plugin registered (validated by the host or not). */
  readonly tools: ToolDefinition[];
  /** Whether the plugin started and its tools were served. */
  readonly started: boolean;
  /** Tool calls made under faults, and upstream requests those calls sent. */
  readonly stats: CallStats;
}

export interface CallStats {
  calls: number;
  requests: number;
}

const MAIN = "lint-tenant-a";
const OTHER = "lint-tenant-b";
const SERVER = "http://127.0.0.1:9";
/** Bound of one tool call in the lint host, ms: a structured `timeout` result is a pass. */
const CALL_TIMEOUT_MS = 2_000;

function secret(prefix: string): string {
  return `${prefix}${randomBytes(16).toString("hex").toUpperCase()}`;
}

function tenantConfig(name: string) {
  return {
    octopus: { serverUrl: `${SERVER}/octopus-${name}`, credentialId: "octopus", defaultSpace: "Default" },
    argocd: {
      instances: [{ name: "lint-argocd", baseUrl: `${SERVER}/argocd-${name}`, credentialId: "argocd" }],
    },
    git: { credentials: { "https://example.com/": "git" } },
  };
}

function ioMessage(e: IoEvent): string {
  const what = {
    network: "accesses the network",
    "file-write": "writes to the file system",
    timer: "starts a timer",
    "child-process": "starts a child process",
  }[e.kind];
  return `onRegister ${what} (${e.api})`;
}

/** Wraps the plugin: traces onRegister, records registered tools, times onStopAsync. */
function instrument(plugin: IOctopusPlugin, tools: ToolDefinition[], io: IoEvent[]): IOctopusPlugin {
  return {
    manifest: plugin.manifest,
    onRegister(container, config) {
      const traced = traceSyncIo(() => plugin.onRegister(container, config));
      io.push(...traced.events);
      if (traced.error !== undefined) throw traced.error;
      return traced.result as void;
    },
    onStartAsync(context, signal) {
      const registry = new Proxy(context.registry, {
        get(target, key) {
          const value = Reflect.get(target, key) as unknown;
          if (key === "addTool" && typeof value === "function") {
            return (tool: ToolDefinition) => {
              tools.push(tool);
              return (value as (t: ToolDefinition) => void).call(target, tool);
            };
          }
          return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
      const ctx = new Proxy(context, { get: (t, k) => (k === "registry" ? registry : Reflect.get(t, k)) });
      return plugin.onStartAsync(ctx, signal);
    },
    onStopAsync(signal) {
      return plugin.onStopAsync(signal);
    },
  };
}

interface CallRecord {
  readonly scenario: FaultScenario;
  readonly tenant: string;
  readonly outcome: "ok" | "structured" | "internal_error" | "threw";
  readonly detail: string;
  readonly requests: RecordedRequest[];
}

/** Runs the dynamic checks. Never throws for plugin misbehaviour: it becomes findings. */
export async function runDynamicChecks(options: DynamicOptions): Promise<DynamicResult> {
  const findings: RawFinding[] = [];
  const stats: CallStats = { calls: 0, requests: 0 };
  const tools: ToolDefinition[] = [];
  const io: IoEvent[] = [];
  const secrets = {
    [MAIN]: { octopus: secret("API-"), argocd: secret("argo-"), git: secret("git-") },
    [OTHER]: { octopus: secret("API-"), argocd: secret("argo-"), git: secret("git-") },
  };
  const faults = createFaultFetch(
    Object.fromEntries(Object.entries(secrets).map(([t, s]) => [t, Object.values(s)])),
  );
  const stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
  const namespace = options.plugin.manifest?.namespace ?? "";

  const handles = trackHandles(options.root);
  const env = trapEnvReads(options.root);
  const originalFetch = globalThis.fetch;
  const bypass: string[] = [];
  let host: TestHost | undefined;
  let started = false;
  let stopReport: StopReport | undefined;
  try {
    try {
      host = await startTestHost({
        plugins: [{ plugin: instrument(options.plugin, tools, io), config: options.pluginConfig }],
        tenant: MAIN,
        tenants: { [MAIN]: tenantConfig(MAIN), [OTHER]: tenantConfig(OTHER) },
        credentials: secrets,
        fetch: faults.fetch,
        autoStop: false,
        config: {
          policy: { allowDeletes: true },
          // Bounds a handler that waits out its own long per-request timeouts in the "timeout" scenario.
          calls: { timeoutMs: CALL_TIMEOUT_MS },
          lifecycle: {
            startTimeoutMs: 10_000,
            pluginStopTimeoutMs: stopTimeoutMs,
            stopTimeoutMs: stopTimeoutMs + 1_000,
          },
          http: {
            timeoutMs: 50,
            maxRetries: 2,
            initialBackoffMs: 1,
            maxBackoffMs: 50,
            maxConcurrencyPerUpstream: 64,
            breaker: { consecutiveFailures: 1000, halfOpenAfterMs: 1 },
          },
        },
      });
      started = true;
    } catch (error) {
      if (error instanceof PluginStartupError) {
        for (const f of error.failures) {
          // Tool-validation failures are reported by the static tool rules on the recorded tools.
          if (f.phase !== "validate")
            findings.push({ ruleId: "L-LIFE-3", location: {}, message: `${f.phase} failed: ${f.message}` });
        }
      } else {
        findings.push({
          ruleId: "L-LIFE-3",
          location: {},
          message: `the lint host did not start: ${(error as Error).message}`,
        });
      }
    }
    for (const e of io)
      findings.push({ ruleId: "L-LIFE-2", location: {}, message: ioMessage(e), stack: e.stack });
    findings.push(...outsideCalls(faults.take(), "while the plugin started"));

    if (host && options.callTools !== false) {
      (globalThis as { fetch: typeof fetch }).fetch = async (input: string | URL | Request) => {
        bypass.push(input instanceof Request ? input.url : String(input));
        throw new TypeError("fetch failed (plugin-lint: global fetch is blocked; use context.http)");
      };
      const output = trapPluginOutput(options.root);
      try {
        findings.push(...(await callTools(host, tools, faults, namespace, bypass, output.writes, stats)));
      } finally {
        output.restore();
      }
    }
  } finally {
    (globalThis as { fetch: typeof fetch }).fetch = originalFetch;
    if (host) {
      const t0 = performance.now();
      try {
        stopReport = await host.stop();
      } catch (error) {
        findings.push({
          ruleId: "L-LIFE-4",
          location: {},
          message: `stopping the lint host failed: ${(error as Error).message}`,
        });
      }
      const ms = Math.round(performance.now() - t0);
      const own = stopReport?.plugins.find((p) => p.plugin === options.plugin.manifest?.name);
      if (own && own.outcome !== "stopped") {
        findings.push({
          ruleId: "L-LIFE-4",
          location: {},
          message:
            own.outcome === "timeout"
              ? `onStopAsync did not finish within ${stopTimeoutMs} ms`
              : `onStopAsync ${own.outcome}${own.error ? `: ${own.error}` : ""} (after ${ms} ms)`,
        });
      }
    }
    env.restore();
    handles.restore();
  }
  await settle();
  const leaked = handles.leaked();
  if (Object.keys(leaked).length > 0) {
    findings.push({
      ruleId: "L-LIFE-5",
      location: {},
      message: `handles left open after onStopAsync: ${Object.entries(leaked)
        .map(([t, n]) => `${n} ${t}`)
        .join(", ")}`,
    });
  }
  const envKeys = new Map<string, string>();
  for (const r of env.reads) if (!envKeys.has(r.key)) envKeys.set(r.key, r.stack);
  for (const [key, stack] of envKeys) {
    findings.push({ ruleId: "L-CRED-3", location: {}, message: `the plugin read process.env.${key}`, stack });
  }
  return { findings, tools, stats, started: started && findings.every((f) => f.ruleId !== "L-LIFE-3") };
}

function classify(result: Awaited<ReturnType<TestHost["callTool"]>>): Pick<CallRecord, "outcome" | "detail"> {
  if (result.ok) return { outcome: "ok", detail: "succeeded" };
  const code = result.error?.error;
  if (code === "internal_error" || code === undefined)
    return {
      outcome: "internal_error",
      detail: `internal_error: ${result.error?.message ?? "no error body"}`,
    };
  return { outcome: "structured", detail: code };
}

async function callTools(
  host: TestHost,
  tools: readonly ToolDefinition[],
  faults: ReturnType<typeof createFaultFetch>,
  namespace: string,
  bypass: string[],
  writes: readonly { api: string; text: string }[],
  stats: CallStats,
): Promise<RawFinding[]> {
  const findings: RawFinding[] = [];
  const served = new Set((await host.listTools()).map((t) => t.name));
  for (const tool of tools) {
    if (!served.has(tool.name)) continue;
    const generated = sampleArguments(tool.inputSchema);
    if (!generated) {
      findings.push({
        ruleId: "L-DEGRADE-4",
        location: { tool: tool.name, pointer: "/inputSchema" },
        message: "could not generate schema-valid arguments; the tool was not called",
      });
      continue;
    }
    const args = tool.access === "read" ? generated : { ...generated, confirm: true };
    const records: CallRecord[] = [];
    findings.push(...outsideCalls(faults.take(), "between tool calls"));
    for (const scenario of FAULT_SCENARIOS) {
      faults.scenario = scenario;
      // One scenario as the other caller tenant: a credential cached across tenants shows up there.
      const tenant = scenario === "http-500" ? OTHER : MAIN;
      const client = tenant === MAIN ? host : host.asTenant(tenant);
      const logStart = host.logs.length;
      const bypassStart = bypass.length;
      const writesStart = writes.length;
      let outcome: Pick<CallRecord, "outcome" | "detail">;
      try {
        outcome = classify(await client.callTool(tool.name, args));
      } catch (error) {
        outcome = {
          outcome: "threw",
          detail: `the call failed at protocol level: ${(error as Error).message}`,
        };
      }
      const requests = faults.take();
      stats.calls += 1;
      stats.requests += requests.length;
      records.push({ scenario, tenant, ...outcome, requests });
      const unscoped = host.logs
        .slice(logStart)
        .filter((l) => l.plugin !== undefined && (l.tenantId === undefined || l.correlationId === undefined));
      if (unscoped.length > 0) {
        findings.push({
          ruleId: "L-TENANT-2",
          location: { tool: tool.name },
          message: `${unscoped.length} log line(s) during a call lack tenantId/correlationId, e.g. "${String(unscoped[0]?.msg ?? "")}"`,
        });
      }
      if (writes.length > writesStart) {
        const w = writes[writesStart]!;
        findings.push({
          ruleId: "L-TENANT-2",
          location: { tool: tool.name },
          message: `wrote output outside the host logger during a call (${w.api}: "${w.text.trim()}"); it carries no tenantId/correlationId${w.api.includes("stdout") || w.api === "console.log" || w.api === "console.info" ? " and corrupts the stdio protocol channel" : ""}`,
        });
      }
      if (bypass.length > bypassStart) {
        findings.push({
          ruleId: "L-DEGRADE-3",
          location: { tool: tool.name },
          message: `called global fetch (${bypass[bypassStart]}) instead of context.http`,
        });
      }
    }
    findings.push(...judgeCalls(tool, records, namespace));
  }
  return dedupe(findings);
}

function judgeCalls(tool: ToolDefinition, records: readonly CallRecord[], _namespace: string): RawFinding[] {
  const out: RawFinding[] = [];
  const at = { tool: tool.name };
  const bad = records.filter((r) => r.outcome === "internal_error" || r.outcome === "threw");
  if (bad.length > 0) {
    out.push({
      ruleId: "L-DEGRADE-1",
      location: at,
      message: `returned no structured error when the upstream failed: ${bad.map((r) => `${r.scenario} -> ${r.detail}`).join("; ")}`,
    });
  }
  for (const r of records.filter((x) => x.scenario === "http-429" || x.scenario === "http-503")) {
    const idempotent = r.requests.filter((q) => q.method === "GET" || q.method === "HEAD");
    if (idempotent.length === 0) continue;
    const perUrl = new Map<string, number>();
    for (const q of idempotent) perUrl.set(q.url, (perUrl.get(q.url) ?? 0) + 1);
    if ([...perUrl.values()].every((n) => n === 1)) {
      out.push({
        ruleId: "L-DEGRADE-2",
        location: at,
        message: `gave up after one attempt on ${r.scenario.replace("http-", "HTTP ")} (${idempotent[0]?.method} ${new URL(idempotent[0]!.url).pathname})`,
      });
    }
  }
  for (const r of records) {
    const foreign = r.requests.filter((q) => q.credentialTenants.some((t) => t !== r.tenant));
    const missing = r.requests.filter((q) => q.credentialTenants.length === 0);
    if (foreign.length > 0) {
      out.push({
        ruleId: "L-TENANT-1",
        location: at,
        message: `a request made for caller tenant "${r.tenant}" carried another caller tenant's credential (${foreign[0]?.method} ${new URL(foreign[0]!.url).pathname})`,
      });
    } else if (missing.length > 0) {
      out.push({
        ruleId: "L-TENANT-1",
        location: at,
        message: `a request made for caller tenant "${r.tenant}" carried none of its credentials (${missing[0]?.method} ${new URL(missing[0]!.url).pathname})`,
      });
    }
  }
  return out;
}

/** Upstream requests outside any tool call have no caller-tenant scope (and so no tenant credential). */
function outsideCalls(requests: readonly RecordedRequest[], when: string): RawFinding[] {
  if (requests.length === 0) return [];
  const first = requests[0]!;
  return [
    {
      ruleId: "L-TENANT-1",
      location: {},
      message: `made ${requests.length} upstream request(s) outside a caller-tenant scope ${when} (${first.method} ${new URL(first.url).pathname})`,
      fix: "Contact upstreams only inside tool, resource or prompt handlers, where the caller tenant and its credentials are known.",
    },
  ];
}

function dedupe(findings: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}|${f.location.tool ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

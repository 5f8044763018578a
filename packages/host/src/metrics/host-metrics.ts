/**
 * Prometheus metrics of one host (prom-client), in its own `Registry` (never prom-client's global
 * one, so two hosts in one process and the tests stay apart). Served as text at `/metrics`.
 *
 * | metric | type | labels |
 * |---|---|---|
 * | `octopus_mcp_tool_calls_total` | counter | tool, plugin, outcome (`success` or an error code) |
 * | `octopus_mcp_tool_call_duration_seconds` | histogram | tool, plugin |
 * | `octopus_mcp_upstream_requests_total` | counter | caller_tenant, upstream, status (HTTP status or failure kind) |
 * | `octopus_mcp_upstream_retries_total` | counter | caller_tenant, upstream |
 * | `octopus_mcp_upstream_breaker_state` | gauge | caller_tenant, upstream (0 closed, 1 half-open, 2 open) |
 * | `octopus_mcp_plugin_state` | gauge | plugin, state (1 for the plugin's current state, else 0) |
 * | `octopus_mcp_ready` | gauge | (1 ready, 0 not) |
 * | `octopus_mcp_http_requests_total` | counter | route, status |
 * Plus prom-client's process metrics (`octopus_mcp_process_*`, `octopus_mcp_nodejs_*`) unless disabled.
 * Caller tenants appear only as label values of upstream metrics (bounded by `tenants` in config).
 */
import { createRequire } from "node:module";
import type * as PromClient from "prom-client";
import type { Counter, Gauge, Histogram, Registry } from "prom-client";

// prom-client (with its OpenTelemetry dependency, ~80 modules) loads with the first HostMetrics:
// a stdio host, which has no /metrics to serve, never pays for it at start-up.
let promClient: typeof PromClient | undefined;
function prom(): typeof PromClient {
  return (promClient ??= createRequire(import.meta.url)("prom-client") as typeof PromClient);
}

/** Prefix of every metric name. */
export const METRIC_PREFIX = "octopus_mcp_";

/** Every plugin lifecycle state, so each plugin exports a full, stable set of series. */
export const PLUGIN_STATES = ["registered", "starting", "started", "failed", "stopping", "stopped"] as const;

/** A plugin's state as the metrics see it (a subset of the host's `PluginStatus`). */
export interface PluginStateView {
  readonly name: string;
  readonly state: string;
}

/** Circuit-breaker states as the host's HTTP client reports them (cockatiel's `CircuitState`). */
export type BreakerState = "closed" | "half-open" | "open" | "isolated";

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, "half-open": 1, open: 2, isolated: 2 };

export interface HostMetricsOptions {
  /** Plugin states read at each scrape (`OctopusMcpHost.states()`). */
  readonly pluginStates?: () => readonly PluginStateView[];
  /** Readiness read at each scrape. */
  readonly ready?: () => boolean;
  /** Collect prom-client's process/Node.js metrics. Default true. */
  readonly processMetrics?: boolean;
  /** Tool-call latency buckets, in seconds. */
  readonly durationBuckets?: readonly number[];
}

export class HostMetrics {
  readonly registry: Registry;
  readonly #toolCalls: Counter<"tool" | "plugin" | "outcome">;
  readonly #toolDuration: Histogram<"tool" | "plugin">;
  readonly #upstreamRequests: Counter<"caller_tenant" | "upstream" | "status">;
  readonly #upstreamRetries: Counter<"caller_tenant" | "upstream">;
  readonly #breakerState: Gauge<"caller_tenant" | "upstream">;
  readonly #httpRequests: Counter<"route" | "status">;
  /** Tool-call series by tool, plugin and outcome (bounded by tools x outcome codes). */
  readonly #toolSeries = new Map<string, ToolCallSeries>();

  constructor(options: HostMetricsOptions = {}) {
    const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = prom();
    this.registry = new Registry();
    const registers = [this.registry];
    this.#toolCalls = new Counter({
      name: `${METRIC_PREFIX}tool_calls_total`,
      help: "Tool calls by tool, plugin and outcome (success or the error code returned).",
      labelNames: ["tool", "plugin", "outcome"],
      registers,
    });
    this.#toolDuration = new Histogram({
      name: `${METRIC_PREFIX}tool_call_duration_seconds`,
      help: "Tool call latency in seconds, from request to result.",
      labelNames: ["tool", "plugin"],
      buckets: [
        ...(options.durationBuckets ?? [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]),
      ],
      registers,
    });
    this.#upstreamRequests = new Counter({
      name: `${METRIC_PREFIX}upstream_requests_total`,
      help: "Outbound request attempts to upstreams (Octopus, Argo CD) by HTTP status or failure kind (network_error, timeout, aborted).",
      labelNames: ["caller_tenant", "upstream", "status"],
      registers,
    });
    this.#upstreamRetries = new Counter({
      name: `${METRIC_PREFIX}upstream_retries_total`,
      help: "Retries of outbound requests (after 429/502/503/504 or network errors).",
      labelNames: ["caller_tenant", "upstream"],
      registers,
    });
    this.#breakerState = new Gauge({
      name: `${METRIC_PREFIX}upstream_breaker_state`,
      help: "Circuit breaker per caller tenant and upstream: 0 closed, 1 half-open, 2 open.",
      labelNames: ["caller_tenant", "upstream"],
      registers,
    });
    this.#httpRequests = new Counter({
      name: `${METRIC_PREFIX}http_requests_total`,
      help: "HTTP requests to the host's own endpoints by route and status code.",
      labelNames: ["route", "status"],
      registers,
    });
    const pluginStates = options.pluginStates;
    new Gauge({
      name: `${METRIC_PREFIX}plugin_state`,
      help: "Plugin lifecycle state: 1 for the state the plugin is in, 0 for the others.",
      labelNames: ["plugin", "state"],
      registers,
      collect() {
        this.reset();
        for (const plugin of pluginStates?.() ?? []) {
          for (const state of PLUGIN_STATES)
            this.set({ plugin: plugin.name, state }, plugin.state === state ? 1 : 0);
        }
      },
    });
    const ready = options.ready;
    new Gauge({
      name: `${METRIC_PREFIX}ready`,
      help: "1 when the host is ready to serve (every required plugin started, not shutting down).",
      registers,
      collect() {
        this.set(ready?.() === false ? 0 : 1);
      },
    });
    if (options.processMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }

  /**
   * Records a finished tool call. `durationMs` in ms. Every call pays this, so the series of a
   * tool/plugin/outcome is looked up once and then updated in place (see {@link ToolCallSeries}).
   */
  observeToolCall(call: { tool: string; plugin: string; outcome: string; durationMs: number }): void {
    const seconds = Math.max(0, call.durationMs) / 1000;
    const key = `${call.tool}\u0000${call.plugin}\u0000${call.outcome}`;
    let series = this.#toolSeries.get(key);
    if (series === undefined) {
      series = new ToolCallSeries(this.#toolCalls, this.#toolDuration, call.tool, call.plugin, call.outcome);
      this.#toolSeries.set(key, series);
    }
    series.observe(seconds);
  }

  /** Records one outbound request attempt and its HTTP status or failure kind. */
  observeUpstreamRequest(request: { tenantId: string; upstream: string; status: number | string }): void {
    this.#upstreamRequests.inc({
      caller_tenant: request.tenantId,
      upstream: request.upstream,
      status: String(request.status),
    });
  }

  /** Records one retry of an outbound request. */
  observeUpstreamRetry(retry: { tenantId: string; upstream: string }): void {
    this.#upstreamRetries.inc({ caller_tenant: retry.tenantId, upstream: retry.upstream });
  }

  /** Records a circuit breaker's new state. */
  setBreakerState(breaker: { tenantId: string; upstream: string; state: BreakerState }): void {
    this.#breakerState.set(
      { caller_tenant: breaker.tenantId, upstream: breaker.upstream },
      BREAKER_VALUE[breaker.state],
    );
  }

  /** Records one request to the host's own HTTP endpoints. */
  observeHttpRequest(request: { route: string; status: number }): void {
    this.#httpRequests.inc({ route: request.route, status: String(request.status) });
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** prom-client 15's per-series state of a counter (`hashMap[hash]`). */
interface CounterEntry {
  value: number;
  readonly labels: Readonly<Record<string, string>>;
}

/** prom-client 15's per-series state of a histogram (`hashMap[hash]`). */
interface HistogramEntry {
  sum: number;
  count: number;
  readonly bucketValues: Record<number, number>;
  readonly labels: Readonly<Record<string, string>>;
}

interface MetricInternals<E> {
  hashMap?: Record<string, E>;
  upperBounds?: readonly number[];
}

function findEntry<E extends { readonly labels: Readonly<Record<string, string>> }>(
  map: Record<string, E> | undefined,
  labels: Readonly<Record<string, string>>,
): E | undefined {
  if (typeof map !== "object" || map === null) return undefined;
  const names = Object.keys(labels);
  return Object.values(map).find(
    (entry) => typeof entry === "object" && names.every((name) => entry.labels?.[name] === labels[name]),
  );
}

/**
 * One tool/plugin/outcome series of `octopus_mcp_tool_calls_total` and its
 * `octopus_mcp_tool_call_duration_seconds` series. prom-client validates and hashes the label
 * object on every `inc`/`observe` (a few microseconds per tool call, with no bulk or bound-child
 * API that avoids it), so the first observation goes through the public API and later ones update
 * the entries prom-client created, exactly as its `inc`/`observe` would (value + 1; sum, count
 * and the first bucket whose bound is >= the value). When the metric was reset (its `hashMap`
 * replaced) or the internals do not look as expected (another prom-client version), every
 * observation takes the public API. A test compares the exported text with plain prom-client.
 */
class ToolCallSeries {
  readonly #counterLabels: Readonly<Record<string, string>>;
  readonly #histogramLabels: Readonly<Record<string, string>>;
  #counterMap: object | undefined;
  #counterEntry: CounterEntry | undefined;
  #histogramMap: object | undefined;
  #histogramEntry: HistogramEntry | undefined;

  constructor(
    private readonly counter: Counter<"tool" | "plugin" | "outcome">,
    private readonly histogram: Histogram<"tool" | "plugin">,
    tool: string,
    plugin: string,
    outcome: string,
  ) {
    this.#counterLabels = { tool, plugin, outcome };
    this.#histogramLabels = { tool, plugin };
  }

  observe(seconds: number): void {
    const counter = this.counter as unknown as MetricInternals<CounterEntry>;
    const counterEntry = this.#counterEntry;
    if (counterEntry !== undefined && counter.hashMap === this.#counterMap) counterEntry.value += 1;
    else {
      this.counter.inc(this.#counterLabels);
      this.#counterMap = counter.hashMap;
      const entry = findEntry(counter.hashMap, this.#counterLabels);
      this.#counterEntry = typeof entry?.value === "number" ? entry : undefined;
    }

    const histogram = this.histogram as unknown as MetricInternals<HistogramEntry>;
    const histogramEntry = this.#histogramEntry;
    const bounds = histogram.upperBounds;
    if (
      histogramEntry !== undefined &&
      histogram.hashMap === this.#histogramMap &&
      bounds !== undefined &&
      Number.isFinite(seconds)
    ) {
      histogramEntry.sum += seconds;
      histogramEntry.count += 1;
      for (const bound of bounds) {
        if (seconds <= bound) {
          if (Object.prototype.hasOwnProperty.call(histogramEntry.bucketValues, bound))
            histogramEntry.bucketValues[bound] = (histogramEntry.bucketValues[bound] ?? 0) + 1;
          break;
        }
      }
    } else {
      this.histogram.observe(this.#histogramLabels, seconds);
      this.#histogramMap = histogram.hashMap;
      const entry = findEntry(histogram.hashMap, this.#histogramLabels);
      this.#histogramEntry =
        Array.isArray(bounds) &&
        typeof entry?.sum === "number" &&
        typeof entry.count === "number" &&
        typeof entry.bucketValues === "object"
          ? entry
          : undefined;
    }
  }
}

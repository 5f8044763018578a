import { describe, expect, it } from "vitest";
import { Counter, Histogram, Registry } from "prom-client";
import { HostMetrics } from "../../src/metrics/host-metrics.js";

/** Prometheus text format 0.0.4: comments, blank lines, or `name{labels} value` (values as Go ParseFloat reads them, so `Nan` too). */
const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? -?(\d+(\.\d+)?(e[+-]?\d+)?|[+-]?Inf|NaN)$/i;

function sample(text: string, name: string, labels: string): number | undefined {
  const line = text
    .split("\n")
    .find((l) => l.startsWith(`${name}{${labels}}`) || (labels === "" && l.startsWith(`${name} `)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("HostMetrics", () => {
  it("exports calls, latency, upstream retries, breaker state, plugin states and readiness as parseable text", async () => {
    let pluginState = "starting";
    const metrics = new HostMetrics({
      pluginStates: () => [{ name: "tasks", state: pluginState }],
      ready: () => pluginState === "started",
    });
    metrics.observeToolCall({ tool: "tasks_get", plugin: "tasks", outcome: "success", durationMs: 40 });
    metrics.observeToolCall({ tool: "tasks_get", plugin: "tasks", outcome: "success", durationMs: 2000 });
    metrics.observeToolCall({ tool: "tasks_get", plugin: "tasks", outcome: "not_found", durationMs: 3 });
    metrics.observeUpstreamRetry({ tenantId: "acme", upstream: "octopus.example.com" });
    metrics.observeUpstreamRequest({ tenantId: "acme", upstream: "octopus.example.com", status: 503 });
    metrics.setBreakerState({ tenantId: "acme", upstream: "octopus.example.com", state: "open" });
    metrics.observeHttpRequest({ route: "mcp", status: 401 });

    const first = await metrics.scrape();
    let body = first.body;
    const contentType = first.contentType;
    expect(contentType).toContain("text/plain");
    for (const line of body.split("\n")) {
      if (line === "" || line.startsWith("#")) continue;
      expect(line).toMatch(SAMPLE);
    }
    expect(
      sample(body, "octopus_mcp_tool_calls_total", 'tool="tasks_get",plugin="tasks",outcome="success"'),
    ).toBe(2);
    expect(
      sample(body, "octopus_mcp_tool_calls_total", 'tool="tasks_get",plugin="tasks",outcome="not_found"'),
    ).toBe(1);
    expect(
      sample(
        body,
        "octopus_mcp_tool_call_duration_seconds_bucket",
        'le="0.05",tool="tasks_get",plugin="tasks"',
      ),
    ).toBe(2);
    expect(
      sample(body, "octopus_mcp_tool_call_duration_seconds_count", 'tool="tasks_get",plugin="tasks"'),
    ).toBe(3);
    expect(
      sample(
        body,
        "octopus_mcp_upstream_retries_total",
        'caller_tenant="acme",upstream="octopus.example.com"',
      ),
    ).toBe(1);
    expect(
      sample(
        body,
        "octopus_mcp_upstream_breaker_state",
        'caller_tenant="acme",upstream="octopus.example.com"',
      ),
    ).toBe(2);
    expect(sample(body, "octopus_mcp_http_requests_total", 'route="mcp",status="401"')).toBe(1);
    expect(sample(body, "octopus_mcp_plugin_state", 'plugin="tasks",state="starting"')).toBe(1);
    expect(sample(body, "octopus_mcp_plugin_state", 'plugin="tasks",state="started"')).toBe(0);
    expect(sample(body, "octopus_mcp_ready", "")).toBe(0);
    expect(body).toContain("octopus_mcp_process_cpu_user_seconds_total");

    pluginState = "started";
    metrics.setBreakerState({ tenantId: "acme", upstream: "octopus.example.com", state: "closed" });
    ({ body } = await metrics.scrape());
    expect(sample(body, "octopus_mcp_plugin_state", 'plugin="tasks",state="started"')).toBe(1);
    expect(sample(body, "octopus_mcp_ready", "")).toBe(1);
    expect(
      sample(
        body,
        "octopus_mcp_upstream_breaker_state",
        'caller_tenant="acme",upstream="octopus.example.com"',
      ),
    ).toBe(0);
  });

  it("keeps each host's metrics in its own registry", async () => {
    const a = new HostMetrics({ processMetrics: false });
    const b = new HostMetrics({ processMetrics: false });
    a.observeToolCall({ tool: "x_a", plugin: "x", outcome: "success", durationMs: 1 });
    expect((await b.scrape()).body).not.toContain("x_a");
    expect((await a.scrape()).body).toContain('tool="x_a"');
  });

  it("exports tool-call series exactly as plain prom-client would, also across a reset", async () => {
    const metrics = new HostMetrics({ processMetrics: false });
    const reference = new Registry();
    const calls = new Counter({
      name: "octopus_mcp_tool_calls_total",
      help: "Tool calls by tool, plugin and outcome (success or the error code returned).",
      labelNames: ["tool", "plugin", "outcome"],
      registers: [reference],
    });
    const duration = new Histogram({
      name: "octopus_mcp_tool_call_duration_seconds",
      help: "Tool call latency in seconds, from request to result.",
      labelNames: ["tool", "plugin"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [reference],
    });
    const observations: Array<[string, string, string, number]> = [
      ["a_get", "a", "success", 0.2],
      ["a_get", "a", "success", 5],
      ["a_get", "a", "not_found", 0],
      ["a_get", "a", "success", 50],
      ["b_list", "b", "success", 120_000], // above every bucket: only +Inf, sum and count
      ["a_get", "a", "success", 10], // exactly on a bucket bound (0.01 s)
      ["b_list", "b", "timeout", 60_000],
      ["a_get", "a", "not_found", -3], // negative durations count as 0
    ];
    const apply = (list: typeof observations) => {
      for (const [tool, plugin, outcome, durationMs] of list) {
        metrics.observeToolCall({ tool, plugin, outcome, durationMs });
        calls.inc({ tool, plugin, outcome });
        duration.observe({ tool, plugin }, Math.max(0, durationMs) / 1000);
      }
    };
    const same = async () => {
      for (const name of ["octopus_mcp_tool_calls_total", "octopus_mcp_tool_call_duration_seconds"]) {
        expect(await metrics.registry.getSingleMetricAsString(name)).toBe(
          await reference.getSingleMetricAsString(name),
        );
      }
    };
    apply(observations);
    apply(observations);
    await same();
    metrics.registry.resetMetrics();
    reference.resetMetrics();
    apply(observations.slice(0, 3));
    await same();
    const text = await metrics.registry.getSingleMetricAsString("octopus_mcp_tool_calls_total");
    expect(sample(text, "octopus_mcp_tool_calls_total", 'tool="a_get",plugin="a",outcome="success"')).toBe(2);
  });

  it("refuses a non-finite duration as prom-client does", () => {
    const metrics = new HostMetrics({ processMetrics: false });
    metrics.observeToolCall({ tool: "a_get", plugin: "a", outcome: "success", durationMs: 1 });
    expect(() =>
      metrics.observeToolCall({ tool: "a_get", plugin: "a", outcome: "success", durationMs: Number.NaN }),
    ).toThrow(TypeError);
  });
});

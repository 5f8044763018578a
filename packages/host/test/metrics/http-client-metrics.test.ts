import { describe, expect, it } from "vitest";
import type { HostConfig } from "../../src/config/types.js";
import { HostHttpClient } from "../../src/http/host-http-client.js";
import { createCapturingLogger } from "../../src/logging/capturing-logger.js";
import { SecretRedactor } from "../../src/logging/secret-redactor.js";
import { HostMetrics } from "../../src/metrics/host-metrics.js";
import { httpClientMetricsHooks, splitUpstreamKey } from "../../src/metrics/http-client-metrics.js";
import { TenantScope } from "../../src/tenancy/tenant-scope.js";

const settings: HostConfig["http"] = {
  timeoutMs: 5000,
  maxRetries: 2,
  initialBackoffMs: 1,
  maxBackoffMs: 2,
  maxConcurrencyPerUpstream: 4,
  breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 },
};

describe("httpClientMetricsHooks", () => {
  it("splits the client's policy key into caller tenant and upstream origin", () => {
    expect(splitUpstreamKey("acme https://octopus.example.com")).toEqual({
      tenantId: "acme",
      upstream: "https://octopus.example.com",
    });
    expect(splitUpstreamKey("https://x")).toEqual({ tenantId: "host", upstream: "https://x" });
  });

  it("counts attempts, retries and breaker transitions of the real HostHttpClient per caller tenant", async () => {
    const metrics = new HostMetrics({ processMetrics: false });
    const scope = new TenantScope();
    const client = new HostHttpClient({
      settings,
      scope,
      logger: createCapturingLogger({ redactor: new SecretRedactor() }).logger,
      redactor: new SecretRedactor(),
      fetch: () => Promise.resolve(new Response("down", { status: 503 })),
      hooks: httpClientMetricsHooks(metrics),
    });
    await scope.run({ tenantId: "acme", correlationId: "c1", subject: undefined, settings: {} }, async () => {
      await expect(client.request({ url: "http://127.0.0.1:9/api" })).rejects.toMatchObject({
        code: "upstream_unavailable",
      });
    });
    const { body } = await metrics.scrape();
    const labels = 'caller_tenant="acme",upstream="http://127.0.0.1:9"';
    expect(body).toContain(`octopus_mcp_upstream_requests_total{${labels},status="503"} 3`);
    expect(body).toContain(`octopus_mcp_upstream_retries_total{${labels}} 2`);
    expect(body).toContain(`octopus_mcp_upstream_breaker_state{${labels}} 2`);
  });
});

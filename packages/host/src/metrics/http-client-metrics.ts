/**
 * Connects the host's outbound HTTP client (`HostHttpClient` hooks) to the metrics: request
 * attempts, retries and circuit-breaker transitions, per caller tenant and upstream origin.
 */
import type { HttpClientHooks } from "../http/host-http-client.js";
import type { HostMetrics } from "./host-metrics.js";

/**
 * Splits the client's policy key `<caller tenant or "host"> <origin>` (see `UpstreamPolicyRegistry.key`).
 * Origins contain no spaces, so the last space separates them.
 */
export function splitUpstreamKey(key: string): { tenantId: string; upstream: string } {
  const space = key.lastIndexOf(" ");
  return space === -1
    ? { tenantId: "host", upstream: key }
    : { tenantId: key.slice(0, space), upstream: key.slice(space + 1) };
}

/** `hooks` for `new HostHttpClient({ ..., hooks })`. */
export function httpClientMetricsHooks(metrics: HostMetrics): HttpClientHooks {
  return {
    onRequest: (info) =>
      metrics.observeUpstreamRequest({ ...splitUpstreamKey(info.key), status: info.status }),
    onRetry: (info) => metrics.observeUpstreamRetry(splitUpstreamKey(info.key)),
    onBreakerStateChange: (key, state) => metrics.setBreakerState({ ...splitUpstreamKey(key), state }),
  };
}

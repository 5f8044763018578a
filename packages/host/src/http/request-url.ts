/** URL building for outbound requests, per core's `QueryValue` rules. */
import { type QueryValue } from "@octopus-mcp/core";

/**
 * `url` with `query` appended: arrays repeat the key (`a=1&a=2`), `undefined` is omitted,
 * numbers and booleans are stringified. Existing query parameters of `url` are kept.
 * @throws TypeError when `url` is not an absolute http(s) URL.
 */
export function buildRequestUrl(url: string | URL, query?: Readonly<Record<string, QueryValue>>): URL {
  const result = new URL(url);
  if (result.protocol !== "http:" && result.protocol !== "https:") {
    throw new TypeError(`Only http and https URLs are supported, not ${result.protocol}`);
  }
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value))
      for (const item of value as readonly unknown[]) result.searchParams.append(key, String(item));
    else result.searchParams.append(key, String(value));
  }
  return result;
}

/**
 * `Retry-After` as a delay in ms: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * @returns `undefined` when absent or unparseable; never negative.
 */
export function parseRetryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

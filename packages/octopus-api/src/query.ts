/**
 * Octopus query-string conventions. Octopus list filters take comma-joined values
 * (`ids=Projects-1,Projects-2`, reference §2 "URL building"), whereas core's `HttpClient` repeats
 * the key for arrays, so arrays are joined here before the request is handed over.
 */
import type { QueryValue } from "@octopus-mcp/core";

/** Query values accepted by `OctopusClient`; arrays are sent comma-joined, empty arrays and undefined omitted. */
export type OctopusQuery = Readonly<Record<string, QueryValue | null>>;

/** Converts an {@link OctopusQuery} to the `HttpClient` form. */
export function toHttpQuery(query: OctopusQuery | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  if (!query) return out;
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      out[key] = value.map(String).join(",");
    } else {
      out[key] = value as string | number | boolean;
    }
  }
  return out;
}

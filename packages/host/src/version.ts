/**
 * The host's own version, read from `packages/host/package.json` (one level above both `src/` and
 * `dist/`), so the `hostVersion` range check of plugin manifests uses the published number.
 */
import { readFileSync } from "node:fs";

function readVersion(): string {
  const raw = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  const parsed = JSON.parse(raw) as { version?: unknown };
  if (typeof parsed.version !== "string") {
    throw new Error("packages/host/package.json has no version string");
  }
  return parsed.version;
}

/** semver of `@octopus-mcp/host`, e.g. `0.1.0`. */
export const HOST_VERSION: string = readVersion();

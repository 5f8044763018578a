/**
 * Checks of a plugin object and its manifest before the host uses it: required fields, the
 * `hostVersion` semver range against this host's version, a snake_case namespace, and the three
 * lifecycle methods. Namespace uniqueness across plugins is checked by the loader.
 */
import type { IOctopusPlugin } from "@octopus-mcp/core";
// semver's single-function modules: the package entry loads all 47 of its files at start-up.
import satisfies from "semver/functions/satisfies.js";
import validVersion from "semver/functions/valid.js";
import validRange from "semver/ranges/valid.js";

/** Prerelease hosts satisfy a plugin's `hostVersion` range when the version is inside it. */
const RANGE_OPTIONS = { includePrerelease: true } as const;

/** Plugin namespaces: snake_case, the tool-name prefix. */
export const NAMESPACE_PATTERN = /^[a-z][a-z0-9_]*$/;

/**
 * Every problem with `candidate` as a plugin (empty when it is a valid plugin for `hostVersion`).
 * Prereleases of the host satisfy a range of the same release (`includePrerelease`).
 */
export function checkPlugin(candidate: unknown, hostVersion: string): string[] {
  if (typeof candidate !== "object" || candidate === null) {
    return [
      "is not an object with a manifest and onRegister/onStartAsync/onStopAsync (check the default export)",
    ];
  }
  const plugin = candidate as Partial<IOctopusPlugin>;
  const problems: string[] = [];
  for (const method of ["onRegister", "onStartAsync", "onStopAsync"] as const) {
    if (typeof plugin[method] !== "function") problems.push(`${method} must be a function`);
  }
  const manifest = plugin.manifest as unknown;
  if (typeof manifest !== "object" || manifest === null) {
    problems.push("manifest is missing");
    return problems;
  }
  const m = manifest as Record<string, unknown>;
  for (const field of ["name", "version", "namespace", "description", "hostVersion"]) {
    if (typeof m[field] !== "string" || (m[field] as string).trim() === "") {
      problems.push(`manifest.${field} must be a non-empty string`);
    }
  }
  if (typeof m.version === "string" && validVersion(m.version) === null) {
    problems.push(`manifest.version "${m.version}" is not a semver version`);
  }
  if (typeof m.namespace === "string" && !NAMESPACE_PATTERN.test(m.namespace)) {
    problems.push(`manifest.namespace "${m.namespace}" must match ${NAMESPACE_PATTERN.source} (snake_case)`);
  }
  if (typeof m.hostVersion === "string") {
    // The same options for both calls: semver caches a parsed range per options, so the range's
    // regular expressions run once (parsing a range is most of this check's time).
    if (validRange(m.hostVersion, RANGE_OPTIONS) === null) {
      problems.push(`manifest.hostVersion "${m.hostVersion}" is not a semver range`);
    } else if (!satisfies(hostVersion, m.hostVersion, RANGE_OPTIONS)) {
      problems.push(
        `needs host version ${m.hostVersion} but this is @octopus-mcp/host ${hostVersion}; ` +
          `upgrade the host or use a plugin version built for it`,
      );
    }
  }
  if (m.configSchema !== undefined && (typeof m.configSchema !== "object" || m.configSchema === null)) {
    problems.push("manifest.configSchema must be a JSON Schema object when present");
  }
  return problems;
}

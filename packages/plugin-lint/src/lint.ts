/**
 * `lintPlugin(target)`: the whole run. Static checks over files and the manifest, the lint host
 * (which also records the registered tools), then the static tool rules over those tools, then
 * `.pluginlintrc` severities and exemptions.
 */
import "reflect-metadata";
import path from "node:path";
import type { IOctopusPlugin } from "@octopus-mcp/core";
import type { Finding, RawFinding } from "./findings.js";
import { applyLintConfig, loadLintConfig, type LintConfig } from "./lint-config.js";
import { importPluginModule, instantiate, resolvePluginRoot } from "./load-plugin.js";
import { ruleMeta } from "./rules.js";
import { runDynamicChecks } from "./dynamic/lint-host.js";
import { checkConfigSchema, checkLifecycleShape } from "./static/manifest-checks.js";
import { checkToolText, WELL_KNOWN_TOOLS } from "./static/poisoning.js";
import { scanEnvAccess, scanSecrets } from "./static/secret-scan.js";
import { listSourceFiles } from "./static/source-files.js";
import { checkToolDefinitions } from "./static/tool-rules.js";
import { checkPins, pinFilePath, readPinFile, writePinFile } from "./static/pins.js";
import { checkToxicFlows } from "./static/toxic-flows.js";

export interface LintOptions {
  /** `.pluginlintrc` path; default: the first `.pluginlintrc*` in the plugin folder. */
  readonly configPath?: string;
  /** Run the plugin in the lint host (default true). Without it tool rules cannot run. */
  readonly dynamic?: boolean;
  /** Call every tool under injected faults (default true). */
  readonly callTools?: boolean;
  readonly cwd?: string;
  /** Bound of the plugin's onStopAsync in the lint host, ms. Default 5000. */
  readonly stopTimeoutMs?: number;
  /**
   * Write (or refresh) the L-PIN-1 pin file from the tools the plugin registered instead of checking
   * it. Nothing is written when the plugin did not start (see `LintReport.pins.state`).
   */
  readonly updatePins?: boolean;
}

/**
 * L-PIN-1 state: `absent` (no pin file: the rule is inactive), `checked`, `written` (`updatePins`),
 * `not-written` (`updatePins`, but the plugin's tools are unknown because it did not start).
 */
export interface PinReport {
  /** Absolute pin file path. */
  readonly file: string;
  readonly state: "absent" | "checked" | "written" | "not-written";
  /** Number of pins in the file after the run (0 when absent or not written). */
  readonly count: number;
}

export interface LintReport {
  /** Absolute plugin folder. */
  readonly root: string;
  readonly plugin: { readonly name: string; readonly version: string; readonly namespace: string };
  readonly config: LintConfig;
  /** Sorted: errors first, then by rule and location. */
  readonly findings: Finding[];
  /** Number of tools the plugin registered. */
  readonly toolCount: number;
  /** Tool calls made under injected faults and the upstream requests they sent (0 without the lint host). */
  readonly calls: { readonly made: number; readonly upstreamRequests: number };
  readonly pins: PinReport;
  readonly durationMs: number;
}

function complete(raw: RawFinding): Finding {
  const meta = ruleMeta(raw.ruleId);
  return {
    ruleId: raw.ruleId,
    severity: meta.severity,
    principle: meta.principle,
    location: raw.location,
    message: raw.message,
    fix: raw.fix ?? meta.fix,
    ...(raw.stack !== undefined ? { stack: raw.stack } : {}),
  };
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Lints the plugin at `target` (folder or installed package name).
 * @throws PluginLoadError when the plugin cannot be found or imported; LintConfigError for a bad `.pluginlintrc`.
 */
export async function lintPlugin(target: string, options: LintOptions = {}): Promise<LintReport> {
  const t0 = performance.now();
  const root = resolvePluginRoot(target, options.cwd);
  const config = loadLintConfig(root, options.configPath);
  const loaded = await importPluginModule(root);
  const raw: RawFinding[] = [];

  const files = listSourceFiles(root);
  raw.push(...(await scanSecrets(files)), ...scanEnvAccess(files));

  const instance = instantiate(loaded.exported);
  const shape = checkLifecycleShape(instance);
  raw.push(...shape);
  const manifest = instance?.manifest as Record<string, unknown> | undefined;
  raw.push(...checkConfigSchema(manifest));
  const namespace = typeof manifest?.namespace === "string" ? manifest.namespace : "";

  let toolCount = 0;
  let calls = { made: 0, upstreamRequests: 0 };
  const pinFile = pinFilePath(root, config.pins);
  const pinFileName = path.relative(root, pinFile) || pinFile;
  // Read before the plugin runs so a broken pin file fails fast (LintConfigError, exit 2).
  const pinned = options.updatePins ? undefined : readPinFile(pinFile);
  let pins: PinReport = {
    file: pinFile,
    state: options.updatePins ? "not-written" : pinned ? "checked" : "absent",
    count: pinned ? Object.keys(pinned.tools).length : 0,
  };
  if (instance && shape.length === 0 && options.dynamic !== false) {
    const dynamic = await runDynamicChecks({
      root,
      plugin: instance as unknown as IOctopusPlugin,
      pluginConfig: config.pluginConfig,
      ...(options.callTools !== undefined ? { callTools: options.callTools } : {}),
      ...(options.stopTimeoutMs !== undefined ? { stopTimeoutMs: options.stopTimeoutMs } : {}),
    });
    toolCount = dynamic.tools.length;
    calls = { made: dynamic.stats.calls, upstreamRequests: dynamic.stats.requests };
    raw.push(...checkToolDefinitions(dynamic.tools, namespace));
    const known = [...WELL_KNOWN_TOOLS, ...config.knownTools];
    for (const tool of dynamic.tools) raw.push(...checkToolText(tool, namespace, known));
    raw.push(...checkToxicFlows(dynamic.tools));
    if (options.updatePins && dynamic.started && dynamic.tools.length > 0) {
      writePinFile(pinFile, dynamic.tools);
      pins = { file: pinFile, state: "written", count: new Set(dynamic.tools.map((t) => t.name)).size };
    } else if (pinned) {
      raw.push(...checkPins(dynamic.tools, pinned, pinFileName));
    }
    raw.push(...dynamic.findings);
  }

  const findings = applyLintConfig(raw.map(complete), config).sort(
    (a, b) =>
      ORDER[a.severity] - ORDER[b.severity] ||
      a.ruleId.localeCompare(b.ruleId, "en", { numeric: true }) ||
      (a.location.file ?? a.location.tool ?? "").localeCompare(b.location.file ?? b.location.tool ?? ""),
  );
  return {
    root,
    plugin: {
      name: typeof manifest?.name === "string" ? manifest.name : String(loaded.packageJson.name ?? root),
      version:
        typeof manifest?.version === "string" ? manifest.version : String(loaded.packageJson.version ?? ""),
      namespace,
    },
    config,
    findings,
    toolCount,
    calls,
    pins,
    durationMs: Math.round(performance.now() - t0),
  };
}

/** Exit code for a report (ESLint convention): 1 with errors, or with warnings under `strict`; else 0. */
export function exitCodeFor(findings: readonly Finding[], strict = false): 0 | 1 {
  return findings.some((f) => f.severity === "error" || (strict && f.severity === "warning")) ? 1 : 0;
}

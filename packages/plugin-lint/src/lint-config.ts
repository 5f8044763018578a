/**
 * `.pluginlintrc` (YAML or JSON; also `.pluginlintrc.yaml|.yml|.json`) in the plugin folder or
 * given with `--config`:
 *
 * ```yaml
 * rules:                       # severity per rule: error | warning | info | off
 *   L-POISON-4: off
 *   L-SCHEMA-9: error
 * exempt:                      # each entry needs a reason; paths are globs relative to the plugin root
 *   - path: "src/fixtures/**"
 *     rules: [L-SECRET-2]      # optional: all rules when absent
 *     reason: "test keys of the public sandbox"
 *   - tool: "demo_echo"
 *     rules: [L-POISON-4]
 *     reason: "the word 'must' is part of the echoed protocol text"
 * pluginConfig: {}             # the plugin's config section used in the lint host
 * knownTools: [send_email]     # extra names of other servers' tools for L-SHADOW-1
 * pins: .pluginlint-pins.json  # L-PIN-1 pin file, relative to the plugin folder (this is the default)
 * ```
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import type { Finding, Severity } from "./findings.js";
import { isKnownRule } from "./rules.js";

export interface Exemption {
  readonly path?: string;
  readonly tool?: string;
  readonly rules?: readonly string[];
  readonly reason: string;
}

export interface LintConfig {
  /** Absolute path of the file read, if any. */
  readonly file: string | undefined;
  readonly rules: Readonly<Record<string, Severity | "off">>;
  readonly exempt: readonly Exemption[];
  readonly pluginConfig: Readonly<Record<string, unknown>>;
  readonly knownTools: readonly string[];
  /** L-PIN-1 pin file relative to the plugin folder; `undefined` means `.pluginlint-pins.json`. */
  readonly pins?: string;
}

/** A `.pluginlintrc` problem; the CLI exits 2 with this message. */
export class LintConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LintConfigError";
  }
}

export const RC_NAMES = [".pluginlintrc", ".pluginlintrc.yaml", ".pluginlintrc.yml", ".pluginlintrc.json"];
const SEVERITIES = new Set(["error", "warning", "info", "off"]);
const KEYS = ["rules", "exempt", "pluginConfig", "knownTools", "pins"];

export const EMPTY_CONFIG: LintConfig = {
  file: undefined,
  rules: {},
  exempt: [],
  pluginConfig: {},
  knownTools: [],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Validates a parsed `.pluginlintrc` object.
 * @throws LintConfigError naming the file, the key and the fix.
 */
export function parseLintConfig(raw: unknown, file: string | undefined): LintConfig {
  const where = file ?? ".pluginlintrc";
  const fail = (msg: string): never => {
    throw new LintConfigError(`${where}: ${msg}`);
  };
  if (raw === null || raw === undefined) return { ...EMPTY_CONFIG, file };
  if (!isRecord(raw)) fail(`must be a mapping with keys ${KEYS.join(", ")}`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!KEYS.includes(key)) fail(`unknown key "${key}" (allowed: ${KEYS.join(", ")})`);
  }
  const rules: Record<string, Severity | "off"> = {};
  if (obj.rules !== undefined) {
    if (!isRecord(obj.rules)) fail(`"rules" must map rule IDs to error | warning | info | off`);
    for (const [id, sev] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (!isKnownRule(id)) fail(`rules: unknown rule "${id}" (see docs/plugin-lint.md for the IDs)`);
      const value = sev === "warn" ? "warning" : sev;
      if (typeof value !== "string" || !SEVERITIES.has(value)) {
        fail(`rules.${id}: ${JSON.stringify(sev)} is not one of error, warning, info, off`);
      }
      rules[id] = value as Severity | "off";
    }
  }
  const exempt: Exemption[] = [];
  if (obj.exempt !== undefined) {
    if (!Array.isArray(obj.exempt)) fail(`"exempt" must be a list of { path | tool, rules?, reason }`);
    (obj.exempt as unknown[]).forEach((entry, i) => {
      if (!isRecord(entry)) return fail(`exempt[${i}] must be a mapping { path | tool, rules?, reason }`);
      const { path: p, tool, rules: ids, reason } = entry;
      if (typeof reason !== "string" || reason.trim() === "") {
        fail(`exempt[${i}]: "reason" is required: say why the exemption is safe`);
      }
      if ((typeof p !== "string" || p === "") && (typeof tool !== "string" || tool === "")) {
        fail(`exempt[${i}]: give "path" (a glob relative to the plugin root) or "tool" (a tool name)`);
      }
      if (ids !== undefined) {
        if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || !isKnownRule(id))) {
          fail(`exempt[${i}].rules must be a list of known rule IDs`);
        }
      }
      exempt.push({
        reason: reason as string,
        ...(typeof p === "string" && p !== "" ? { path: p } : {}),
        ...(typeof tool === "string" && tool !== "" ? { tool } : {}),
        ...(Array.isArray(ids) ? { rules: ids as string[] } : {}),
      });
    });
  }
  if (obj.pluginConfig !== undefined && !isRecord(obj.pluginConfig)) {
    fail(`"pluginConfig" must be a mapping (the plugin's config section)`);
  }
  if (
    obj.knownTools !== undefined &&
    (!Array.isArray(obj.knownTools) || obj.knownTools.some((t) => typeof t !== "string"))
  ) {
    fail(`"knownTools" must be a list of tool names`);
  }
  if (obj.pins !== undefined && (typeof obj.pins !== "string" || obj.pins.trim() === "")) {
    fail(`"pins" must be the pin file's path relative to the plugin folder (e.g. .pluginlint-pins.json)`);
  }
  return {
    file,
    rules,
    exempt,
    pluginConfig: (obj.pluginConfig as Record<string, unknown> | undefined) ?? {},
    knownTools: (obj.knownTools as string[] | undefined) ?? [],
    ...(typeof obj.pins === "string" ? { pins: obj.pins } : {}),
  };
}

/**
 * Reads `explicitPath`, or the first `.pluginlintrc*` in `pluginRoot`; the empty config when none.
 * @throws LintConfigError when the file is unreadable, unparsable or invalid.
 */
export function loadLintConfig(pluginRoot: string, explicitPath?: string): LintConfig {
  const file =
    explicitPath !== undefined
      ? path.resolve(explicitPath)
      : RC_NAMES.map((n) => path.join(pluginRoot, n)).find((p) => existsSync(p));
  if (file === undefined) return EMPTY_CONFIG;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new LintConfigError(`${file}: cannot read (${(error as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = file.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new LintConfigError(`${file}: not valid YAML/JSON: ${(error as Error).message}`);
  }
  return parseLintConfig(raw, file);
}

/** Applies severity overrides and exemptions; drops `off` rules and exempted findings. */
export function applyLintConfig(findings: readonly Finding[], config: LintConfig): Finding[] {
  const matchers = config.exempt.map((e) => ({
    e,
    match: e.path !== undefined ? picomatch(e.path, { dot: true }) : undefined,
  }));
  const out: Finding[] = [];
  for (const f of findings) {
    const override = config.rules[f.ruleId];
    if (override === "off") continue;
    const exempted = matchers.some(({ e, match }) => {
      if (e.rules && !e.rules.includes(f.ruleId)) return false;
      if (match && f.location.file !== undefined) return match(f.location.file);
      if (e.tool !== undefined) return f.location.tool === e.tool;
      return false;
    });
    if (exempted) continue;
    out.push(override !== undefined ? { ...f, severity: override } : f);
  }
  return out;
}

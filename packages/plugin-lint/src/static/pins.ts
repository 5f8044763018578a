/**
 * L-PIN-1 (reference/lint-rules.md §2.4): a SHA-256 hash of each tool's whole canonicalised
 * definition, compared with the pins committed next to the plugin's package.json. mcp-scan pins
 * `md5(description)` only, so schema or annotation changes ("rug pulls") go unnoticed; we hash
 * everything a client sees.
 *
 * Pin file (`.pluginlint-pins.json`, or `.pluginlintrc` `pins: <path relative to the plugin folder>`):
 * ```json
 * { "version": 1, "algorithm": "sha256", "canonicalization": "RFC 8785",
 *   "tools": { "demo_list_spaces": "9f2c…64 hex" } }
 * ```
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { annotationsFor, type ToolDefinition } from "@octopus-mcp/core";
import type { RawFinding } from "../findings.js";
import { LintConfigError } from "../lint-config.js";

/** Default pin file name, in the plugin folder (next to package.json). */
export const DEFAULT_PINS_FILE = ".pluginlint-pins.json";

/** The parsed pin file: tool name → lower-case hex SHA-256 of the canonical definition. */
export interface PinFile {
  readonly version: 1;
  readonly algorithm: "sha256";
  readonly canonicalization: "RFC 8785";
  readonly tools: Readonly<Record<string, string>>;
}

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation: object keys sorted by UTF-16 code units, no
 * insignificant whitespace, ECMAScript number and string serialisation (what `JSON.stringify` does).
 * `undefined` and function members are left out, as in JSON.
 * @throws TypeError for non-finite numbers and bigints (not representable in JSON).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${value} cannot be represented in JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined || typeof v === "function" ? "null" : canonicalJson(v))).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && typeof v !== "function")
      // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires.
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new TypeError(`a ${typeof value} cannot be represented in JSON`);
}

/**
 * The part of a tool definition that is pinned: name, title, description, inputSchema, outputSchema,
 * access and the annotations as served (explicit hints over the ones derived from access).
 */
export function pinnedView(tool: ToolDefinition): Record<string, unknown> {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema,
    access: tool.access,
    annotations: annotationsFor(tool.access, tool.annotations ?? {}),
  };
}

/** Lower-case hex SHA-256 of the canonical pinned view of `tool`. */
export function toolPin(tool: ToolDefinition): string {
  return createHash("sha256")
    .update(canonicalJson(pinnedView(tool)), "utf8")
    .digest("hex");
}

/** Absolute pin file path: `configured` (relative to the plugin folder) or the default. */
export function pinFilePath(root: string, configured: string | undefined): string {
  return path.resolve(root, configured ?? DEFAULT_PINS_FILE);
}

/**
 * Reads the pin file; `undefined` when it does not exist (L-PIN-1 is then inactive).
 * @throws LintConfigError when it exists but is not a valid pin file (the CLI exits 2).
 */
export function readPinFile(file: string): PinFile | undefined {
  if (!existsSync(file)) return undefined;
  const fail = (msg: string): never => {
    throw new LintConfigError(
      `${file}: ${msg}; regenerate it with \`octopus-plugin-lint --update-pins\` after reviewing the tools`,
    );
  };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  const obj = raw as Record<string, unknown> | null;
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return fail("must be a JSON object");
  if (obj.version !== 1) fail(`"version" must be 1`);
  if (obj.algorithm !== "sha256") fail(`"algorithm" must be "sha256"`);
  const tools = obj.tools;
  if (typeof tools !== "object" || tools === null || Array.isArray(tools)) {
    return fail(`"tools" must map tool names to SHA-256 hex digests`);
  }
  for (const [name, hash] of Object.entries(tools as Record<string, unknown>)) {
    if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) {
      fail(`tools.${name} must be a 64-character lower-case hex SHA-256 digest`);
    }
  }
  return {
    version: 1,
    algorithm: "sha256",
    canonicalization: "RFC 8785",
    tools: tools as Record<string, string>,
  };
}

/** The pin file content for `tools` (sorted by name, one pin per tool), with a trailing newline. */
export function renderPinFile(tools: readonly ToolDefinition[]): string {
  const pins: Record<string, string> = {};
  for (const tool of [...tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    pins[tool.name] = toolPin(tool);
  }
  const file: PinFile = { version: 1, algorithm: "sha256", canonicalization: "RFC 8785", tools: pins };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Writes (or refreshes) the pin file for `tools`. Tools no longer registered lose their pin. */
export function writePinFile(file: string, tools: readonly ToolDefinition[]): void {
  writeFileSync(file, renderPinFile(tools));
}

/**
 * L-PIN-1: one finding per tool whose hash differs from its pin or that has no pin.
 * `pinFileName` is how the file is named in messages (relative to the plugin folder).
 */
export function checkPins(
  tools: readonly ToolDefinition[],
  pins: PinFile,
  pinFileName: string,
): RawFinding[] {
  const out: RawFinding[] = [];
  for (const tool of tools) {
    const actual = toolPin(tool);
    const pinned = pins.tools[tool.name];
    if (pinned === actual) continue;
    const review = `Review the definition of ${tool.name} (description, schemas, access, annotations) in this change, then run \`octopus-plugin-lint --update-pins\` and commit ${pinFileName} with it.`;
    out.push(
      pinned === undefined
        ? {
            ruleId: "L-PIN-1",
            location: { tool: tool.name },
            message: `unreviewed change: new tool ${tool.name} has no pin in ${pinFileName} (sha256 ${actual.slice(0, 12)}…)`,
            fix: review,
          }
        : {
            ruleId: "L-PIN-1",
            location: { tool: tool.name },
            message: `unreviewed change: the definition of ${tool.name} differs from its pin in ${pinFileName} (pinned sha256 ${pinned.slice(0, 12)}…, now ${actual.slice(0, 12)}…)`,
            fix: review,
          },
    );
  }
  return out;
}

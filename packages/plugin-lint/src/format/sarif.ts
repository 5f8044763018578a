/**
 * `--format sarif`: SARIF 2.1.0 (OASIS) for GitHub code scanning, typed with `@types/sarif`.
 * Mapping (reference/lint-rules.md §5): one run, `tool.driver.rules` = the catalogue, each finding a
 * `result` with `physicalLocation` (file:line, or the plugin's package.json for tool/manifest
 * findings) and a `logicalLocation` `tool/<name><pointer>` for tool findings.
 */
import path from "node:path";
import type { Log, Result, ReportingDescriptor } from "sarif";
import type { Finding } from "../findings.js";
import type { LintReport } from "../lint.js";
import { helpUri, RULES } from "../rules.js";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

export const TOOL_VERSION = "0.1.0";

function result(f: Finding, report: LintReport, ruleIndex: number): Result {
  const rootRel = path.relative(process.cwd(), report.root).split(path.sep).join("/") || ".";
  const uri = f.location.file !== undefined ? `${rootRel}/${f.location.file}` : `${rootRel}/package.json`;
  const logical =
    f.location.tool !== undefined
      ? [
          {
            name: f.location.tool,
            fullyQualifiedName: `tool/${f.location.tool}${f.location.pointer ?? ""}`,
            kind: "function",
          },
        ]
      : f.location.manifest
        ? [{ name: "manifest", fullyQualifiedName: `manifest${f.location.pointer ?? ""}`, kind: "object" }]
        : undefined;
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${f.message}. Fix: ${f.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uri.replace(/^\.\//, "") },
          ...(f.location.line !== undefined ? { region: { startLine: f.location.line } } : {}),
        },
        ...(logical ? { logicalLocations: logical } : {}),
      },
    ],
  };
}

export function toSarif(report: LintReport): Log {
  const rules: ReportingDescriptor[] = RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/-/g, ""),
    shortDescription: { text: r.title },
    help: { text: r.fix },
    helpUri: helpUri(r.id),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { principle: r.principle, kind: r.kind },
  }));
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  return {
    version: "2.1.0",
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    runs: [
      {
        tool: {
          driver: { name: "octopus-plugin-lint", version: TOOL_VERSION, informationUri: helpUri(""), rules },
        },
        results: report.findings.map((f) => result(f, report, index.get(f.ruleId) ?? -1)),
      },
    ],
  };
}

export function formatSarif(report: LintReport): string {
  return JSON.stringify(toSarif(report), null, 2) + "\n";
}

/** `--format json`: `{ plugin, root, toolCount, calls: { made, upstreamRequests }, pins: { file, state, count }, durationMs, summary: {error, warning, info}, findings: Finding[] }`. */
import type { LintReport } from "../lint.js";

export function formatJson(report: LintReport): string {
  const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
  return (
    JSON.stringify(
      {
        plugin: report.plugin,
        root: report.root,
        toolCount: report.toolCount,
        calls: report.calls,
        pins: report.pins,
        durationMs: report.durationMs,
        summary: { error: count("error"), warning: count("warning"), info: count("info") },
        findings: report.findings,
      },
      null,
      2,
    ) + "\n"
  );
}

/** Human output: findings grouped by principle, each with location, rule, message and fix; a summary line. */
import { formatLocation, PRINCIPLES, type Finding } from "../findings.js";
import type { LintReport } from "../lint.js";

const LABEL = { error: "error", warning: "warn ", info: "info " } as const;

export function summaryLine(findings: readonly Finding[]): string {
  const n = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  const e = n("error");
  const w = n("warning");
  const i = n("info");
  return `${e} error${e === 1 ? "" : "s"}, ${w} warning${w === 1 ? "" : "s"}, ${i} info`;
}

export function formatText(report: LintReport): string {
  const lines: string[] = [
    `${report.plugin.name}@${report.plugin.version} (${report.toolCount} tools, ${report.calls.made} calls under faults, ${report.calls.upstreamRequests} upstream requests) — ${report.root}`,
  ];
  for (const p of PRINCIPLES) {
    const group = report.findings.filter((f) => f.principle === p.id);
    lines.push("", `${p.title}: ${group.length === 0 ? "ok" : summaryLine(group)}`);
    for (const f of group) {
      lines.push(`  ${LABEL[f.severity]} ${f.ruleId}  ${formatLocation(f.location)}`);
      lines.push(`        ${f.message}`);
      lines.push(`        fix: ${f.fix}`);
      if (f.stack)
        lines.push(
          ...f.stack
            .split("\n")
            .slice(0, 6)
            .map((s) => `        ${s.trim()}`),
        );
    }
  }
  lines.push(
    "",
    `${report.findings.length === 0 ? "✓ clean" : "✗"} ${summaryLine(report.findings)} (${report.durationMs} ms)`,
  );
  return lines.join("\n") + "\n";
}

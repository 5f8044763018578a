/**
 * The report of one `pnpm bench` run: each figure's metrics (median and spread over repeated
 * runs) and its comparisons (ratio subject/baseline per round, summarised the same way), written
 * as `bench/results/latest.json` and `bench/results/latest.md`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { round, summarize, type Summary } from "./stats.js";

/** One measured quantity. */
export interface Metric {
  readonly label: string;
  /** `ms`, `MB/s`, `MB`, `chars`, `calls/s`, ... */
  readonly unit: string;
  readonly summary: Summary;
}

/** A subject measured against its baseline in the same run. */
export interface Comparison {
  readonly label: string;
  /** Per-round `subject / baseline`, summarised. */
  readonly ratio: Summary;
  /** The target on the median ratio, e.g. `<= 1.15`; absent when there is none. */
  readonly target?: { readonly op: "<=" | ">=" | "<"; readonly value: number };
  /** Whether the median ratio meets the target (absent without a target). */
  readonly met?: boolean;
}

/** One absolute target (e.g. validation under 1.5 s), checked on a metric's median. */
export interface Check {
  readonly label: string;
  readonly metric: string;
  readonly op: "<=" | ">=" | "<";
  readonly value: number;
  readonly met: boolean;
}

export interface FigureResult {
  /** Stable key, e.g. `hostOverhead`. */
  readonly id: string;
  readonly title: string;
  /** What was measured and how, in one or two sentences. */
  readonly method: string;
  readonly metrics: Readonly<Record<string, Metric>>;
  readonly comparisons: Readonly<Record<string, Comparison>>;
  readonly checks: readonly Check[];
  readonly notes: readonly string[];
  /** Wall time of the figure, in ms. */
  readonly durationMs: number;
}

export interface BenchReport {
  readonly date: string;
  readonly mode: "full" | "smoke";
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly loadAverage: readonly number[];
  readonly figures: readonly FigureResult[];
  /** Figures that threw, with the message (the run goes on with the others). */
  readonly failures: readonly { readonly id: string; readonly error: string }[];
}

/** Builds a metric from raw samples. */
export function metric(label: string, unit: string, samples: readonly number[]): Metric {
  return { label, unit, summary: summarize(samples) };
}

function compare(op: "<=" | ">=" | "<", actual: number, value: number): boolean {
  return op === "<=" ? actual <= value : op === ">=" ? actual >= value : actual < value;
}

/** Builds a comparison from per-round ratios and an optional target on their median. */
export function comparison(
  label: string,
  perRoundRatios: readonly number[],
  target?: { op: "<=" | ">=" | "<"; value: number },
): Comparison {
  const ratio = summarize(perRoundRatios);
  return target
    ? { label, ratio, target, met: compare(target.op, ratio.median, target.value) }
    : { label, ratio };
}

/** Builds an absolute check on `metrics[metricKey].summary.median`. */
export function check(
  label: string,
  metrics: Readonly<Record<string, Metric>>,
  metricKey: string,
  op: "<=" | ">=" | "<",
  value: number,
): Check {
  const m = metrics[metricKey];
  if (!m) throw new Error(`check "${label}": no metric "${metricKey}"`);
  return { label, metric: metricKey, op, value, met: compare(op, m.summary.median, value) };
}

function fmtSummary(s: Summary): string {
  return `${round(s.median)} (p25–p75 ${round(s.p25)}–${round(s.p75)}, min–max ${round(s.min)}–${round(s.max)}, n=${s.n})`;
}

/** The Markdown rendering of a report. */
export function renderMarkdown(report: BenchReport): string {
  const lines: string[] = [
    `# Octopus MCP Host benchmarks (${report.mode})`,
    "",
    `${report.date} · Node ${report.node} · ${report.platform} · ${report.cpus} CPUs · load average ${report.loadAverage.map((l) => l.toFixed(2)).join(" / ")}`,
    "",
    "Each value: median (p25–p75, min–max, n = number of repeated measurements). Ratios are subject/baseline",
    "measured round by round in the same run; read the ratios, not the absolute times, on a shared machine.",
    "",
  ];
  if (report.mode === "smoke")
    lines.push(
      "**Smoke mode**: tiny iteration counts and sizes; the numbers only prove the benchmarks run.",
      "",
    );
  const rows: string[] = [];
  for (const f of report.figures) {
    for (const c of Object.values(f.comparisons)) {
      const target = c.target ? `${c.target.op} ${c.target.value}` : "—";
      const met = c.met === undefined ? "—" : c.met ? "yes" : "**no**";
      rows.push(
        `| ${f.title} | ${c.label} (ratio) | ${round(c.ratio.median)} | ${round(c.ratio.p25)}–${round(c.ratio.p75)} | ${target} | ${met} |`,
      );
    }
    for (const k of f.checks) {
      const m = f.metrics[k.metric];
      if (!m) continue;
      rows.push(
        `| ${f.title} | ${k.label} (${m.unit}) | ${round(m.summary.median)} | ${round(m.summary.p25)}–${round(m.summary.p75)} | ${k.op} ${k.value} | ${k.met ? "yes" : "**no**"} |`,
      );
    }
  }
  lines.push(
    "## Summary",
    "",
    "| Figure | Comparison / check | Median | p25–p75 | Target | Met |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
  );
  for (const f of report.figures) {
    lines.push(`## ${f.title}`, "", f.method, "", `Took ${(f.durationMs / 1000).toFixed(1)} s.`, "");
    lines.push("| Metric | Unit | Median (spread) |", "|---|---|---|");
    for (const m of Object.values(f.metrics))
      lines.push(`| ${m.label} | ${m.unit} | ${fmtSummary(m.summary)} |`);
    lines.push("");
    const comparisons = Object.values(f.comparisons);
    if (comparisons.length > 0) {
      lines.push("| Comparison | Ratio (spread) | Target | Met |", "|---|---|---|---|");
      for (const c of comparisons) {
        const target = c.target ? `${c.target.op} ${c.target.value}` : "—";
        const met = c.met === undefined ? "—" : c.met ? "yes" : "**no**";
        lines.push(`| ${c.label} | ${fmtSummary(c.ratio)} | ${target} | ${met} |`);
      }
      lines.push("");
    }
    for (const n of f.notes) lines.push(`- ${n}`);
    if (f.notes.length > 0) lines.push("");
  }
  if (report.failures.length > 0) {
    lines.push("## Failed figures", "");
    for (const fail of report.failures) lines.push(`- **${fail.id}**: ${fail.error}`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Writes `<name>.json` and `<name>.md` into `dir` (created). Returns their paths. The runner uses
 * `latest` for a full run and `smoke` for a smoke run, so a smoke run never replaces full results.
 */
export async function writeReport(
  report: BenchReport,
  dir: string,
  name = "latest",
): Promise<{ json: string; markdown: string }> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, `${name}.json`);
  const markdown = path.join(dir, `${name}.md`);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, renderMarkdown(report));
  return { json, markdown };
}

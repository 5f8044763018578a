/**
 * The benchmarks' smoke mode (tiny counts and sizes, no thresholds) runs every figure and writes a
 * report with every figure's metrics and comparisons as numbers, so the benchmarks never rot.
 * No timing is asserted: only that everything ran and produced finite values.
 */
import "reflect-metadata";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { BenchReport } from "../src/report.js";
import { FIGURES, runBenchmarks } from "../src/run.js";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function isFiniteSummary(s: unknown): boolean {
  const v = s as Record<string, unknown>;
  return ["median", "p25", "p75", "min", "max", "n"].every(
    (k) => typeof v[k] === "number" && Number.isFinite(v[k]),
  );
}

describe("bench smoke", () => {
  it("runs every figure and reports numeric values for each", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "octopus-mcp-bench-test-"));
    dirs.push(out);
    const { report, files } = await runBenchmarks({ smoke: true, outDir: out });

    expect(report.failures).toEqual([]);
    expect(report.mode).toBe("smoke");
    expect(report.figures.map((f) => f.id)).toEqual(Object.keys(FIGURES));
    for (const figure of report.figures) {
      expect(Object.keys(figure.metrics).length, figure.id).toBeGreaterThan(0);
      expect(Object.keys(figure.comparisons).length, figure.id).toBeGreaterThan(0);
      for (const m of Object.values(figure.metrics))
        expect(isFiniteSummary(m.summary), `${figure.id}: ${m.label}`).toBe(true);
      for (const c of Object.values(figure.comparisons)) {
        expect(isFiniteSummary(c.ratio), `${figure.id}: ${c.label}`).toBe(true);
        expect(c.ratio.median, `${figure.id}: ${c.label}`).toBeGreaterThan(0);
      }
    }
    // The on-disk report is the same, and the Markdown names every figure.
    // A smoke run writes smoke.{json,md}, never replacing a full run's latest.{json,md}.
    expect(path.basename(files.json)).toBe("smoke.json");
    const json = JSON.parse(await readFile(files.json, "utf8")) as BenchReport;
    expect(json.figures.map((f) => f.id)).toEqual(report.figures.map((f) => f.id));
    const markdown = await readFile(files.markdown, "utf8");
    for (const figure of report.figures) expect(markdown).toContain(`## ${figure.title}`);
  });
});

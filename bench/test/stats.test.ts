import { describe, expect, it } from "vitest";
import { comparison, renderMarkdown, type BenchReport } from "../src/report.js";
import { pairedRatios, quantile, ratios, summarize } from "../src/stats.js";

describe("stats", () => {
  it("summarises samples with interpolated quartiles", () => {
    expect(summarize([4, 1, 3, 2, 5])).toEqual({ median: 3, p25: 2, p75: 4, min: 1, max: 5, n: 5 });
    expect(quantile([10, 20], 0.5)).toBe(15);
  });

  it("refuses empty or non-finite samples", () => {
    expect(() => summarize([])).toThrow(/no samples/);
    expect(() => summarize([1, Number.NaN])).toThrow(/non-finite/);
  });

  it("computes ratios over pairs of rounds, cancelling an order advantage", () => {
    // The second process of each round is 10 % faster: per-round ratios split, pairs do not.
    const subject = [110, 100, 110, 100];
    const baseline = [90, 100, 90, 100];
    expect(ratios(subject, baseline).map((r) => Math.round(r * 100) / 100)).toEqual([1.22, 1, 1.22, 1]);
    expect(pairedRatios(subject, baseline)).toEqual([210 / 190, 210 / 190]);
    expect(() => pairedRatios([1, 2, 3], [1, 2, 3])).toThrow(/even number of rounds/);
    expect(() => pairedRatios([1, 2], [1])).toThrow(/even number of rounds/);
  });

  it("computes per-round ratios and checks targets on their median", () => {
    expect(ratios([2, 3], [1, 2])).toEqual([2, 1.5]);
    expect(() => ratios([1], [1, 2])).toThrow(/rounds/);
    expect(comparison("x", [1.1, 1.2, 1.3], { op: "<=", value: 1.15 }).met).toBe(false);
    expect(comparison("x", [1.0, 1.1, 1.3], { op: "<=", value: 1.15 }).met).toBe(true);
  });

  it("renders missed targets in the Markdown summary", () => {
    const report: BenchReport = {
      date: "2026-01-01T00:00:00Z",
      mode: "full",
      node: "v20",
      platform: "linux",
      cpus: 2,
      loadAverage: [1, 1, 1],
      figures: [
        {
          id: "f",
          title: "F",
          method: "m",
          metrics: { a: { label: "A", unit: "ms", summary: summarize([1]) } },
          comparisons: { c: comparison("subject / baseline", [2], { op: "<=", value: 1.15 }) },
          checks: [],
          notes: [],
          durationMs: 1,
        },
      ],
      failures: [],
    };
    const md = renderMarkdown(report);
    expect(md).toContain("| F | subject / baseline (ratio) | 2 | 2–2 | <= 1.15 | **no** |");
  });
});

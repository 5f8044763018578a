/**
 * Compares grepLog with real GNU grep (`grep -n`) on a generated log written to a temp dir.
 * Output lines (`N:text`, `N-text`, `--`) and numbers must be identical.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatGrepEntries, grepLog, type GrepOptions } from "../../src/log/grep.js";
import { chunked, syntheticLog } from "./log-fixtures.js";

let dir: string;
let file: string;
let bytes: Uint8Array;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tasks-grep-"));
  file = join(dir, "task.log");
  const text = syntheticLog(5_000);
  writeFileSync(file, text);
  bytes = new TextEncoder().encode(text);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runGrep(args: string[]): string {
  try {
    return execFileSync("grep", [...args, file], {
      encoding: "utf8",
      env: { ...process.env, LC_ALL: "C.UTF-8" },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // Exit status 1 means "no line selected"; anything else is a real failure.
    if ((error as { status?: number }).status === 1) return (error as { stdout: string }).stdout ?? "";
    throw error;
  }
}

/** GNU grep's `-n` output lines and `-c` count for selection flags + output flags + pattern. */
function gnuGrep(testCase: Case): { lines: string[]; count: number } {
  const out = runGrep(["-n", ...testCase.select, ...testCase.output, "--", testCase.options.pattern]);
  const lines = out.length === 0 ? [] : out.replace(/\n$/, "").split("\n");
  const count = Number(runGrep(["-c", ...testCase.select, "--", testCase.options.pattern]).trim());
  return { lines, count };
}

interface Case {
  readonly name: string;
  /** Flags that decide which lines are selected (-F, -E, -i, -v). */
  readonly select: string[];
  /** Flags that only shape the output (-m, -A, -B, -C). */
  readonly output: string[];
  readonly options: Omit<GrepOptions, "pattern"> & { pattern: string };
}

const cases: Case[] = [
  {
    name: "fixed string",
    select: ["-F"],
    output: ["-m", "1000"],
    options: { pattern: "ECONNREFUSED", fixedStrings: true, maxMatches: 1000 },
  },
  {
    name: "regex with anchor",
    select: ["-E"],
    output: ["-m", "40"],
    options: { pattern: "exit code [0-9]+ #[0-9]*7$", maxMatches: 40 },
  },
  {
    name: "case-insensitive",
    select: ["-i", "-F"],
    output: ["-m", "25"],
    options: { pattern: "ERROR:", fixedStrings: true, ignoreCase: true, maxMatches: 25 },
  },
  {
    name: "case-insensitive regex",
    select: ["-i", "-E"],
    output: ["-m", "30"],
    options: { pattern: "retry(ing)? IN [0-9]", ignoreCase: true, maxMatches: 30 },
  },
  {
    name: "context -B2 -A3",
    select: ["-E"],
    output: ["-B", "2", "-A", "3", "-m", "30"],
    options: { pattern: "Error +[|]", before: 2, after: 3, maxMatches: 30 },
  },
  {
    name: "after-context with max (trailing context printed)",
    select: ["-F"],
    output: ["-A", "4", "-m", "7"],
    options: { pattern: "Health check", fixedStrings: true, after: 4, maxMatches: 7 },
  },
  {
    name: "before-context only",
    select: ["-F"],
    output: ["-B", "5", "-m", "12"],
    options: { pattern: "rollout", fixedStrings: true, before: 5, maxMatches: 12 },
  },
  {
    name: "invert with context",
    select: ["-v", "-E"],
    output: ["-B", "1", "-A", "1", "-m", "50"],
    options: { pattern: "(Info|Verbose)", invert: true, before: 1, after: 1, maxMatches: 50 },
  },
  {
    name: "empty lines",
    select: ["-E"],
    output: ["-m", "1000"],
    options: { pattern: "^$", maxMatches: 1000 },
  },
  {
    name: "unicode",
    select: ["-F"],
    output: ["-C", "1", "-m", "20"],
    options: { pattern: "naïve café", fixedStrings: true, before: 1, after: 1, maxMatches: 20 },
  },
  {
    name: "no match",
    select: ["-F"],
    output: ["-m", "10"],
    options: { pattern: "no such text anywhere", fixedStrings: true, maxMatches: 10 },
  },
];

describe("grepLog against GNU grep -n", () => {
  for (const testCase of cases) {
    it(`${testCase.name}: same lines, numbers and total`, async () => {
      const expected = gnuGrep(testCase);
      const result = await grepLog(chunked(bytes, 173), { ...testCase.options, countAll: true });
      expect(formatGrepEntries(result.entries)).toEqual(expected.lines);
      expect(result.totalMatches).toBe(expected.count);
      expect(result.complete).toBe(true);
      expect(result.linesRead).toBe(5_000);
    });
  }

  it("has cases that actually match and use context separators", () => {
    expect(gnuGrep(cases[4]!).lines).toContain("--");
    expect(gnuGrep(cases[0]!).lines.length).toBeGreaterThan(100);
  });

  it("without countAll, output is identical and the total is unknown when it stopped early", async () => {
    const expected = gnuGrep(cases[4]!);
    const result = await grepLog(chunked(bytes, 4096), cases[4]!.options);
    expect(formatGrepEntries(result.entries)).toEqual(expected.lines);
    expect(result.complete).toBe(false);
    expect(result.totalMatches).toBeUndefined();
    expect(result.linesRead).toBeLessThan(5_000);
  });
});

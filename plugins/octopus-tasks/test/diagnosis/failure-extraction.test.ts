import { describe, expect, it } from "vitest";
import {
  extractFailure,
  MAX_EXTRA_ERROR_LINES,
  parseLogLine,
} from "../../src/diagnosis/failure-extraction.js";
import { chunked, trackedSource } from "../log/log-fixtures.js";

const encode = (text: string) => new TextEncoder().encode(text);

/** A raw log in Octopus's format with section headers, noise, a failure and a long tail. */
function rawLog(): string {
  const lines = [
    "Task ID:        ServerTasks-900",
    "Task status:    Failed",
    "                    | == Failed: Deploy Checkout release 2.3.17 to Production ==",
    "10:00:02   Info     |   Deploying Checkout 2.3.17",
    "                    |   == Success: Step 1: Acquire packages ==",
    "10:00:03   Info     |     Downloading package Checkout.Web 2.3.17",
    "10:00:04   Verbose  |     Package hash verified",
    "                    |   == Failed: Step 2: Apply schema migrations ==",
    "10:00:05   Info     |     Executing script on web-02",
    "10:00:06   Verbose  |     Running migrate.sh --target latest",
  ];
  for (let i = 0; i < 30; i++) lines.push(`10:00:07   Verbose  |     migration output ${i}`);
  lines.push(
    "10:00:08   Info     |     Applying migration 0042_add_orders_index",
    '10:00:09   Error    |     ERROR: relation "orders" does not exist',
    "10:00:09   Verbose  |     at migrate (migrate.sh:12)",
    "10:00:10   Error    |     The remote script failed with exit code 1",
    "10:00:10   Verbose  |     cleanup 1",
    "10:00:10   Verbose  |     cleanup 2",
    "10:00:10   Verbose  |     cleanup 3",
    "10:00:10   Verbose  |     cleanup 4",
    "                    |   == Skipped: Step 3: Smoke test ==",
    "10:00:11   Fatal    |   The deployment failed because one or more steps failed",
  );
  for (let i = 0; i < 5000; i++) lines.push(`10:00:12   Verbose  |   trailing noise ${i}`);
  return lines.join("\n") + "\n";
}

describe("parseLogLine", () => {
  it("reads the level and message of prefixed, bare and other lines", () => {
    expect(parseLogLine("04:36:40   Fatal    | The deployment failed")).toEqual({
      level: "Fatal",
      message: "The deployment failed",
    });
    expect(parseLogLine("                    |   == Failed: X ==")).toEqual({
      level: undefined,
      message: "  == Failed: X ==",
    });
    expect(parseLogLine("Task ID: 1")).toEqual({ level: undefined, message: "Task ID: 1" });
  });
});

describe("extractFailure", () => {
  it("finds the first errors with context, the section, and what it was doing before", async () => {
    const result = await extractFailure(chunked(encode(rawLog()), 500), {
      maxErrors: 2,
      before: 2,
      after: 2,
    });
    expect(result.detection).toBe("level");
    expect(result.errors.map((e) => e.lineNumber)).toEqual([42]);
    expect(result.errors[0]!.lines.map((l) => l.lineNumber)).toEqual([40, 41, 42, 43, 44, 45, 46]);
    expect(result.errors[0]!.lines[2]!.text).toContain('relation "orders" does not exist');
    expect(result.errors[0]!.errorLineNumbers).toEqual([42, 44]);
    expect(result.section).toEqual([
      "Failed: Deploy Checkout release 2.3.17 to Production",
      "Failed: Step 2: Apply schema migrations",
    ]);
    expect(result.doingBefore.map((l) => l.lineNumber)).toEqual([9, 10, 41]);
    expect(result.doingBefore[2]!.text).toContain("Applying migration 0042");
  });

  it("stops reading once the error groups are complete", async () => {
    const { iterable, state } = trackedSource(encode(rawLog()), 256);
    const result = await extractFailure(iterable, { maxErrors: 1, before: 1, after: 1 });
    expect(result.errors).toHaveLength(1);
    expect(result.complete).toBe(false);
    expect(state.returned).toBe(true);
    expect(state.pulled).toBeLessThan(state.chunks / 4);
  });

  it("falls back to error keywords when the log has no level prefixes", async () => {
    const text = "starting job\nExecuting build\ncompile ok\nfatal: could not read from remote\nbye\n";
    const result = await extractFailure(chunked(encode(text), 3), { before: 1, after: 1 });
    expect(result.detection).toBe("keyword");
    expect(result.errors[0]!.lines).toEqual([
      { lineNumber: 3, text: "compile ok" },
      { lineNumber: 4, text: "fatal: could not read from remote" },
      { lineNumber: 5, text: "bye" },
    ]);
    expect(result.doingBefore.map((l) => l.text)).toEqual(["starting job", "Executing build"]);
  });

  it("skips Octopus's closing summary when a real error exists, and falls back to it otherwise", async () => {
    const summaryFirst = [
      "                    | == Failed: Deploy X ==",
      "10:00:01   Fatal    |   The deployment failed because one or more steps failed. Please see the output log for details.",
      "                    |   == Failed: Step 1: Smoke test ==",
      "10:00:02   Info     |     Checking https://x/healthz",
      "10:00:03   Error    |     Health check failed: 503",
    ].join("\n");
    const result = await extractFailure(chunked(encode(summaryFirst), 17), { before: 1, after: 0 });
    expect(result.detection).toBe("level");
    expect(result.errors.map((e) => e.lineNumber)).toEqual([5]);
    expect(result.doingBefore.map((l) => l.lineNumber)).toEqual([4]);
    expect(result.section).toEqual(["Failed: Deploy X", "Failed: Step 1: Smoke test"]);

    const onlySummary = "10:00:01   Fatal    | The deployment failed because one or more steps failed.\n";
    const fallback = await extractFailure(chunked(encode(onlySummary)), {});
    expect(fallback.detection).toBe("summary");
    expect(fallback.errors.map((e) => e.lineNumber)).toEqual([1]);
  });

  it("bounds a group when thousands of error lines follow each other", async () => {
    const lines = ["10:00:00   Info     | Running job"];
    for (let i = 0; i < 5_000; i++) lines.push(`10:00:01   Error    |   at frame ${i}`);
    const { iterable, state } = trackedSource(encode(lines.join("\n") + "\n"), 4096);
    const result = await extractFailure(iterable, { maxErrors: 2, before: 2, after: 2 });
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]!.lines).toHaveLength(2 + 1 + 2 + MAX_EXTRA_ERROR_LINES);
    expect(result.errors[1]!.lineNumber).toBe(result.errors[0]!.lines.at(-1)!.lineNumber + 1);
    expect(state.returned).toBe(true);
  });

  it("reports none for a clean log", async () => {
    const text = "10:00:00   Info     | all good\n10:00:01   Info     | Executing done\n";
    const result = await extractFailure(chunked(encode(text)), {});
    expect(result.detection).toBe("none");
    expect(result.errors).toEqual([]);
    expect(result.complete).toBe(true);
  });
});

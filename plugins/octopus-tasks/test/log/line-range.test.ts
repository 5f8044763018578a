import { describe, expect, it } from "vitest";
import { MAX_RANGE_LINES, readLineRange, readTail } from "../../src/log/line-range.js";
import { chunked, syntheticLog, trackedSource } from "./log-fixtures.js";

const text = syntheticLog(3_000, 9);
const bytes = new TextEncoder().encode(text);
const allLines = text.replace(/\n$/, "").split("\n");

describe("readLineRange", () => {
  it("returns exactly the requested lines with 1-based numbers", async () => {
    const result = await readLineRange(chunked(bytes, 211), 1_000, 1_010);
    expect(result.lines.map((l) => l.lineNumber)).toEqual(Array.from({ length: 11 }, (_, i) => 1_000 + i));
    expect(result.lines.map((l) => l.text)).toEqual(allLines.slice(999, 1_010));
  });

  it("stops reading after the last requested line", async () => {
    const { iterable, state } = trackedSource(bytes, 1024);
    const result = await readLineRange(iterable, 1, 20);
    expect(result.lines).toHaveLength(20);
    expect(state.returned).toBe(true);
    expect(state.pulled).toBeLessThan(5);
    expect(result.complete).toBe(false);
    expect(result.totalLines).toBeUndefined();
  });

  it("returns what exists past the end, with the total", async () => {
    const result = await readLineRange(chunked(bytes, 4096), 2_995, 3_100);
    expect(result.lines.map((l) => l.lineNumber)).toEqual([2_995, 2_996, 2_997, 2_998, 2_999, 3_000]);
    expect(result.totalLines).toBe(3_000);
    const beyond = await readLineRange(chunked(bytes, 4096), 5_000, 5_010);
    expect(beyond.lines).toEqual([]);
    expect(beyond.totalLines).toBe(3_000);
  });

  it("rejects bad ranges", async () => {
    await expect(readLineRange(chunked(bytes), 0, 5)).rejects.toThrow(RangeError);
    await expect(readLineRange(chunked(bytes), 10, 5)).rejects.toThrow(RangeError);
    await expect(readLineRange(chunked(bytes), 1, MAX_RANGE_LINES + 1)).rejects.toThrow(/at most/);
  });
});

describe("readTail", () => {
  it("returns the last lines and the total line count", async () => {
    const result = await readTail(chunked(bytes, 333), 25);
    expect(result.lines.map((l) => l.text)).toEqual(allLines.slice(-25));
    expect(result.lines[0]?.lineNumber).toBe(2_976);
    expect(result.totalLines).toBe(3_000);
  });

  it("returns every line of a log shorter than the tail", async () => {
    const result = await readTail(chunked(new TextEncoder().encode("a\nb\nc"), 2), 10);
    expect(result.lines).toEqual([
      { lineNumber: 1, text: "a" },
      { lineNumber: 2, text: "b" },
      { lineNumber: 3, text: "c" },
    ]);
  });

  it("rejects a count out of range", async () => {
    await expect(readTail(chunked(bytes), 0)).rejects.toThrow(RangeError);
  });
});

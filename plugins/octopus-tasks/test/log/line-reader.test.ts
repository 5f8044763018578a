import { describe, expect, it } from "vitest";
import { createLineReaderStats, readLineBatches } from "../../src/log/line-reader.js";
import { assertSafePattern, grepLog } from "../../src/log/grep.js";
import { chunked, syntheticLog, trackedSource } from "./log-fixtures.js";

const encode = (text: string) => new TextEncoder().encode(text);

async function allLines(source: AsyncIterable<Uint8Array | string>, maxLineLength?: number) {
  const out: { n: number; text: string }[] = [];
  const options = maxLineLength === undefined ? {} : { maxLineLength };
  for await (const batch of readLineBatches(source, options)) {
    batch.lines.forEach((text, i) => out.push({ n: batch.firstLineNumber + i, text }));
  }
  return out;
}

describe("readLineBatches", () => {
  it("splits lines across chunk boundaries, including multi-byte UTF-8 characters", async () => {
    const text = syntheticLog(400, 11);
    for (const maxChunk of [1, 2, 7, 64, 1000]) {
      const lines = await allLines(chunked(encode(text), maxChunk, maxChunk));
      expect(lines.map((l) => l.text)).toEqual(text.replace(/\n$/, "").split("\n"));
      expect(lines.at(-1)?.n).toBe(400);
    }
  });

  it("strips CR of CRLF line endings, even when CR and LF arrive in different chunks", async () => {
    const source = (async function* () {
      yield encode("first\r");
      yield encode("\nsecond\r\nthird");
      yield encode("\r\n");
    })();
    expect(await allLines(source)).toEqual([
      { n: 1, text: "first" },
      { n: 2, text: "second" },
      { n: 3, text: "third" },
    ]);
  });

  it("handles empty input, a lone newline and empty lines like grep", async () => {
    const run = (text: string) =>
      allLines(
        (async function* () {
          yield encode(text);
        })(),
      );
    expect(await run("")).toEqual([]);
    expect(await run("\n")).toEqual([{ n: 1, text: "" }]);
    expect(await run("a\n\nb")).toEqual([
      { n: 1, text: "a" },
      { n: 2, text: "" },
      { n: 3, text: "b" },
    ]);
    expect(await run("a\nb\n")).toHaveLength(2);
  });

  it("caps very long lines without buffering them, and keeps numbering right", async () => {
    const stats = createLineReaderStats();
    const huge = "x".repeat(1_000_000);
    const source = (async function* () {
      yield encode("short\n");
      for (let i = 0; i < 100; i++) yield encode(huge.slice(i * 10_000, (i + 1) * 10_000));
      yield encode("\nafter\n");
    })();
    const lines: string[] = [];
    for await (const batch of readLineBatches(source, { maxLineLength: 100, stats }))
      lines.push(...batch.lines);
    expect(lines).toEqual(["short", "x".repeat(100), "after"]);
    expect(stats.truncatedLines).toBe(1);
    expect(stats.linesRead).toBe(3);
    expect(stats.bytesRead).toBe(6 + 1_000_000 + 7);
    expect(stats.endOfStream).toBe(true);
  });

  it("stops on an aborted signal", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    const read = async () => {
      for await (const _ of readLineBatches(chunked(encode("a\nb\n")), { signal: controller.signal })) {
        // unreachable
      }
    };
    await expect(read()).rejects.toThrow("stop");
  });
});

describe("grepLog early stop and bounded reading", () => {
  const text = syntheticLog(20_000, 5);
  const bytes = encode(text);

  it("cancels the source once maxMatches and trailing context are out", async () => {
    const { iterable, state } = trackedSource(bytes, 4096);
    const result = await grepLog(iterable, {
      pattern: "Health check",
      fixedStrings: true,
      maxMatches: 3,
      after: 2,
    });
    expect(result.matchCount).toBe(3);
    // The trailing context of the last match is complete before the stream is cancelled.
    const lastMatch = result.entries.map((e) => e.kind).lastIndexOf("match");
    expect(result.entries.slice(lastMatch + 1).map((e) => e.kind)).toEqual(["context", "context"]);
    expect(state.returned).toBe(true);
    expect(state.pulled).toBeLessThan(state.chunks / 10);
    expect(result.totalMatches).toBeUndefined();
  });

  it("reads to the end when countAll is set and reports the total", async () => {
    const { iterable, state } = trackedSource(bytes, 4096);
    const result = await grepLog(iterable, {
      pattern: "Health check",
      fixedStrings: true,
      maxMatches: 3,
      countAll: true,
    });
    const expected = text.split("\n").filter((l) => l.includes("Health check")).length;
    expect(result.totalMatches).toBe(expected);
    expect(result.matchCount).toBe(3);
    expect(state.pulled).toBe(state.chunks);
  });

  it("reports progress while reading a large log", async () => {
    const big = new Uint8Array(20 * 1024 * 1024).fill(0x61);
    for (let i = 99; i < big.length; i += 100) big[i] = 0x0a;
    const seen: number[] = [];
    const result = await grepLog(chunked(big, 65_536), {
      pattern: "b",
      countAll: true,
      onProgress: (bytes) => seen.push(bytes),
    });
    expect(result.totalMatches).toBe(0);
    expect(seen.length).toBe(2);
    expect(seen[0]).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(8 * 1024 * 1024);
  });

  it("rejects an invalid regular expression with a SyntaxError", async () => {
    await expect(grepLog(chunked(bytes), { pattern: "(unclosed" })).rejects.toThrow(SyntaxError);
  });

  it("treats regex metacharacters literally in fixed-string mode, also case-insensitively", async () => {
    const source = (async function* () {
      yield encode("a.b\naxb\nA.B (x)\n");
    })();
    const result = await grepLog(source, { pattern: "a.b", fixedStrings: true, ignoreCase: true });
    expect(result.entries).toEqual([
      { kind: "match", lineNumber: 1, text: "a.b" },
      { kind: "match", lineNumber: 3, text: "A.B (x)" },
    ]);
  });
});

describe("assertSafePattern", () => {
  it("rejects nested unbounded quantifiers", () => {
    for (const pattern of ["(a+)+", "(\\w*\\s)*", "(x+){2,}", "((ab)+c)*", "(a|b+)+$"]) {
      expect(() => assertSafePattern(pattern), pattern).toThrow(SyntaxError);
    }
  });

  it("accepts ordinary log patterns", () => {
    for (const pattern of [
      "(Error|Fatal) +[|]",
      "exit code [0-9]+",
      "(\\d+\\.){3}\\d+",
      "timeout after \\d+ ms",
      "[(+*)]+",
      "\\(a+\\)+",
      "(ab){2,}",
      "(\\d+\\.){2,5}",
      "^\\d{2}:\\d{2}:\\d{2}\\s+(Error|Warning)",
    ]) {
      expect(() => assertSafePattern(pattern), pattern).not.toThrow();
    }
  });
});

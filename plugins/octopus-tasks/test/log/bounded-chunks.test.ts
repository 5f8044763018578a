/**
 * The two memory rules behind bench figure 5, tested without measuring RSS or time:
 * - the line reader decodes at most MAX_DECODE_BYTES of input at a time, whatever the source's chunk
 *   size (a 1 MiB chunk becomes 16 batches), and the lines stay exact across the piece boundaries;
 * - grep's kept lines (matches and context) are copies, not slices that keep their whole decoded
 *   piece alive. Checked with forced full GCs, on the heap: 400 matches from 400 different 64 KiB
 *   pieces retain ~25 MB as slices and well under 1 MB as copies, so the 4 MB bound has a wide
 *   margin either way. (Ranges, tails and failure groups copy the same way, but keep too few lines
 *   for a retention test to tell the difference reliably.)
 */
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import { grepLog } from "../../src/log/grep.js";
import {
  createLineReaderStats,
  detachLine,
  MAX_DECODE_BYTES,
  readLineBatches,
} from "../../src/log/line-reader.js";

const encode = (text: string) => new TextEncoder().encode(text);

/** One log piece of exactly MAX_DECODE_BYTES: filler lines, then one `Error` line at its end. */
function pieceWithOneError(index: number): Uint8Array {
  const error = `10:00:00   Error    | deploy failed #${String(index).padStart(6, "0")}\n`;
  const filler = `10:00:00   Info     | ${"x".repeat(77)}\n`; // 100 bytes
  const fillerBytes = MAX_DECODE_BYTES - error.length;
  const head = filler.repeat(Math.floor(fillerBytes / filler.length));
  const pad = `${"y".repeat(fillerBytes - head.length - 1)}\n`;
  return encode(head + pad + error);
}

/** `count` pieces, each its own chunk (fresh bytes, so every decoded piece is a distinct string). */
async function* pieces(count: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < count; i++) yield pieceWithOneError(i);
}

/** `global.gc`, enabled at run time (Vitest workers do not start with --expose-gc). */
function exposeGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** Heap still reachable while `keep` holds the result of `run`, after full GCs, in bytes. */
async function retainedBy(run: () => Promise<unknown>): Promise<number> {
  const gc = exposeGc();
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const keep = await run();
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  expect(keep).toBeDefined();
  return after - before;
}

const PIECES = 400;
/** 400 pinned one-byte pieces would be 400 × 64 KiB ≈ 25 MB; copies are a few KB. */
const RETAINED_LIMIT = 4 * 1024 * 1024;

describe("line reader chunking", () => {
  it("decodes a large chunk in MAX_DECODE_BYTES pieces, one batch each, with exact lines", async () => {
    // 1 MiB of 3-byte characters, so pieces end inside a character; lines of 1..199 characters.
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 1024 * 1024; i++) {
      const line = "€".repeat(1 + (i % 199));
      lines.push(line);
      size += line.length * 3 + 1;
    }
    const bytes = encode(`${lines.join("\n")}\n`);
    const stats = createLineReaderStats();
    const seen: string[] = [];
    const bytesAtBatch: number[] = [];
    for await (const batch of readLineBatches(
      (async function* () {
        yield bytes;
      })(),
      { stats },
    )) {
      bytesAtBatch.push(stats.bytesRead);
      expect(batch.firstLineNumber).toBe(seen.length + 1);
      seen.push(...batch.lines);
    }
    expect(seen).toEqual(lines);
    expect(bytesAtBatch).toHaveLength(Math.ceil(bytes.length / MAX_DECODE_BYTES));
    bytesAtBatch.forEach((read, i) => expect(read).toBe(Math.min(bytes.length, (i + 1) * MAX_DECODE_BYTES)));
  });
});

describe("detachLine", () => {
  it("returns an equal string for any UTF-16 content, lone surrogates included", () => {
    for (const text of [
      "",
      "a",
      "naïve café — €",
      "\ud83d\ude00 emoji",
      "lone \ud800 high",
      "x".repeat(70_000),
    ])
      expect(detachLine(text)).toBe(text);
  });
});

describe("kept lines do not keep their chunks alive", () => {
  it("grepLog copies its matches and context lines out of the decoded pieces", async () => {
    let result: Awaited<ReturnType<typeof grepLog>> | undefined;
    const retained = await retainedBy(async () => {
      result = await grepLog(pieces(PIECES), {
        pattern: "Error +\\|",
        maxMatches: 1000,
        before: 1,
        after: 1,
      });
      return result;
    });
    expect(result?.matchCount).toBe(PIECES);
    expect(result?.entries.filter((e) => e.kind === "match")).toHaveLength(PIECES);
    expect(retained).toBeLessThan(RETAINED_LIMIT);
  });
});

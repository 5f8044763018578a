/**
 * A 200 MB log streamed through grepLog must not be held in memory: the heap stays far below the
 * log's size (as a JS string it would need ~400 MB). Chunks are re-used views of one buffer, so the
 * only allocations are the reader's own.
 */
import { describe, expect, it } from "vitest";
import { grepLog } from "../../src/log/grep.js";

const LOG_BYTES = 200 * 1024 * 1024;

function makeChunk(): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    lines.push(
      `10:00:${String(i % 60).padStart(2, "0")}   ${i % 97 === 0 ? "Error   " : "Info    "} | step ${i} payload text`,
    );
  }
  return new TextEncoder().encode(lines.join("\n") + "\n");
}

describe("grepLog memory", () => {
  it("greps a 200 MB stream with a heap far below the log size", async () => {
    const chunk = makeChunk();
    const chunks = Math.ceil(LOG_BYTES / chunk.length);
    let peakHeap = 0;
    const sample = () => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    };
    const baseline = process.memoryUsage().heapUsed;
    async function* source() {
      for (let i = 0; i < chunks; i++) {
        if (i % 64 === 0) sample();
        yield chunk;
      }
    }
    const result = await grepLog(source(), {
      pattern: "Error +[|]",
      countAll: true,
      maxMatches: 100,
      before: 3,
      after: 3,
    });
    sample();
    expect(result.complete).toBe(true);
    expect(result.bytesRead).toBe(chunks * chunk.length);
    expect(result.matchCount).toBe(100);
    expect(result.totalMatches).toBe(chunks * 7);
    // Generous bound: GC timing varies, but holding the log would take hundreds of MB.
    expect(peakHeap - baseline).toBeLessThan(100 * 1024 * 1024);
  });
});

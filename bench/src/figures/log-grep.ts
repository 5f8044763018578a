/**
 * Figure 5: log grep throughput and peak memory. A generated Octopus-style log (100 MB in the full
 * run) is grepped, one child process per measurement, by the tasks plugin's streaming `grepLog` (the
 * function its `tasks_grep_log` tool runs, loaded from the plugin's `/log` entry) and by the naive
 * baseline (read the whole log into memory, split, filter), alternating. Each child loads only the
 * code its variant runs (see children/grep-child.ts).
 * Target: at least the baseline's throughput at under a quarter of its peak memory.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeGeneratedLog } from "../log-generator.js";
import { runNodeJson } from "../processes.js";
import { comparison, metric, type FigureResult } from "../report.js";
import { CHILD_DIR, type BenchSettings } from "../settings.js";

interface GrepRun {
  ms: number;
  bytes: number;
  matches: number;
  mbPerSecond: number;
  peakRssMB: number;
  peakHeapMB: number;
}

const PATTERN = "error: migration \\S+ failed";

export async function logGrep(settings: BenchSettings): Promise<FigureResult> {
  const started = performance.now();
  const dir = await mkdtemp(path.join(tmpdir(), "octopus-mcp-bench-log-"));
  try {
    const file = path.join(dir, "task.log");
    const log = await writeGeneratedLog(file, settings.logBytes);
    const child = path.join(CHILD_DIR, "grep-child.js");
    const run = (variant: string) =>
      runNodeJson<GrepRun>(child, [variant, file, PATTERN], { timeoutMs: 300_000 });
    const stream: GrepRun[] = [];
    const naive: GrepRun[] = [];
    for (let round = 0; round < settings.rounds; round++) {
      if (round % 2 === 0) {
        stream.push(await run("stream"));
        naive.push(await run("naive"));
      } else {
        naive.push(await run("naive"));
        stream.push(await run("stream"));
      }
    }
    const idle = await run("idle");
    for (const r of [...stream, ...naive])
      if (r.matches !== log.errorLines)
        throw new Error(`a grep found ${r.matches} matching lines, the log has ${log.errorLines}`);
    const mb = (log.bytes / 1048576).toFixed(1);
    return {
      id: "logGrep",
      title: "5. Log grep throughput and peak memory",
      method: `A generated ${mb} MB Octopus-style task log (${log.errorLines} matching lines), case-insensitive regex /${PATTERN}/, one child process per measurement: the tasks plugin's grepLog (loaded alone from @octopus-mcp/plugin-octopus-tasks/log) over a file read stream (reads to the end, counts every match, keeps 1,000) vs the naive baseline (readFile, split, filter; loads nothing of ours). Peak RSS is the OS's max RSS of the child, heap is sampled.`,
      metrics: {
        streamThroughput: metric(
          "grepLog (streaming) throughput",
          "MB/s",
          stream.map((r) => r.mbPerSecond),
        ),
        naiveThroughput: metric(
          "Naive (whole log in memory) throughput",
          "MB/s",
          naive.map((r) => r.mbPerSecond),
        ),
        streamRss: metric(
          "grepLog peak RSS",
          "MB",
          stream.map((r) => r.peakRssMB),
        ),
        naiveRss: metric(
          "Naive peak RSS",
          "MB",
          naive.map((r) => r.peakRssMB),
        ),
        streamHeap: metric(
          "grepLog peak heap (sampled)",
          "MB",
          stream.map((r) => r.peakHeapMB),
        ),
        naiveHeap: metric(
          "Naive peak heap (sampled)",
          "MB",
          naive.map((r) => r.peakHeapMB),
        ),
      },
      comparisons: {
        throughput: comparison(
          "throughput: grepLog / naive",
          stream.map((r, i) => r.mbPerSecond / (naive[i] as GrepRun).mbPerSecond),
          { op: ">=", value: 1 },
        ),
        aboveIdle: comparison(
          `peak RSS above an idle child (${idle.peakRssMB.toFixed(1)} MB): grepLog / naive`,
          stream.map(
            (r, i) => (r.peakRssMB - idle.peakRssMB) / ((naive[i] as GrepRun).peakRssMB - idle.peakRssMB),
          ),
        ),
        peakHeap: comparison(
          "peak heap: grepLog / naive",
          stream.map((r, i) => r.peakHeapMB / (naive[i] as GrepRun).peakHeapMB),
        ),
        peakRss: comparison(
          "peak RSS: grepLog / naive",
          stream.map((r, i) => r.peakRssMB / (naive[i] as GrepRun).peakRssMB),
          { op: "<", value: 0.25 },
        ),
      },
      checks: [],
      notes: [
        "The target is on the whole child's peak RSS, which includes Node's own footprint (the idle child, which loads nothing); 'above an idle child' and 'peak heap' show what each variant itself holds (for grepLog, including its ~2 MB of modules).",
      ],
      durationMs: performance.now() - started,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

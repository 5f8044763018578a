/**
 * Child process of figure 5 (one per measurement, so peak memory is the variant's own): greps a
 * log file for `pattern` (case-insensitive regex) and prints the time, the match count and peak
 * memory (max RSS from the OS, peak heap sampled every 5 ms and at the end).
 * Usage: node grep-child.js <stream|naive|idle> <file> <pattern>
 * - stream: the tasks plugin's `grepLog` (the function its `tasks_grep_log` tool runs) over a file
 *   read stream (countAll, 1,000 kept). Only the plugin's log entry is loaded, not the plugin.
 * - naive: read the whole file into a string, split into lines, filter (the baseline). Loads
 *   nothing of ours: it needs nothing.
 * - idle: loads nothing and reads nothing (Node's own footprint, to subtract).
 * Each variant loads only what it runs: loading the whole plugin (zod, tsyringe, the Octopus client,
 * about 12 MB of RSS) in every child added the same unrelated constant to both sides of the ratio.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { grepLog as GrepLogFunction } from "@octopus-mcp/plugin-octopus-tasks/log";

const [variant, file, pattern] = process.argv.slice(2) as [string, string, string];
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
const { size } = await stat(file);
// Loaded before the clock starts, like the naive side's (built-in) modules.
const grepLog: typeof GrepLogFunction | undefined =
  variant === "stream" ? (await import("@octopus-mcp/plugin-octopus-tasks/log")).grepLog : undefined;
const t0 = performance.now();
let matches: number;
if (grepLog) {
  const result = await grepLog(createReadStream(file), {
    pattern,
    ignoreCase: true,
    maxMatches: 1000,
    countAll: true,
  });
  if (!result.complete) throw new Error("grepLog did not read the whole log");
  matches = result.totalMatches ?? -1;
} else if (variant === "naive") {
  const regex = new RegExp(pattern, "i");
  const text = await readFile(file, "utf8");
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const selected = lines.filter((line) => regex.test(line));
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  matches = selected.length;
} else if (variant === "idle") {
  matches = 0;
} else throw new Error(`unknown variant ${variant}: use stream, naive or idle`);
const ms = performance.now() - t0;
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
clearInterval(sampler);
process.stdout.write(
  `${JSON.stringify({
    variant,
    ms,
    bytes: size,
    matches,
    mbPerSecond: size / 1048576 / (ms / 1000),
    // resourceUsage().maxRSS is in kilobytes (getrusage).
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    peakHeapMB: peakHeap / 1048576,
  })}\n`,
);

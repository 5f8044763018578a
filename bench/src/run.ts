/**
 * `pnpm bench` (full) and `pnpm bench:smoke` (`--smoke`: tiny counts and sizes, no thresholds):
 * runs every figure and writes bench/results/latest.json and latest.md (smoke: smoke.json/.md). `--only a,b` runs some
 * figures (ids: hostOverhead, coldStart, registryScale, contextEconomy, logGrep, httpThroughput,
 * sandboxStartup); `--out <dir>` writes elsewhere. Exit code 1 when a figure failed to run (a
 * missed target is reported, not an error: benchmarks inform, they do not gate).
 */
import "reflect-metadata";
import os from "node:os";
import path from "node:path";
import { contextEconomy } from "./figures/context-economy.js";
import { coldStart } from "./figures/cold-start.js";
import { hostOverhead } from "./figures/host-overhead.js";
import { httpThroughput } from "./figures/http-throughput.js";
import { logGrep } from "./figures/log-grep.js";
import { registryScale } from "./figures/registry-scale.js";
import { sandboxStartup } from "./figures/sandbox-startup.js";
import { killAllChildren } from "./processes.js";
import { writeReport, type BenchReport, type FigureResult } from "./report.js";
import { BENCH_DIR, FULL, SMOKE, type BenchSettings } from "./settings.js";

export const FIGURES: Readonly<Record<string, (s: BenchSettings) => Promise<FigureResult>>> = {
  hostOverhead,
  coldStart,
  registryScale,
  contextEconomy,
  logGrep,
  httpThroughput,
  sandboxStartup,
};

export interface RunOptions {
  readonly smoke: boolean;
  readonly only?: readonly string[];
  readonly outDir?: string;
  readonly log?: (line: string) => void;
}

/**
 * Runs the figures in order and writes the report.
 * @throws Error for an unknown figure id in `only`.
 */
export async function runBenchmarks(
  options: RunOptions,
): Promise<{ report: BenchReport; files: { json: string; markdown: string } }> {
  const settings = options.smoke ? SMOKE : FULL;
  const ids = options.only ?? Object.keys(FIGURES);
  const unknown = ids.filter((id) => !(id in FIGURES));
  if (unknown.length > 0)
    throw new Error(`unknown figure(s) ${unknown.join(", ")}; known: ${Object.keys(FIGURES).join(", ")}`);
  const log = options.log ?? (() => undefined);
  const figures: FigureResult[] = [];
  const failures: { id: string; error: string }[] = [];
  try {
    for (const id of ids) {
      log(`${id}: running${options.smoke ? " (smoke)" : ""}...`);
      const t0 = performance.now();
      try {
        figures.push(await (FIGURES[id] as (s: BenchSettings) => Promise<FigureResult>)(settings));
        log(`${id}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push({ id, error: message });
        log(`${id}: FAILED: ${message}`);
      }
    }
  } finally {
    await killAllChildren();
  }
  const report: BenchReport = {
    date: new Date().toISOString(),
    mode: options.smoke ? "smoke" : "full",
    node: process.version,
    platform: `${os.platform()} ${os.arch()} (${os.cpus()[0]?.model ?? "unknown CPU"})`,
    cpus: os.cpus().length,
    loadAverage: os.loadavg(),
    figures,
    failures,
  };
  const files = await writeReport(
    report,
    options.outDir ?? path.join(BENCH_DIR, "results"),
    options.smoke ? "smoke" : "latest",
  );
  return { report, files };
}

function parseArgs(argv: readonly string[]): RunOptions {
  let smoke = false;
  let only: string[] | undefined;
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--smoke") smoke = true;
    else if (arg === "--only") only = (argv[++i] ?? "").split(",").filter(Boolean);
    else if (arg === "--out") outDir = argv[++i];
    else if (arg === "--") continue;
    else throw new Error(`unknown argument ${String(arg)}; use --smoke, --only <ids>, --out <dir>`);
  }
  return { smoke, ...(only ? { only } : {}), ...(outDir ? { outDir } : {}) };
}

const isMain =
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const stopOnSignal = () => void killAllChildren().then(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    const { report, files } = await runBenchmarks({
      ...parseArgs(process.argv.slice(2)),
      log: (l) => console.error(l),
    });
    console.error(`wrote ${files.markdown} and ${files.json}`);
    process.exitCode = report.failures.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  }
}

/**
 * Sizes and repetition counts of a run: the full suite, or the smoke mode CI uses (tiny counts and
 * sizes, no thresholds) so the benchmarks never rot.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface BenchSettings {
  readonly smoke: boolean;
  /** Repeated rounds per comparison (each round measures subject and baseline back to back). */
  readonly rounds: number;
  /** tinybench time budget per task and round, in ms. */
  readonly benchTimeMs: number;
  /** Process starts per variant for the cold-start figure (even: its ratio is taken over pairs of rounds). */
  readonly coldStarts: number;
  /** Synthetic plugins x tools for the registry-scale figure. */
  readonly registryPlugins: number;
  readonly toolsPerPlugin: number;
  /** `tools/list` calls measured per round at registry scale. */
  readonly listCalls: number;
  /** Generated log size for the grep figure, in bytes. */
  readonly logBytes: number;
  /** Concurrent HTTP clients and seconds per HTTP round. */
  readonly httpConnections: number;
  readonly httpSeconds: number;
  /** Sandbox scales measured, one child process per measurement. */
  readonly sandboxScales: readonly number[];
  readonly sandboxStarts: number;
}

export const FULL: BenchSettings = {
  smoke: false,
  rounds: 5,
  benchTimeMs: 1000,
  coldStarts: 12,
  registryPlugins: 100,
  toolsPerPlugin: 20,
  listCalls: 50,
  logBytes: 100 * 1024 * 1024,
  httpConnections: 50,
  httpSeconds: 5,
  sandboxScales: [1, 100],
  sandboxStarts: 3,
};

export const SMOKE: BenchSettings = {
  smoke: true,
  rounds: 2,
  benchTimeMs: 50,
  coldStarts: 2,
  registryPlugins: 10,
  toolsPerPlugin: 5,
  listCalls: 3,
  logBytes: 2 * 1024 * 1024,
  httpConnections: 5,
  httpSeconds: 1,
  sandboxScales: [1, 2],
  sandboxStarts: 1,
};

/** The repository root (bench/ sits directly under it; this file is in bench/src or bench/dist). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BENCH_DIR = path.join(REPO_ROOT, "bench");
/** Built entry points of the child processes (children always run from `dist`). */
export const CHILD_DIR = path.join(BENCH_DIR, "dist", "children");

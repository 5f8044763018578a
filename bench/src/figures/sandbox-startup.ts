/**
 * Figure 7: sandbox start-up time and memory at scale 1 and 100, one child process per
 * measurement: time from process start to listening and to the first answer (which includes the
 * lazily generated seed), heap after GC and RSS. The comparison is the larger scale against 1x.
 */
import path from "node:path";
import { runNodeJson } from "../processes.js";
import { comparison, metric, type FigureResult, type Metric } from "../report.js";
import { CHILD_DIR, type BenchSettings } from "../settings.js";

interface SandboxRun {
  scale: number;
  listeningMs: number;
  readyMs: number;
  heapMB: number;
  rssMB: number;
  peakRssMB: number;
}

export async function sandboxStartup(settings: BenchSettings): Promise<FigureResult> {
  const started = performance.now();
  const script = path.join(CHILD_DIR, "sandbox-child.js");
  const byScale = new Map<number, SandboxRun[]>(settings.sandboxScales.map((s) => [s, []]));
  for (let i = 0; i < settings.sandboxStarts; i++) {
    for (const scale of settings.sandboxScales) {
      const run = await runNodeJson<SandboxRun>(script, [String(scale)], {
        timeoutMs: 300_000,
        nodeArgs: ["--expose-gc"],
      });
      byScale.get(scale)?.push(run);
    }
  }
  const metrics: Record<string, Metric> = {};
  for (const [scale, runs] of byScale) {
    metrics[`listening${scale}`] = metric(
      `Scale ${scale}: process start to listening`,
      "ms",
      runs.map((r) => r.listeningMs),
    );
    metrics[`ready${scale}`] = metric(
      `Scale ${scale}: process start to first answer (seed generated)`,
      "ms",
      runs.map((r) => r.readyMs),
    );
    metrics[`heap${scale}`] = metric(
      `Scale ${scale}: heap after GC`,
      "MB",
      runs.map((r) => r.heapMB),
    );
    metrics[`rss${scale}`] = metric(
      `Scale ${scale}: peak RSS`,
      "MB",
      runs.map((r) => r.peakRssMB),
    );
  }
  const [low, high] = [
    settings.sandboxScales[0] as number,
    settings.sandboxScales[settings.sandboxScales.length - 1] as number,
  ];
  const lowRuns = byScale.get(low) ?? [];
  const highRuns = byScale.get(high) ?? [];
  return {
    id: "sandboxStartup",
    title: "7. Sandbox start-up and memory",
    method: `startSandbox at scale ${settings.sandboxScales.join(" and ")} (seed 1), one child process (--expose-gc) per measurement: time from process start (module loading included) to listening and to the first answer of GET /api/Spaces-1/dashboard (the seed is generated lazily right after listening), heap after GC, peak RSS.`,
    metrics,
    comparisons: {
      ready: comparison(
        `start to first answer: scale ${high} / scale ${low}`,
        highRuns.map((r, i) => r.readyMs / (lowRuns[i] as SandboxRun).readyMs),
      ),
      heap: comparison(
        `heap: scale ${high} / scale ${low}`,
        highRuns.map((r, i) => r.heapMB / (lowRuns[i] as SandboxRun).heapMB),
      ),
    },
    checks: [],
    notes: [],
    durationMs: performance.now() - started,
  };
}

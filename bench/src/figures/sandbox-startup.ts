/**
 * Figure 7: sandbox start-up time and memory at scale 1 and 100, one child process per
 * measurement: time from process start to listening and to the first answer (which includes the
 * lazily generated seed), the CPU time spent by then, heap after GC and peak RSS. The comparison is
 * the larger scale against 1x; the checks are issue 3's targets (first answer at scale 1 under 1 s,
 * peak RSS at scale 100 under 300 MB), made only when those scales are measured (full mode).
 */
import path from "node:path";
import { runNodeJson } from "../processes.js";
import { type Check, check, comparison, metric, type FigureResult, type Metric } from "../report.js";
import { CHILD_DIR, type BenchSettings } from "../settings.js";

interface SandboxRun {
  scale: number;
  listeningMs: number;
  readyMs: number;
  seededMs: number;
  heapMB: number;
  rssMB: number;
  peakRssMB: number;
  cpuMs: number;
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
    metrics[`seeded${scale}`] = metric(
      `Scale ${scale}: process start to all seeded (Argo CD applications rendered too)`,
      "ms",
      runs.map((r) => r.seededMs),
    );
    metrics[`cpu${scale}`] = metric(
      `Scale ${scale}: CPU time (user + system) by the first answer`,
      "ms",
      runs.map((r) => r.cpuMs),
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
  const checks: Check[] = [];
  if (byScale.has(1)) checks.push(check("scale 1: first answer < 1000 ms", metrics, "ready1", "<", 1000));
  if (byScale.has(100)) checks.push(check("scale 100: peak RSS < 300 MB", metrics, "rss100", "<", 300));
  const lowRuns = byScale.get(low) ?? [];
  const highRuns = byScale.get(high) ?? [];
  return {
    id: "sandboxStartup",
    title: "7. Sandbox start-up and memory",
    method: `startSandbox at scale ${settings.sandboxScales.join(" and ")} (seed 1), one child process (--expose-gc) per measurement: time from process start (module loading included) to listening and to the first answer of GET /api/Spaces-1/dashboard (the Octopus seed is generated right after listening; the Argo CD applications are rendered in the background after it), CPU time by then (less sensitive to a loaded machine than wall time), time until sandbox.seeded (both sides ready), then heap after GC and peak RSS.`,
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
    checks,
    notes: [],
    durationMs: performance.now() - started,
  };
}

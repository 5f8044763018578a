/**
 * Figure 3: registry scale. `plugins` x `tools` synthetic tools (100 x 20 = 2,000 in the full run):
 * start-up validation time (host.start(), which validates every registration), `tools/list`
 * latency p50 (first page of 100, and all pages) and memory, each round in a fresh child process;
 * the same child also starts a host with one no-op tool as the baseline. Targets: validation
 * under 1.5 s, list p50 under 10 ms.
 */
import path from "node:path";
import { runNodeJson } from "../processes.js";
import { check, comparison, metric, type FigureResult } from "../report.js";
import { CHILD_DIR, type BenchSettings } from "../settings.js";

interface Measured {
  startMs: number;
  listed: number;
  firstPageP50: number;
  allPagesP50: number;
  heapDeltaMB: number;
  rssMB: number;
}

export async function registryScale(settings: BenchSettings): Promise<FigureResult> {
  const started = performance.now();
  const runs: { scaled: Measured; baseline: Measured }[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    runs.push(
      await runNodeJson(
        path.join(CHILD_DIR, "registry-child.js"),
        [String(settings.registryPlugins), String(settings.toolsPerPlugin), String(settings.listCalls)],
        { timeoutMs: 180_000, nodeArgs: ["--expose-gc"] },
      ),
    );
  }
  const n = settings.registryPlugins * settings.toolsPerPlugin;
  const s = runs.map((r) => r.scaled);
  const b = runs.map((r) => r.baseline);
  const metrics = {
    validation: metric(
      `Start-up incl. validation, ${settings.registryPlugins} plugins x ${settings.toolsPerPlugin} tools (${n} tools)`,
      "ms",
      s.map((r) => r.startMs),
    ),
    listFirstPage: metric(
      "tools/list p50, one request (first page of 100)",
      "ms",
      s.map((r) => r.firstPageP50),
    ),
    listAllPages: metric(
      `tools/list p50, every page (${n} tools)`,
      "ms",
      s.map((r) => r.allPagesP50),
    ),
    heap: metric(
      "Heap held by the started host (after GC, delta)",
      "MB",
      s.map((r) => r.heapDeltaMB),
    ),
    rss: metric(
      "Process RSS after start and listing",
      "MB",
      s.map((r) => r.rssMB),
    ),
    baselineStart: metric(
      "Baseline: start-up with one no-op tool",
      "ms",
      b.map((r) => r.startMs),
    ),
    baselineList: metric(
      "Baseline: tools/list p50 with one tool",
      "ms",
      b.map((r) => r.firstPageP50),
    ),
  };
  return {
    id: "registryScale",
    title: "3. Registry scale",
    method:
      "Each round in a fresh child process (--expose-gc): createHost with synthetic plugins (typed, described, bounded input schemas and an output schema per tool), timing host.start() (loading, onStartAsync, registration validation: names, schema rules, meta-schema and Ajv strict-mode checks of every schema; validators are compiled on a tool's first call, so not here), then raw tools/list requests over the in-memory transport (client.request, so the SDK client's own Ajv compilation of output schemas is not counted); a host with one no-op tool in the same process is the baseline.",
    metrics,
    comparisons: {
      listFirstPage: comparison(
        "tools/list first page: scaled / one-tool host",
        s.map((r, i) => r.firstPageP50 / (b[i] as Measured).firstPageP50),
      ),
    },
    checks: [
      check("validation < 1500 ms", metrics, "validation", "<", 1500),
      check("tools/list p50 < 10 ms", metrics, "listFirstPage", "<", 10),
    ],
    notes: [
      "tools/list pages at 100 tools (the host's default page size): one request is what an MCP client pays per page; 'every page' is the whole catalogue.",
    ],
    durationMs: performance.now() - started,
  };
}

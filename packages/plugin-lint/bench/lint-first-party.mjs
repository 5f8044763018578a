#!/usr/bin/env node
// Benchmark (issue 8, "Proof"): linting one first-party plugin, dynamic checks included, takes under
// 10 s. Run after `pnpm --filter @octopus-mcp/plugin-lint... build`:
//   node packages/plugin-lint/bench/lint-first-party.mjs
// Prints one line per plugin and exits 1 when one takes 10 s or longer. Not part of the unit tests
// (no timed assertions there).
import path from "node:path";
import process from "node:process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { lintPlugin } from "../dist/index.js";

const BUDGET_MS = 10_000;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
let over = false;
for (const plugin of ["octopus-deployments", "octopus-tasks", "octopus-argocd"]) {
  const t0 = performance.now();
  const report = await lintPlugin(path.join(repo, "plugins", plugin));
  const ms = Math.round(performance.now() - t0);
  over ||= ms >= BUDGET_MS;
  process.stdout.write(
    `${plugin}: ${ms} ms, ${report.toolCount} tools, ${report.calls.made} calls, ${report.findings.length} findings${ms >= BUDGET_MS ? " (over budget)" : ""}\n`,
  );
}
process.exitCode = over ? 1 : 0;

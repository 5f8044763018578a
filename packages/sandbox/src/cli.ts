import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { createSeedProgressDisplay, type ProgressStream } from "./seed-progress-display.js";

function intOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
    return n;
  };
}

function scaleOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1000)
    throw new InvalidArgumentError("--scale must be a number > 0 and <= 1000 (e.g. 1, 10, 100).");
  return n;
}

/**
 * `octopus-mcp sandbox [--port N] [--scale K] [--seed S] [--task-step-ms MS] [--hold-seeded-tasks]`: starts the sandbox, shows the
 * seed-generation progress on `progress` (a bar on a TTY, plain lines otherwise), then prints its URLs and API
 * key to `out` once the data is seeded, and stops on SIGINT/SIGTERM. Resolves when the sandbox has stopped.
 * @param argv arguments after the command name (e.g. `process.argv.slice(2)`)
 * @param out where to print (default: stdout)
 * @param stop optional signal that stops the sandbox like SIGINT does (for embedding and tests)
 * @param progress where seeding progress goes (default: stderr)
 * @throws CommanderError for bad flags (message says which flag and the allowed range)
 */
export async function runSandboxCli(
  argv: readonly string[],
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  stop?: AbortSignal,
  progress: ProgressStream = process.stderr,
): Promise<void> {
  const program = new Command("sandbox")
    .description("Start the Octopus Server and Argo CD stand-ins with seeded data on 127.0.0.1.")
    .option("--port <n>", "TCP port (0 = random free port)", intOption("--port", 0, 65535), 8065)
    .option("--scale <k>", "data multiplier (e.g. 100 for benchmarks)", scaleOption, 1)
    .option(
      "--seed <s>",
      "PRNG seed (same seed = same data)",
      intOption("--seed", -2147483648, 2147483647),
      1,
    )
    .option(
      "--task-step-ms <ms>",
      "real-time length of one deployment step, ms",
      intOption("--task-step-ms", 0, 600000),
      500,
    )
    .option(
      "--hold-seeded-tasks",
      "keep the seed's Queued/Executing/Cancelling tasks as seeded (they run by default)",
    )
    .option("--work-dir <dir>", "directory for the Argo CD git repository (default: a temporary directory)")
    .configureOutput({ writeErr: () => undefined })
    .exitOverride();
  program.parse([...argv], { from: "user" });
  const o = program.opts<{
    port: number;
    scale: number;
    seed: number;
    taskStepMs: number;
    holdSeededTasks?: boolean;
    workDir?: string;
  }>();
  const { startSandbox } = await import("./index.js");
  const display = createSeedProgressDisplay(progress);
  const sb = await startSandbox({
    port: o.port,
    scale: o.scale,
    seed: o.seed,
    taskStepMs: o.taskStepMs,
    seededTasks: o.holdSeededTasks === true ? "hold" : "run",
    onSeedProgress: display.update,
    ...(o.workDir ? { workDir: o.workDir } : {}),
  });
  await sb.seeded;
  display.finish();
  out(`Octopus sandbox:  ${sb.octopusUrl}/api`);
  out(`API key:          ${sb.apiKey}  (X-Octopus-ApiKey or Authorization: Bearer; a sandbox-only key)`);
  for (const a of sb.argocd) out(`Argo CD ${a.name}: ${a.baseUrl}/api/v1  token: ${a.token}`);
  out(`Git repository:   ${sb.git.url}`);
  out(`Seed ${o.seed}, scale ${o.scale}. Seeded data: packages/sandbox/SEED.md. Ctrl+C stops.`);
  await new Promise<void>((resolve) => {
    const onStop = () => {
      process.off("SIGINT", onStop);
      process.off("SIGTERM", onStop);
      stop?.removeEventListener("abort", onStop);
      void sb.stop().then(resolve, resolve);
    };
    process.on("SIGINT", onStop);
    process.on("SIGTERM", onStop);
    if (stop?.aborted) onStop();
    else stop?.addEventListener("abort", onStop);
  });
}

/** True when this file is the process entry (`node dist/cli.js`, also through a symlinked bin). */
const isMain = (() => {
  try {
    const entry = process.argv[1];
    return entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
})();

if (isMain) {
  runSandboxCli(process.argv.slice(2)).catch((e: unknown) => {
    const err = e as { code?: string; message?: string };
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return;
    process.stderr.write(`octopus-sandbox: ${err.message ?? String(e)}\n`);
    process.exitCode = 2;
  });
}

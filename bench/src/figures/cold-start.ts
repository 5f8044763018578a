/**
 * Figure 2: cold start. From spawning the process to the first `tools/list` answer over stdio:
 * `node packages/host/bin/octopus-mcp.js serve --config <file>` with the three first-party plugins
 * configured against an already running sandbox (seeding not counted), vs a bare SDK low-level
 * server process serving one tool (the floor). Rounds alternate the two. Target: <= 1.5x.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSandbox } from "@octopus-mcp/sandbox";
import { firstPartyConfig, firstPartyEnv } from "../first-party.js";
import { killChild, spawnTracked } from "../processes.js";
import { comparison, metric, type FigureResult } from "../report.js";
import { CHILD_DIR, REPO_ROOT, type BenchSettings } from "../settings.js";
import { pairedRatios } from "../stats.js";

const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "bench", version: "1.0.0" },
  },
};
const INITIALIZED = { jsonrpc: "2.0", method: "notifications/initialized" };
const LIST = { jsonrpc: "2.0", id: 2, method: "tools/list", params: {} };

/**
 * Spawns `args`, sends initialize + initialized + tools/list at once and resolves when the
 * tools/list answer arrives: the elapsed ms, the number of tools listed, and the last 16,000
 * characters the process wrote to stderr until it exited.
 * @throws Error when the process exits or stays silent for `timeoutMs`, or answers with an error.
 */
export async function timeToFirstList(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<{ ms: number; tools: number; stderr: string }> {
  const t0 = performance.now();
  const child = spawnTracked(process.execPath, args, {
    stdio: ["pipe", "pipe", "pipe"],
    env,
    cwd: REPO_ROOT,
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-16_000)));
  let answer: { ms: number; tools: number };
  try {
    answer = await new Promise<{ ms: number; tools: number }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no tools/list answer in ${timeoutMs} ms: ${stderr}`)),
        timeoutMs,
      );
      let buffer = "";
      child.stdout?.setEncoding("utf8").on("data", (d: string) => {
        buffer += d;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          const message = JSON.parse(line) as {
            id?: number;
            result?: { tools?: unknown[] };
            error?: unknown;
          };
          if (message.id !== 2) continue;
          const ms = performance.now() - t0;
          clearTimeout(timer);
          if (message.error || !message.result?.tools)
            reject(new Error(`tools/list failed: ${JSON.stringify(message.error)}`));
          else resolve({ ms, tools: message.result.tools.length });
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`process exited (${String(code)}) before answering tools/list: ${stderr}`));
      });
      child.stdin?.write([INITIALIZE, INITIALIZED, LIST].map((m) => JSON.stringify(m)).join("\n") + "\n");
    });
  } finally {
    child.stdin?.end();
    await killChild(child, 5000);
  }
  return { ...answer, stderr };
}

/** The host's start-up phases, from the `startupMs` of its "host started" log line (ms). */
const PHASES = [
  ["beforeStart", "before start(): Node, modules, reading the config"],
  ["loadPlugins", "importing the plugins"],
  ["pluginConfig", "validating their config sections"],
  ["startPlugins", "starting them"],
  ["checkTools", "checking their tool schemas"],
] as const;

function startupPhases(stderr: string): Record<(typeof PHASES)[number][0], number> | undefined {
  const line = stderr.split("\n").findLast((l) => l.includes('"msg":"host started"'));
  if (line === undefined) return undefined;
  const t = (JSON.parse(line) as { startupMs?: Record<string, number> }).startupMs;
  if (t?.start === undefined || t.sinceProcessStart === undefined) return undefined;
  return {
    beforeStart: t.sinceProcessStart - t.start,
    loadPlugins: t.loadPlugins ?? Number.NaN,
    pluginConfig: t.pluginConfig ?? Number.NaN,
    startPlugins: t.startPlugins ?? Number.NaN,
    checkTools: t.checkTools ?? Number.NaN,
  };
}

export async function coldStart(settings: BenchSettings): Promise<FigureResult> {
  const started = performance.now();
  const sandbox = await startSandbox({ port: 0, scale: 1, seed: 1 });
  const dir = await mkdtemp(path.join(tmpdir(), "octopus-mcp-bench-"));
  try {
    // Seed now, so the first request of a plugin never pays for it.
    await fetch(`${sandbox.octopusUrl}/api/spaces`, { headers: { "X-Octopus-ApiKey": sandbox.apiKey } });
    const configFile = path.join(dir, "octopus-mcp.json");
    // info, as operators run it: the "host started" line carries the start-up phases.
    await writeFile(configFile, JSON.stringify(firstPartyConfig(sandbox, "info"), null, 2));
    const env = { ...process.env, ...firstPartyEnv(sandbox) };
    const hostArgs = [
      path.join(REPO_ROOT, "packages/host/bin/octopus-mcp.js"),
      "serve",
      "--config",
      configFile,
    ];
    const bareArgs = [path.join(CHILD_DIR, "bare-stdio-server.js")];
    const host: number[] = [];
    const bare: number[] = [];
    let hostTools = 0;
    const phases = new Map<string, number[]>(PHASES.map(([key]) => [key, []]));
    // One unmeasured start each: fills the OS file cache so round 1 is not an outlier.
    if (!settings.smoke) {
      await timeToFirstList(bareArgs, env);
      await timeToFirstList(hostArgs, env);
    }
    for (let round = 0; round < settings.coldStarts; round++) {
      const order = round % 2 === 0 ? (["host", "bare"] as const) : (["bare", "host"] as const);
      for (const which of order) {
        if (which === "host") {
          const r = await timeToFirstList(hostArgs, env);
          host.push(r.ms);
          hostTools = r.tools;
          const measured = startupPhases(r.stderr);
          if (measured === undefined) throw new Error(`no "host started" line with startupMs: ${r.stderr}`);
          for (const [key] of PHASES) phases.get(key)?.push(measured[key]);
        } else bare.push((await timeToFirstList(bareArgs, env)).ms);
      }
    }
    if (hostTools < 3) throw new Error(`the host listed only ${hostTools} tools: plugins did not load`);
    return {
      id: "coldStart",
      title: "2. Cold start (stdio)",
      method:
        "Time from spawning the process to the first tools/list answer over stdio (initialize, initialized and tools/list written at once): `octopus-mcp serve --config` with the three first-party plugins (by path) against an already seeded sandbox, credentials in OCTOPUS_MCP_CREDENTIAL_* variables, vs a bare SDK low-level Server process serving one tool. Rounds alternate the order; the ratio is taken over each pair of rounds (one in each order).",
      metrics: {
        host: metric(`Host with 3 plugins (${hostTools} tools listed)`, "ms", host),
        bare: metric("Bare SDK server, 1 tool (the floor)", "ms", bare),
        ...Object.fromEntries(
          PHASES.map(([key, label]) => [
            `host_${key}`,
            metric(`Host phase: ${label} (its startupMs log)`, "ms", phases.get(key) ?? []),
          ]),
        ),
      },
      comparisons: {
        // Over pairs of rounds in opposite orders: the process started second runs a few per cent
        // faster (bench/README.md, figure 2).
        startup: comparison("host / bare SDK server", pairedRatios(host, bare), { op: "<=", value: 1.5 }),
      },
      checks: [],
      notes: [
        "For reference (issue 11): the official Octopus MCP server takes about 2.5x the floor.",
        "The floor loads only the SDK. Until 2026-12-07 it also imported @octopus-mcp/core (through the shared no-op tool module), about 30 ms that flattered the ratio by roughly 0.1.",
      ],
      durationMs: performance.now() - started,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

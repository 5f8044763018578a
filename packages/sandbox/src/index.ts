import { DEFAULT_API_KEY } from "./seed/catalog.js";
import type * as SandboxCli from "./cli.js";
import { buildSandboxServer } from "./server.js";
import { type OctopusStore } from "./octopus/store.js";
import { type NotableDeployment, type SeedProgressCallback } from "./seed/generate.js";

export * from "./seed/catalog.js";
export type { NotableDeployment, SeedPhase, SeedProgressCallback } from "./seed/generate.js";
export { SANDBOX_OCTOPUS_VERSION } from "./octopus/routes/root.js";
export { FAILURE_KINDS, type FailureKind, type TaskState } from "./octopus/model.js";

/**
 * The `octopus-mcp sandbox` command (see `runSandboxCli` in cli.ts for arguments and errors). The CLI's
 * libraries (commander, cli-progress) load on the first call, so embedding the sandbox does not pay for them.
 */
export async function runSandboxCli(...args: Parameters<typeof SandboxCli.runSandboxCli>): Promise<void> {
  const cli = await import("./cli.js");
  return cli.runSandboxCli(...args);
}

/** Options of {@link startSandbox}. All optional. */
export interface SandboxOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Only loopback is allowed. */
  host?: "127.0.0.1";
  /** Data multiplier (> 0, default 1): 100 gives ~30,000 releases and ~180,000 deployments. */
  scale?: number;
  /** PRNG seed (integer, default 1). Same seed + scale = same data. */
  seed?: number;
  /** Real-time length of one task step in ms (default 25): a 6-step deployment finishes in ~0.2 s. */
  taskStepMs?: number;
  /** Where the Argo CD side creates its bare git repository (default: a temporary directory, removed on stop). */
  workDir?: string;
  /** The API key the Octopus API accepts (default `API-SANDBOX0000000000000000000000`). */
  apiKey?: string;
  /**
   * Seed-generation progress: `(done, total, phase)`, called synchronously while the seed is generated
   * (right after listen, or by the first request); `done` only grows and ends at `total`. Seconds at scale 100.
   */
  onSeedProgress?: SeedProgressCallback;
  /**
   * The seed's unfinished tasks: `"run"` (default) puts the Queued, Executing and Cancelling ones on the task
   * clock once the seed exists, so they progress on their own like new tasks (those waiting at a manual
   * intervention keep waiting); `"hold"` keeps them in their seeded state (SEED.md), for tests that rely on it.
   */
  seededTasks?: "run" | "hold";
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:PORT`; the Octopus REST API is under `${octopusUrl}/api`. */
  octopusUrl: string;
  apiKey: string;
  /** Argo CD instances: `{ name, baseUrl, token, viewerToken }` (API under `${baseUrl}/api/v1`). */
  argocd: { name: string; baseUrl: string; token: string; viewerToken: string }[];
  /** The bare git repository Argo CD application sources point at. */
  git: { bareRepoPath: string; url: string };
  /** Stops the server, pending task timers and removes temporary files. Idempotent. */
  stop(): Promise<void>;
  /**
   * Resolves once the seeded data is in place: the Octopus seed generated and the Argo CD applications
   * rendered. Both start right after listen (the Octopus seed, or on the first request), so awaiting this is
   * optional: requests made earlier simply wait for what they need. It stays pending when the sandbox is
   * stopped before generation began; it rejects when the Argo CD applications cannot be rendered.
   */
  seeded: Promise<void>;
  /** In-process access for tests: the Octopus store and the seeded notable scenarios (SEED.md). */
  state: { store: OctopusStore; notable: NotableDeployment[] };
}

function check(cond: boolean, message: string): void {
  if (!cond) throw new RangeError(`startSandbox: ${message}`);
}

/**
 * Starts the sandbox: Octopus Server and Argo CD stand-ins with seeded data on one loopback port.
 * @throws RangeError for invalid options (message says which and how to fix); Error when the port is taken.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const port = options.port ?? 0;
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 1;
  const taskStepMs = options.taskStepMs ?? 25;
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const seededTasks = options.seededTasks ?? "run";
  check(
    Number.isInteger(port) && port >= 0 && port <= 65535,
    `port must be an integer from 0 to 65535, got ${String(port)}`,
  );
  check(
    (options.host ?? "127.0.0.1") === "127.0.0.1",
    `host must be "127.0.0.1" (the sandbox only listens on loopback), got ${String(options.host)}`,
  );
  check(
    Number.isFinite(scale) && scale > 0 && scale <= 1000,
    `scale must be a number > 0 and <= 1000, got ${String(scale)}`,
  );
  check(Number.isInteger(seed), `seed must be an integer, got ${String(seed)}`);
  check(
    Number.isFinite(taskStepMs) && taskStepMs >= 0,
    `taskStepMs must be a number of ms >= 0, got ${String(taskStepMs)}`,
  );
  check(
    seededTasks === "run" || seededTasks === "hold",
    `seededTasks must be "run" or "hold", got ${String(seededTasks)}`,
  );
  check(
    typeof apiKey === "string" && apiKey.trim().length >= 8,
    "apiKey must be a string of at least 8 characters",
  );
  const server = await buildSandboxServer({
    port,
    host: "127.0.0.1",
    scale,
    seed,
    taskStepMs,
    workDir: options.workDir,
    apiKey,
    onSeedProgress: options.onSeedProgress,
    seededTasks,
  });
  return {
    octopusUrl: server.origin,
    apiKey,
    argocd: server.argocd.map((i) => ({
      name: i.name,
      baseUrl: i.baseUrl,
      token: i.token,
      viewerToken: i.viewerToken,
    })),
    git: server.git,
    stop: server.stop,
    seeded: server.seeded,
    state: {
      get store() {
        return server.octopus.store;
      },
      get notable() {
        return server.octopus.notable;
      },
    },
  };
}

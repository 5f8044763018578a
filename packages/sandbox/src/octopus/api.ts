import { type SandboxClock } from "../clock.js";
import { type NotableDeployment, type SeedProgressCallback, generateSeed } from "../seed/generate.js";
import { TaskExecutor } from "./executor.js";
import { OctopusRouter } from "./router.js";
import { type OctopusStore } from "./store.js";
import { catalogRoutes } from "./routes/catalog.js";
import { commandRoutes } from "./routes/commands.js";
import { dashboardRoutes } from "./routes/dashboard.js";
import { deploymentRoutes } from "./routes/deployments.js";
import { eventRoutes } from "./routes/events.js";
import { extraRoutes } from "./routes/extras.js";
import { liveStatusRoutes } from "./routes/livestatus.js";
import { releaseRoutes } from "./routes/releases.js";
import { rootRoutes } from "./routes/root.js";
import { taskRoutes } from "./routes/tasks.js";

/** The Octopus side of a sandbox: seeded store, task executor and router. */
export interface OctopusApi {
  /** The seeded store; generated on first access (first request or `warm()`), deterministic for seed + scale. */
  readonly store: OctopusStore;
  readonly executor: TaskExecutor;
  router: OctopusRouter;
  /** Deliberately seeded scenarios (failed deployments with big logs, pending interruptions, …). */
  readonly notable: NotableDeployment[];
  /** Generates the seed now if nothing has yet. */
  warm(): void;
  /** Resolves once the seed has been generated (by `warm()`, a request or a property access). */
  readonly seeded: Promise<void>;
}

/**
 * What happens to the seed's unfinished (Queued, Executing, Cancelling) tasks: `run` puts them on the task
 * clock once the seed exists (see TaskExecutor.resumeSeeded); `hold` leaves them as seeded until a client
 * submits their interruption or cancels them (for tests that look at the seeded states).
 */
export type SeededTasksMode = "run" | "hold";

/**
 * Wires the routes; the seed is generated lazily (first request, `warm()` or property access) so the HTTP
 * server can start listening first.
 */
export function createOctopusApi(
  seed: number,
  scale: number,
  clock: SandboxClock,
  onSeedProgress?: SeedProgressCallback,
  seededTasks: SeededTasksMode = "run",
): OctopusApi {
  let state: { store: OctopusStore; notable: NotableDeployment[]; executor: TaskExecutor } | undefined;
  let markSeeded: () => void = () => undefined;
  const seeded = new Promise<void>((resolve) => (markSeeded = resolve));
  const get = () => {
    if (!state) {
      const { store, notable } = generateSeed(seed, scale, onSeedProgress);
      state = { store, notable, executor: new TaskExecutor(store, clock) };
      if (seededTasks === "run") state.executor.resumeSeeded();
      markSeeded();
    }
    return state;
  };
  const executor = () => get().executor;
  const router = new OctopusRouter(
    [
      ...rootRoutes,
      ...catalogRoutes,
      ...releaseRoutes,
      ...deploymentRoutes,
      ...commandRoutes(executor),
      ...taskRoutes(executor),
      ...eventRoutes,
      ...dashboardRoutes,
      ...liveStatusRoutes,
      ...extraRoutes,
    ],
    () => get().store,
  );
  return {
    get store() {
      return get().store;
    },
    get executor() {
      return get().executor;
    },
    get notable() {
      return get().notable;
    },
    router,
    warm: () => void get(),
    seeded,
  };
}

import { type SandboxClock } from "../clock.js";
import { type NotableDeployment, generateSeed } from "../seed/generate.js";
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
  store: OctopusStore;
  executor: TaskExecutor;
  router: OctopusRouter;
  /** Deliberately seeded scenarios (failed deployments with big logs, pending interruptions, …). */
  notable: NotableDeployment[];
}

/** Generates the seed (deterministic for seed + scale) and wires the routes. */
export function createOctopusApi(seed: number, scale: number, clock: SandboxClock): OctopusApi {
  const { store, notable } = generateSeed(seed, scale);
  const executor = new TaskExecutor(store, clock);
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
    store,
  );
  return { store, executor, router, notable };
}

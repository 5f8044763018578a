import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { mountArgoCd, type ArgoCdInstanceInfo } from "./argocd/index.js";
import { SandboxClock } from "./clock.js";
import { type OctopusApi, type SeededTasksMode, createOctopusApi } from "./octopus/api.js";
import { registerOctopusApi } from "./octopus/plugin.js";
import type { SeedProgressCallback } from "./seed/generate.js";

/** Validated options of {@link buildSandboxServer}. */
export interface SandboxServerOptions {
  port: number;
  host: "127.0.0.1";
  scale: number;
  seed: number;
  taskStepMs: number;
  /** Directory for the git repository; a temporary one (removed on stop) when undefined. */
  workDir: string | undefined;
  apiKey: string;
  /** Seed-generation progress (see generate.ts). */
  onSeedProgress?: SeedProgressCallback | undefined;
  /** What the seed's unfinished tasks do (see octopus/api.ts). */
  seededTasks: SeededTasksMode;
}

export interface SandboxServer {
  app: FastifyInstance;
  origin: string;
  octopus: OctopusApi;
  argocd: ArgoCdInstanceInfo[];
  git: { bareRepoPath: string; url: string };
  /** Resolves once the Octopus seed is generated and the Argo CD applications are rendered. */
  seeded: Promise<void>;
  stop(): Promise<void>;
}

/** `url` with a differently cased `/api` prefix written as `/api`; other URLs unchanged. */
export function octopusPath(url: string): string {
  return /^\/api(?=[/?#]|$)/i.test(url) && !url.startsWith("/api") ? `/api${url.slice(4)}` : url;
}

function noSchemas(): never {
  throw new Error(
    "the sandbox's fastify instance has no schema compilers: remove the route schema or pass compilersFactory",
  );
}

/**
 * Builds and starts the sandbox HTTP server: one fastify instance on 127.0.0.1 serving the Octopus API under
 * `/api` and the Argo CD instances under `/argocd/<name>` (mounted by `src/argocd`).
 * @throws Error when the port is taken or the Argo CD side cannot create its git repository.
 */
export async function buildSandboxServer(opts: SandboxServerOptions): Promise<SandboxServer> {
  const clock = new SandboxClock(opts.taskStepMs);
  const octopus = createOctopusApi(opts.seed, opts.scale, clock, opts.onSeedProgress, opts.seededTasks);
  const app = Fastify({
    logger: false,
    // Octopus Server's routes are case-insensitive (ASP.NET): `/API/...` is `/api/...`. The Octopus router
    // matches the rest of the path case-insensitively; Argo CD's routes (like grpc-gateway's) stay as they are.
    rewriteUrl: (req) => octopusPath(req.url ?? "/"),
    bodyLimit: 10 * 1024 * 1024,
    // No route declares a schema, so fastify's Ajv and fast-json-stringify compilers are never needed;
    // not loading them saves ~150 ms of start-up. They fail loudly should a schema ever be added.
    schemaController: { compilersFactory: { buildValidator: noSchemas, buildSerializer: noSchemas } },
  });
  let origin = "";
  const ownWorkDir = opts.workDir === undefined;
  const workDir = opts.workDir ?? (await mkdtemp(path.join(tmpdir(), "octopus-sandbox-")));
  let argo: Awaited<ReturnType<typeof mountArgoCd>> | undefined;
  let stopped = false;
  const cleanup = async () => {
    clock.stop();
    await argo?.stop();
    if (ownWorkDir) await rm(workDir, { recursive: true, force: true });
  };
  try {
    await registerOctopusApi(app, octopus, opts.apiKey);
    argo = await mountArgoCd(app, {
      scale: opts.scale,
      seed: opts.seed,
      workDir,
      baseUrl: () => origin,
      renderAfter: octopus.seeded,
      deferRepository: true,
    });
    await app.listen({ port: opts.port, host: opts.host });
    const address = app.server.address();
    origin = `http://${opts.host}:${typeof address === "object" && address ? address.port : opts.port}`;
    // Generate the Octopus seed right after listen (unless a request gets there first): on another core
    // than git, which is still creating the repository, and before the Argo CD applications are rendered.
    setImmediate(() => {
      if (!stopped) octopus.warm();
    });
    await argo.repository;
  } catch (e) {
    stopped = true;
    await app.close().catch(() => undefined);
    await cleanup();
    throw e;
  }
  const seeded = Promise.all([octopus.seeded, argo.ready]).then(() => undefined);
  seeded.catch(() => undefined); // a failed Argo CD render is answered by its routes; awaiting callers see it

  return {
    app,
    origin,
    octopus,
    argocd: argo.instances,
    git: argo.git,
    seeded,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clock.stop();
      await app.close();
      await cleanup();
    },
  };
}

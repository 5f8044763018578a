import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import type { FastifyError, FastifyInstance } from "fastify";
import { ManifestRepository } from "../git/manifest-repository.js";
import { instanceAccounts } from "./accounts.js";
import { ArgoApiError, GrpcCode } from "./api-error.js";
import { ApplicationRenderer } from "./application-render.js";
import { INSTANCE_PATHS, type InstanceName, applicationBlueprints } from "./application-seed.js";
import { ApplicationStore } from "./application-store.js";
import type { InstanceRuntime } from "./instance-runtime.js";
import { DEPLOYED_SEED_COMMIT, seedCommits } from "./repo-content.js";
import { registerApplicationRoutes } from "./routes-applications.js";
import { registerInstanceRoutes } from "./routes-instance.js";
import { registerResourceRoutes } from "./routes-resources.js";
import { type OpenStreams, registerWatchRoute } from "./routes-watch.js";

export { ArgoApiError, GrpcCode } from "./api-error.js";
export { OCTOPUS_KEYS, INSTANCE_PATHS } from "./application-seed.js";
export { ARGOCD_VERSION } from "./routes-instance.js";

/** Pause between `renderAfter` settling and the background render starting, ms. */
const RENDER_PAUSE_MS = 250;

/** Options of {@link mountArgoCd}. */
export interface MountArgoCdOptions {
  /** Data size multiplier (> 0); > 1 adds un-annotated preview apps and more releases behind image tags. */
  scale: number;
  /** PRNG seed: tokens, UIDs and pod names depend on it; names, annotations and commit SHAs do not. */
  seed: number;
  /** Directory the git repository is created in (a fresh `argocd-git-*` subdirectory, removed by `stop()`). */
  workDir: string;
  /** Duration of each of the two steps of a sync operation, ms (default 150; 0 = next tick). */
  syncStepMs?: number;
  /** Server origin, e.g. `http://127.0.0.1:8080`, or a getter when it is only known after `listen()`. */
  baseUrl: string | (() => string);
  /**
   * The background render of the applications starts 250 ms after this settles (default: as soon as the
   * git repository exists). The sandbox passes its Octopus seed so the render does not hold up the first
   * Octopus answers at start-up; an Argo CD request made earlier starts the render at once.
   */
  renderAfter?: Promise<unknown>;
  /**
   * How often the repository's branch head is polled, ms (default 1000; 0 = never), as Argo CD's repo
   * polling does: a commit is noticed without any request (auto-sync apps then sync on their own). Every
   * API request also checks the head first, so clients never see a stale state either way.
   */
  gitPollMs?: number;
  /**
   * Resolve without waiting for the git repository (default false): the caller then awaits
   * `MountedArgoCd.repository` itself, e.g. after `listen()`, so git runs while it does other work.
   */
  deferRepository?: boolean;
}

/** One served Argo CD instance. */
export interface ArgoCdInstanceInfo {
  /** `argocd-main` or `argocd-edge`. */
  name: string;
  /** `${origin}/argocd/<main|edge>`: the API is under `${baseUrl}/api/v1/...`. */
  readonly baseUrl: string;
  /** Bearer token of the `octopus` account (applications get+sync, clusters get, logs get on `*`). */
  token: string;
  /** Bearer token of the `viewer` account (applications/logs get on AppProject `storefront` only, no sync). */
  viewerToken: string;
}

/** What {@link mountArgoCd} returns. */
export interface MountedArgoCd {
  instances: ArgoCdInstanceInfo[];
  /** The bare repository the applications' sources point at (`url` is its `file://` URL = `repoURL`). */
  git: { bareRepoPath: string; url: string };
  /**
   * Resolves once the seeded applications have been rendered (in the background, after `mountArgoCd`
   * resolved); requests made earlier wait for it. Rejects with the render or git error, which those
   * requests then answer with.
   */
  ready: Promise<void>;
  /** Resolves once the bare repository exists (already when `mountArgoCd` resolved, unless `deferRepository`). */
  repository: Promise<void>;
  /** Clears operation timers and removes the git directory. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Registers the Argo CD stand-in on a fastify app: creates the seeded bare git repository (real `git`),
 * the applications of the `argocd-main` and `argocd-edge` instances, and their routes under
 * `/argocd/main` and `/argocd/edge`. Resolves once the repository exists; the applications are rendered
 * in the background afterwards (`ready`). Call before `app.listen()`/`app.ready()`; URLs are computed from
 * `options.baseUrl` when read. Seed data: SEED.md, section "Argo CD".
 *
 * @throws Error for invalid options; GitCommandError when `git` is missing or fails.
 */
export async function mountArgoCd(app: FastifyInstance, options: MountArgoCdOptions): Promise<MountedArgoCd> {
  if (!(Number.isFinite(options.scale) && options.scale > 0))
    throw new Error(`mountArgoCd: scale must be a number > 0, got ${String(options.scale)}`);
  if (!Number.isInteger(options.seed))
    throw new Error(`mountArgoCd: seed must be an integer, got ${String(options.seed)}`);
  const syncStepMs = options.syncStepMs ?? 150;
  if (!(Number.isFinite(syncStepMs) && syncStepMs >= 0))
    throw new Error(`mountArgoCd: syncStepMs must be >= 0 ms, got ${String(syncStepMs)}`);
  const gitPollMs = options.gitPollMs ?? 1000;
  if (!(Number.isFinite(gitPollMs) && gitPollMs >= 0))
    throw new Error(`mountArgoCd: gitPollMs must be >= 0 ms (0 = no polling), got ${String(gitPollMs)}`);
  const origin = (): string =>
    (typeof options.baseUrl === "function" ? options.baseUrl() : options.baseUrl).replace(/\/+$/, "");

  await mkdir(options.workDir, { recursive: true });
  const gitDir = await mkdtemp(path.join(options.workDir, "argocd-git-"));
  const stores: ApplicationStore[] = [];
  const streams: OpenStreams = new Set();
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    clearTimeout(renderTimer);
    clearInterval(poller);
    for (const s of [...streams]) s.end();
    for (const s of stores) s.stop();
    await rm(gitDir, { recursive: true, force: true });
  };
  // git runs while the routes are registered; the applications are rendered after that, in the background.
  const repo = ManifestRepository.at(gitDir);
  const created = repo.initialise(seedCommits(options.scale));
  created.catch(() => undefined); // awaited below
  const blueprints = applicationBlueprints(repo.url, options.scale);
  const renderer = new ApplicationRenderer(repo);
  const names = Object.keys(INSTANCE_PATHS) as InstanceName[];
  for (const _name of names) stores.push(new ApplicationStore(repo, renderer, syncStepMs, options.seed));
  let startRender: () => void = () => undefined;
  const renderGate = new Promise<void>((resolve) => (startRender = resolve));
  let renderTimer: NodeJS.Timeout | undefined;
  // A short pause after `renderAfter` lets the requests that were waiting for it be answered first.
  const startSoon = () => {
    if (!stopped) renderTimer = setTimeout(startRender, RENDER_PAUSE_MS);
  };
  if (options.renderAfter) void options.renderAfter.then(startSoon, startSoon);
  else startRender();
  const ready = created.then(async (shas) => {
    await renderGate;
    const deployed = shas[DEPLOYED_SEED_COMMIT] ?? shas[shas.length - 1] ?? "";
    const previous = shas[DEPLOYED_SEED_COMMIT - 1] ?? deployed;
    for (const [i, store] of stores.entries()) {
      await store.seedApplications(
        blueprints.filter((b) => b.instance === names[i]),
        previous,
        deployed,
        Date.parse("2026-11-24T10:00:00Z"),
      );
      await store.refreshAll();
    }
  });
  ready.catch(() => undefined); // requests see the error through begin()
  // The git poller starts once the applications exist; unref'd so it never keeps a process alive.
  let poller: NodeJS.Timeout | undefined;
  void ready.then(
    () => {
      if (stopped || gitPollMs === 0) return;
      let busy = false;
      poller = setInterval(() => {
        if (busy) return;
        busy = true;
        Promise.all(stores.map((s) => s.refreshAll()))
          .catch(() => undefined) // a failed poll is retried next time; requests report git errors themselves
          .finally(() => (busy = false));
      }, gitPollMs);
      poller.unref();
    },
    () => undefined,
  );
  try {
    const instances: ArgoCdInstanceInfo[] = [];
    for (const [i, name] of names.entries()) {
      const store = stores[i] as ApplicationStore;
      const prefix = `/argocd/${INSTANCE_PATHS[name]}`;
      const accounts = instanceAccounts(name, options.seed);
      const rt: InstanceRuntime = {
        name,
        prefix,
        baseUrl: () => origin() + prefix,
        accounts,
        store,
        renderer,
        repo,
        seed: options.seed,
        ready,
        startRender,
      };
      const pollMs = Math.min(250, Math.max(20, syncStepMs));
      await app.register(async (scope) => instanceScope(scope, rt, streams, pollMs), { prefix });
      const [octopus, viewer] = accounts;
      instances.push({
        name,
        get baseUrl() {
          return rt.baseUrl();
        },
        token: octopus?.token ?? "",
        viewerToken: viewer?.token ?? "",
      });
    }
    const repository = created.then(() => undefined);
    if (!options.deferRepository) await repository;
    return { instances, git: { bareRepoPath: repo.bareRepoPath, url: repo.url }, ready, repository, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The fastify scope of one instance: JSON parsing, Argo error bodies, 404s and the routes. */
async function instanceScope(
  scope: FastifyInstance,
  rt: InstanceRuntime,
  streams: OpenStreams,
  pollMs: number,
): Promise<void> {
  // Open watch streams would keep fastify.close() waiting: end them first.
  scope.addHook("preClose", (done) => {
    for (const s of [...streams]) s.end();
    done();
  });
  // Argo CD accepts an empty body on POST (e.g. a bare `sync`); fastify's default JSON parser does not.
  scope.removeContentTypeParser("application/json");
  scope.addContentTypeParser(
    "application/json",
    { parseAs: "string", bodyLimit: 4 * 1024 * 1024 },
    (_req, body, done) => {
      const text = typeof body === "string" ? body : body.toString("utf8");
      if (text.trim() === "") {
        done(null, {});
        return;
      }
      try {
        done(null, JSON.parse(text) as unknown);
      } catch (error) {
        done(
          new ArgoApiError(GrpcCode.InvalidArgument, `invalid JSON body: ${(error as Error).message}`),
          undefined,
        );
      }
    },
  );
  scope.setErrorHandler((error: FastifyError | ArgoApiError, req, reply) => {
    if (error instanceof ArgoApiError) return reply.code(error.status).send(error.toBody());
    const status = (error as FastifyError).statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(400).send(new ArgoApiError(GrpcCode.InvalidArgument, error.message).toBody());
    }
    req.log.error({ err: error }, "argocd sandbox: unhandled error");
    return reply.code(500).send(new ArgoApiError(GrpcCode.Internal, "internal error").toBody());
  });
  scope.setNotFoundHandler((req, reply) => {
    const body = new ArgoApiError(
      GrpcCode.NotFound,
      `Not Found: ${req.method} ${req.url.split("?")[0] ?? ""}`,
    ).toBody();
    void reply.code(404).send(body);
  });
  registerInstanceRoutes(scope, rt);
  registerApplicationRoutes(scope, rt);
  registerResourceRoutes(scope, rt);
  registerWatchRoute(scope, rt, streams, pollMs);
}

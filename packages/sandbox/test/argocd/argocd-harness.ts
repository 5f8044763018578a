import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { type MountedArgoCd, mountArgoCd } from "../../src/argocd/index.js";

/** A fastify server on 127.0.0.1:0 with only the Argo CD stand-in mounted. */
export interface ArgoHarness {
  server: FastifyInstance;
  argo: MountedArgoCd;
  workDir: string;
  main: MountedArgoCd["instances"][number];
  edge: MountedArgoCd["instances"][number];
  /** Calls `${instance.baseUrl}${path}` with the instance's `octopus` token unless `token` is given (null = none). */
  call(
    instance: MountedArgoCd["instances"][number],
    path: string,
    init?: { method?: string; body?: unknown; token?: string | null },
  ): Promise<{ status: number; body: unknown; text: string; contentType: string }>;
  stop(): Promise<void>;
}

export async function startArgoHarness(
  options: { syncStepMs?: number; scale?: number; seed?: number; gitPollMs?: number } = {},
): Promise<ArgoHarness> {
  const workDir = await mkdtemp(path.join(tmpdir(), "argocd-sandbox-test-"));
  const server = Fastify({ logger: false });
  let origin = "";
  const argo = await mountArgoCd(server, {
    scale: options.scale ?? 1,
    seed: options.seed ?? 1,
    workDir,
    syncStepMs: options.syncStepMs ?? 5,
    ...(options.gitPollMs !== undefined ? { gitPollMs: options.gitPollMs } : {}),
    baseUrl: () => origin,
  });
  await server.listen({ host: "127.0.0.1", port: 0 });
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  origin = `http://127.0.0.1:${address.port}`;
  const [main, edge] = argo.instances;
  if (!main || !edge) throw new Error("expected two Argo CD instances");
  return {
    server,
    argo,
    workDir,
    main,
    edge,
    async call(instance, p, init = {}) {
      const headers: Record<string, string> = {};
      const token = init.token === undefined ? instance.token : init.token;
      if (token !== null) headers["authorization"] = `Bearer ${token}`;
      if (init.body !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(`${instance.baseUrl}${p}`, {
        method: init.method ?? "GET",
        headers,
        ...(init.body !== undefined
          ? { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }
          : {}),
      });
      const text = await res.text();
      let body: unknown = undefined;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: res.status, body, text, contentType: res.headers.get("content-type") ?? "" };
    },
    async stop() {
      await server.close();
      await argo.stop();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value (not undefined), at most `attempts` times with `delayMs` between. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  attempts = 400,
  delayMs = 10,
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, delayMs));
  }
  throw new Error(`condition not reached after ${attempts} attempts`);
}

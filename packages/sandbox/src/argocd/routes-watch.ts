import type { ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import { ArgoApiError, GrpcCode } from "./api-error.js";
import { type InstanceRuntime, begin } from "./instance-runtime.js";
import { applicationView, listFilter } from "./routes-applications.js";

/** Open watch streams of an instance, ended when the server or the store stops. */
export type OpenStreams = Set<{ end(): void }>;

/**
 * `GET /api/v1/stream/applications` (swagger `ApplicationService_Watch`; argocd.md §2 "Watch apps"): the
 * list filters, then newline-delimited `{"result": {"type": "ADDED"|"MODIFIED", "application"}}` events —
 * one ADDED per matching app, then a MODIFIED whenever an app's `resourceVersion` moves (checked every
 * `pollMs`, which also notices new commits). The stream stays open until the client or the server closes it.
 */
export function registerWatchRoute(
  scope: FastifyInstance,
  rt: InstanceRuntime,
  open: OpenStreams,
  pollMs: number,
): void {
  scope.get("/api/v1/stream/applications", async (req, reply) => {
    let matches: ReturnType<typeof listFilter>;
    try {
      matches = listFilter(req, await begin(rt, req));
    } catch (error) {
      if (!(error instanceof ArgoApiError)) throw error;
      return reply
        .code(error.status)
        .type("application/json")
        .send(JSON.stringify(error.toStreamBody()) + "\n");
    }
    reply.hijack();
    const raw: ServerResponse = reply.raw;
    raw.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache" });
    const seen = new Map<string, number>();
    const emit = (type: "ADDED" | "MODIFIED") => {
      for (const app of rt.store.apps.values()) {
        if (!matches(app) || seen.get(app.bp.name) === app.resourceVersion) continue;
        seen.set(app.bp.name, app.resourceVersion);
        raw.write(JSON.stringify({ result: { type, application: applicationView(rt, app) } }) + "\n");
      }
    };
    emit("ADDED");
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      rt.store
        .refreshAll()
        .then(() => emit("MODIFIED"))
        .catch((error: unknown) => {
          const e =
            error instanceof ArgoApiError ? error : new ArgoApiError(GrpcCode.Internal, "internal error");
          raw.end(JSON.stringify(e.toStreamBody()) + "\n");
        })
        .finally(() => {
          busy = false;
        });
    }, pollMs);
    const handle = {
      end() {
        clearInterval(timer);
        open.delete(handle);
        if (!raw.writableEnded) raw.end();
      },
    };
    open.add(handle);
    req.raw.on("close", () => handle.end());
    raw.on("close", () => handle.end());
  });
}

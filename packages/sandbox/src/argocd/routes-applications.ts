import type { FastifyInstance, FastifyRequest } from "fastify";
import { type Account, can } from "./accounts.js";
import { ArgoApiError, GrpcCode, invalidArgument, permissionDenied } from "./api-error.js";
import { sourcesOf } from "./application-render.js";
import { type AppState, type SyncRequest, isCrashing } from "./app-state.js";
import { applicationJson } from "./application-view.js";
import {
  type InstanceRuntime,
  begin,
  findApplication,
  pathParam,
  queryValue,
  queryValues,
} from "./instance-runtime.js";
import { applyFieldsParameter, normalizeRepoUrl, parseLabelSelector } from "./list-query.js";
import { ManifestRenderError, isRecord } from "./manifest-render.js";

/**
 * Application routes of one instance: list, get (with refresh), sync, terminate operation, manifests
 * and revision metadata (paths and parameters from argocd-swagger.json; behaviour from argocd.md §2-§6).
 */
export function registerApplicationRoutes(scope: FastifyInstance, rt: InstanceRuntime): void {
  const view = (name: string) => {
    const app = rt.store.apps.get(name);
    if (!app) throw permissionDenied();
    return applicationView(rt, app);
  };

  scope.get("/api/v1/applications", async (req) => {
    const account = await begin(rt, req);
    const matches = listFilter(req, account);
    const refresh = queryValue(req, "refresh");
    const items: Record<string, unknown>[] = [];
    for (const app of rt.store.apps.values()) {
      if (!matches(app)) continue;
      if (refresh === "normal" || refresh === "hard") await rt.store.refresh(app, refresh);
      items.push(applicationView(rt, app));
    }
    items.sort((a, b) =>
      String((a["metadata"] as { name: string }).name).localeCompare(
        String((b["metadata"] as { name: string }).name),
      ),
    );
    const fields = queryValues(req, "fields").join(",");
    return {
      metadata: {
        resourceVersion: String(Math.max(0, ...[...rt.store.apps.values()].map((a) => a.resourceVersion))),
      },
      items: fields === "" ? items : applyFieldsParameter(items, fields),
    };
  });

  scope.get("/api/v1/applications/:name", async (req) => {
    const account = await begin(rt, req);
    const app = findApplication(rt, account, pathParam(req, "name"), {
      appNamespace: queryValue(req, "appNamespace"),
      project: queryValue(req, "project"),
    });
    const refresh = queryValue(req, "refresh");
    if (refresh !== undefined && refresh !== "") {
      if (refresh !== "normal" && refresh !== "hard")
        throw invalidArgument(`unknown refresh type '${refresh}': use normal or hard`);
      await rt.store.refresh(app, refresh);
    }
    return view(app.bp.name);
  });

  scope.post("/api/v1/applications/:name/sync", async (req) => {
    const account = await begin(rt, req);
    const body = req.body ?? {};
    if (!isRecord(body))
      throw invalidArgument(
        "json: cannot unmarshal non-object into Go value of type application.ApplicationSyncRequest",
      );
    const lookup = {
      appNamespace: str(body, "appNamespace") ?? queryValue(req, "appNamespace"),
      project: str(body, "project") ?? queryValue(req, "project"),
    };
    const app = findApplication(rt, account, pathParam(req, "name"), lookup);
    if (!can(account, "applications", "sync", app.bp.spec.project)) throw permissionDenied();
    await rt.store.startSync(app, parseSyncRequest(body), account.name);
    return view(app.bp.name);
  });

  // Rollback = a sync to a history entry's revision(s); refused while auto-sync is on (argo-cd #2441).
  scope.post("/api/v1/applications/:name/rollback", async (req) => {
    const account = await begin(rt, req);
    const body = req.body ?? {};
    if (!isRecord(body))
      throw invalidArgument(
        "json: cannot unmarshal non-object into Go value of type application.ApplicationRollbackRequest",
      );
    const lookup = {
      appNamespace: str(body, "appNamespace") ?? queryValue(req, "appNamespace"),
      project: str(body, "project") ?? queryValue(req, "project"),
    };
    const app = findApplication(rt, account, pathParam(req, "name"), lookup);
    if (!can(account, "applications", "sync", app.bp.spec.project)) throw permissionDenied();
    const rawId = body["id"];
    const id = typeof rawId === "string" && /^\d+$/.test(rawId) ? Number(rawId) : rawId;
    if (typeof id !== "number" || !Number.isInteger(id))
      throw invalidArgument("id: the history id (an integer) to roll back to is required");
    for (const key of ["dryRun", "prune"] as const) {
      if (body[key] !== undefined && typeof body[key] !== "boolean")
        throw invalidArgument(`${key} must be a boolean`);
    }
    const automated = app.bp.spec.syncPolicy?.automated;
    if (automated && automated.enabled !== false) {
      throw new ArgoApiError(
        GrpcCode.FailedPrecondition,
        "rollback cannot be initiated when auto-sync is enabled",
      );
    }
    const entry = app.history.find((h) => h.id === id);
    if (!entry) throw invalidArgument(`application ${app.bp.name} does not have deployment with id ${id}`);
    const revisions = entry.revisions ?? [entry.revision ?? ""];
    await rt.store.startSync(
      app,
      {
        revisions,
        sourcePositions: revisions.map((_r, i) => i + 1),
        ...(body["dryRun"] !== undefined ? { dryRun: body["dryRun"] as boolean } : {}),
        ...(body["prune"] !== undefined ? { prune: body["prune"] as boolean } : {}),
      },
      account.name,
    );
    return view(app.bp.name);
  });

  scope.delete("/api/v1/applications/:name/operation", async (req) => {
    const account = await begin(rt, req);
    const app = findApplication(rt, account, pathParam(req, "name"), {
      appNamespace: queryValue(req, "appNamespace"),
      project: queryValue(req, "project"),
    });
    if (!can(account, "applications", "sync", app.bp.spec.project)) throw permissionDenied();
    rt.store.terminate(app);
    return {};
  });

  scope.get("/api/v1/applications/:name/manifests", async (req) => {
    const account = await begin(rt, req);
    const app = findApplication(rt, account, pathParam(req, "name"), {
      appNamespace: queryValue(req, "appNamespace"),
      project: queryValue(req, "project"),
    });
    const sources = sourcesOf(app.bp.spec);
    const wanted = sources.map((s) => s.targetRevision ?? "HEAD");
    const revisions = queryValues(req, "revisions");
    const positions = queryValues(req, "sourcePositions");
    if (revisions.length > 0) {
      if (positions.length !== revisions.length)
        throw invalidArgument("number of source positions must match number of revisions");
      positions.forEach((p, i) => {
        const pos = Number(p);
        if (!Number.isInteger(pos) || pos < 1 || pos > sources.length)
          throw invalidArgument(`source position is out of range: ${p}`);
        wanted[pos - 1] = revisions[i] ?? "";
      });
    } else {
      const revision = queryValue(req, "revision");
      if (revision) wanted[0] = revision;
    }
    const shas: string[] = [];
    for (const rev of wanted) {
      const sha = await rt.repo.resolveRevision(rev);
      if (!sha) throw new ArgoApiError(GrpcCode.Unknown, `unable to resolve '${rev}' to a commit SHA`);
      shas.push(sha);
    }
    try {
      const rendered = await rt.renderer.render(app.bp.name, app.bp.spec, shas);
      return {
        manifests: rendered.objects.map((o) => JSON.stringify(o)),
        namespace: app.bp.spec.destination.namespace,
        server: app.bp.spec.destination.server ?? "",
        revision: shas[0] ?? "",
        sourceType: rendered.sourceTypes[0] ?? "Directory",
      };
    } catch (error) {
      if (error instanceof ManifestRenderError) {
        throw new ArgoApiError(GrpcCode.Unknown, `Manifest generation error (cached): ${error.message}`);
      }
      throw error;
    }
  });

  scope.get("/api/v1/applications/:name/revisions/:revision/metadata", async (req) => {
    const account = await begin(rt, req);
    findApplication(rt, account, pathParam(req, "name"), {
      appNamespace: queryValue(req, "appNamespace"),
      project: queryValue(req, "project"),
    });
    const revision = pathParam(req, "revision");
    const sha = await rt.repo.resolveRevision(revision);
    if (!sha) throw new ArgoApiError(GrpcCode.Unknown, `unable to resolve '${revision}' to a commit SHA`);
    const meta = await rt.repo.commitMetadata(sha);
    return { author: meta.author, date: meta.date.replace(/\+00:00$/, "Z"), message: meta.message, tags: [] };
  });
}

/** The JSON of an application, rebuilt only when its `resourceVersion` moved. */
export function applicationView(rt: InstanceRuntime, app: AppState): Record<string, unknown> {
  if (app.view?.resourceVersion !== app.resourceVersion) {
    app.view = { resourceVersion: app.resourceVersion, json: applicationJson(app, isCrashing(app), rt.seed) };
  }
  return app.view.json;
}

/**
 * The list filters of `ApplicationQuery` (argocd.md §2): RBAC `applications get`, `projects`/`project`,
 * `name`, `appNamespace`, `repo` (normalised) and the label `selector`.
 *
 * @throws ArgoApiError InvalidArgument for a malformed selector.
 */
export function listFilter(req: FastifyRequest, account: Account): (app: AppState) => boolean {
  const projects = [...queryValues(req, "projects"), ...queryValues(req, "project")];
  const selector = parseLabelSelector(queryValue(req, "selector") ?? "");
  const repo = queryValue(req, "repo");
  const appNamespace = queryValue(req, "appNamespace");
  const name = queryValue(req, "name");
  return (app) => {
    const bp = app.bp;
    if (!can(account, "applications", "get", bp.spec.project)) return false;
    if (projects.length > 0 && !projects.includes(bp.spec.project)) return false;
    if (name && bp.name !== name) return false;
    if (appNamespace && bp.appNamespace !== appNamespace) return false;
    if (repo && !sourcesOf(bp.spec).some((s) => normalizeRepoUrl(s.repoURL) === normalizeRepoUrl(repo)))
      return false;
    return selector(bp.labels);
  };
}

function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * Validates an `ApplicationSyncRequest` body. `syncOptions` must be `{items: [...]}` (argocd.md §5); a bare
 * array is rejected the way grpc-gateway's JSON decoder rejects it.
 *
 * @throws ArgoApiError InvalidArgument (HTTP 400) naming the field.
 */
export function parseSyncRequest(body: Record<string, unknown>): SyncRequest {
  const request: SyncRequest = {};
  const fail = (field: string, got: unknown, type: string): never => {
    const kind = Array.isArray(got) ? "array" : got === null ? "null" : typeof got;
    throw invalidArgument(
      `json: cannot unmarshal ${kind} into Go struct field ApplicationSyncRequest.${field} of type ${type}`,
    );
  };
  const b = body;
  if (b["revision"] !== undefined) {
    if (typeof b["revision"] !== "string") fail("revision", b["revision"], "string");
    request.revision = b["revision"] as string;
  }
  for (const key of ["revisions"] as const) {
    if (b[key] === undefined) continue;
    if (!Array.isArray(b[key]) || !(b[key] as unknown[]).every((r) => typeof r === "string"))
      fail(key, b[key], "[]string");
    request.revisions = b[key] as string[];
  }
  if (b["sourcePositions"] !== undefined) {
    const v = b["sourcePositions"];
    if (
      !Array.isArray(v) ||
      !v.every(
        (p) => (typeof p === "number" && Number.isInteger(p)) || (typeof p === "string" && /^-?\d+$/.test(p)),
      )
    ) {
      fail("sourcePositions", v, "[]int64");
    }
    request.sourcePositions = v as (string | number)[];
  }
  for (const key of ["dryRun", "prune"] as const) {
    if (b[key] === undefined) continue;
    if (typeof b[key] !== "boolean") fail(key, b[key], "bool");
    request[key] = b[key] as boolean;
  }
  if (b["syncOptions"] !== undefined && b["syncOptions"] !== null) {
    const so = b["syncOptions"];
    if (!isRecord(so)) fail("syncOptions", so, "application.SyncOptions");
    const items = (so as Record<string, unknown>)["items"] ?? [];
    if (!Array.isArray(items) || !items.every((i) => typeof i === "string"))
      fail("syncOptions.items", items, "[]string");
    request.syncOptions = items as string[];
  }
  if (b["resources"] !== undefined && b["resources"] !== null) {
    const rs = b["resources"];
    if (!Array.isArray(rs)) fail("resources", rs, "[]*v1alpha1.SyncOperationResource");
    request.resources = (rs as unknown[]).map((r, i) => {
      if (!isRecord(r) || typeof r["kind"] !== "string" || typeof r["name"] !== "string") {
        throw invalidArgument(`resources[${i}]: kind and name are required strings`);
      }
      return {
        kind: r["kind"],
        name: r["name"],
        ...(typeof r["group"] === "string" ? { group: r["group"] } : {}),
        ...(typeof r["namespace"] === "string" ? { namespace: r["namespace"] } : {}),
      };
    });
  }
  if (isRecord(b["strategy"])) request.strategy = b["strategy"];
  return request;
}

import type { FastifyRequest } from "fastify";
import type { ManifestRepository } from "../git/manifest-repository.js";
import { type Account, authenticate } from "./accounts.js";
import { applicationNotFound, permissionDenied } from "./api-error.js";
import type { ApplicationRenderer } from "./application-render.js";
import type { InstanceName } from "./application-seed.js";
import type { AppState } from "./app-state.js";
import type { ApplicationStore } from "./application-store.js";

/** Everything the routes of one Argo CD instance need. */
export interface InstanceRuntime {
  name: InstanceName;
  /** URL path prefix, e.g. `/argocd/main`. */
  prefix: string;
  /** Absolute base URL (known once the server listens). */
  baseUrl: () => string;
  accounts: readonly Account[];
  store: ApplicationStore;
  renderer: ApplicationRenderer;
  repo: ManifestRepository;
  seed: number;
  /** Resolves once the seeded applications are rendered (see `MountedArgoCd.ready`). */
  ready: Promise<void>;
  /** Starts the background render now if it has not started yet (see `MountArgoCdOptions.renderAfter`). */
  startRender: () => void;
}

/** A query parameter's first value (repeated parameters arrive as arrays). */
export function queryValue(req: FastifyRequest, name: string): string | undefined {
  const v = (req.query as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : undefined;
}

/** All values of a repeated query parameter (`?projects=a&projects=b`). */
export function queryValues(req: FastifyRequest, name: string): string[] {
  const v = (req.query as Record<string, unknown> | undefined)?.[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string" && x !== "");
}

/** A path parameter (URL-decoded by fastify). */
export function pathParam(req: FastifyRequest, name: string): string {
  const v = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : "";
}

/** Authenticates the request (see {@link authenticate}), waits for the seeded applications and brings the instance up to date with git. */
export async function begin(rt: InstanceRuntime, req: FastifyRequest): Promise<Account> {
  const account = authenticate(rt.accounts, req.headers.authorization);
  rt.startRender();
  await rt.ready;
  await rt.store.refreshAll();
  return account;
}

/**
 * Finds an application the account may `get`, as Argo CD's `getAppEnforceRBAC` does: a missing app and a
 * forbidden one both answer 403 "permission denied", unless the caller named the `project`, in which case a
 * missing app is a 404 (argocd.md §6).
 *
 * @throws ArgoApiError 403 code 7 or 404 code 5.
 */
export function findApplication(
  rt: InstanceRuntime,
  account: Account,
  name: string,
  lookup: { appNamespace?: string | undefined; project?: string | undefined },
): AppState {
  const app = rt.store.apps.get(name);
  const namespace = lookup.appNamespace && lookup.appNamespace !== "" ? lookup.appNamespace : "argocd";
  const exists =
    app !== undefined &&
    app.bp.appNamespace === namespace &&
    (!lookup.project || app.bp.spec.project === lookup.project);
  if (!exists) {
    if (lookup.project) throw applicationNotFound(name);
    throw permissionDenied();
  }
  const allowed = account.grants.some(
    (g) =>
      g.resource === "applications" &&
      g.action === "get" &&
      (g.projects.includes("*") || g.projects.includes(app.bp.spec.project)),
  );
  if (!allowed) throw permissionDenied();
  return app;
}

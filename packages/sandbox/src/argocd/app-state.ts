/**
 * The mutable state of a served application and the small state transitions shared by the store and the
 * routes (health, events, resource versions).
 */
import type { AppRender } from "./application-render.js";
import { imagesOfAll } from "./application-render.js";
import type { ApplicationBlueprint } from "./application-seed.js";
import type {
  ApplicationSource,
  HealthStatusCode,
  K8sObject,
  Operation,
  OperationState,
  RevisionHistory,
  SyncStatusCode,
} from "./types.js";

/** A Kubernetes Event about an application (swagger `eventsEvent`). */
export interface AppEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  /** ISO 8601. */
  at: string;
  component: string;
}

/** Mutable state of one application. */
export interface AppState {
  readonly bp: ApplicationBlueprint;
  readonly uid: string;
  resourceVersion: number;
  /** What runs in the cluster: the objects of the last applied sync. */
  live: AppRender;
  deployedAt: string;
  /** Desired state at `compared` (undefined while `comparisonError` is set). */
  desired?: AppRender;
  compared: string[];
  comparisonError?: string;
  syncStatus: SyncStatusCode;
  health: { status: HealthStatusCode; message?: string; lastTransitionTime: string };
  /** Images with which the app's pods crash-loop (the seeded images of an app with a `crashReason`). */
  crashImages?: string[];
  history: RevisionHistory[];
  operation?: Operation;
  operationState?: OperationState;
  reconciledAt: string;
  events: AppEvent[];
  autoSyncedRevision?: string;
  /** The last JSON view, valid while `resourceVersion` is unchanged (every change bumps it). */
  view?: { resourceVersion: number; json: Record<string, unknown> };
}

/** Body of `POST …/sync` as the sandbox reads it (swagger `applicationApplicationSyncRequest`). */
export interface SyncRequest {
  revision?: string;
  revisions?: string[];
  sourcePositions?: (string | number)[];
  dryRun?: boolean;
  prune?: boolean;
  syncOptions?: string[];
  resources?: { group?: string; kind: string; name: string; namespace?: string }[];
  strategy?: Record<string, unknown>;
}

/** RFC 3339 with second precision, as Kubernetes `metav1.Time` serialises. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `revision`/`source` for single-source apps, `revisions`/`sources` for multi-source ones. */
export function revisionFields(
  app: Pick<AppState, "bp">,
  revisions: readonly string[],
): { revision: string; source: ApplicationSource } | { revisions: string[]; sources: ApplicationSource[] } {
  return app.bp.spec.source !== undefined
    ? { revision: revisions[0] ?? "", source: app.bp.spec.source }
    : { revisions: [...revisions], sources: app.bp.spec.sources ?? [] };
}

/** Health when no operation is applying: Degraded while crash-looping, Missing with nothing deployed. */
export function steadyHealth(app: AppState): { status: HealthStatusCode; message?: string } {
  if (isCrashing(app)) return { status: "Degraded" };
  if (app.live.objects.length === 0) return { status: "Missing" };
  return { status: "Healthy" };
}

/** Whether the app's pods crash-loop: it still runs the seeded images of an app with a crash reason. */
export function isCrashing(app: AppState): boolean {
  if (!app.crashImages) return false;
  const now = imagesOfAll(app.live.objects);
  return now.length === app.crashImages.length && now.every((img, i) => img === app.crashImages?.[i]);
}

/** Sets the app health, recording a ResourceUpdated event when the status changes. */
export function setHealth(
  app: AppState,
  health: { status: HealthStatusCode; message?: string },
  at: string,
): void {
  if (health.status !== app.health.status) {
    recordEvent(
      app,
      health.status === "Degraded" ? "Warning" : "Normal",
      "ResourceUpdated",
      `Updated health status: ${app.health.status} -> ${health.status}`,
      at,
    );
    app.health = { ...health, lastTransitionTime: at };
  } else {
    app.health = { ...health, lastTransitionTime: app.health.lastTransitionTime };
  }
}

/** Sync result entries (`v1alpha1ResourceResult`) for applied objects. */
export function resourceResults(objects: readonly K8sObject[], verb: string) {
  return objects.map((o) => ({
    group: o.apiVersion.includes("/") ? (o.apiVersion.split("/")[0] ?? "") : "",
    version: o.apiVersion.includes("/") ? (o.apiVersion.split("/")[1] ?? "") : o.apiVersion,
    kind: o.kind,
    namespace: o.metadata.namespace ?? "",
    name: o.metadata.name,
    status: "Synced",
    message: `${o.kind.toLowerCase()}${o.apiVersion.includes("/") ? `.${o.apiVersion.split("/")[0] ?? ""}` : ""}/${o.metadata.name} ${verb}`,
    hookPhase: "Running",
    syncPhase: "Sync",
    ...(imagesOfAll([o]).length > 0 ? { images: imagesOfAll([o]) } : {}),
  }));
}

/** Appends an application event (the newest 200 are kept). */
export function recordEvent(
  app: AppState,
  type: AppEvent["type"],
  reason: string,
  message: string,
  at: string,
  component = "argocd-application-controller",
): void {
  app.events.push({ type, reason, message, at, component });
  if (app.events.length > 200) app.events.splice(0, app.events.length - 200);
}

/** Marks a change: bumps `metadata.resourceVersion` (which also invalidates the cached JSON view). */
export function touch(app: AppState): void {
  app.resourceVersion += 1;
}

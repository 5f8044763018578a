import type { ManifestRepository } from "../git/manifest-repository.js";
import { ArgoApiError, GrpcCode } from "./api-error.js";
import {
  type AppRender,
  type ApplicationRenderer,
  imagesOfAll,
  objectKey,
  sameObjects,
  sourcesOf,
} from "./application-render.js";
import type { ApplicationBlueprint } from "./application-seed.js";
import {
  type AppState,
  type SyncRequest,
  iso,
  recordEvent,
  resourceResults,
  revisionFields,
  setHealth,
  steadyHealth,
  touch,
} from "./app-state.js";
import { uidFor } from "./live-resources.js";
import { ManifestRenderError } from "./manifest-render.js";
import type {
  K8sObject,
  Operation,
  OperationState,
  RevisionHistory,
  SyncOperation,
  SyncStatusCode,
} from "./types.js";

/**
 * The applications of one Argo CD instance and their lifecycle: comparison against the branch head of
 * the manifest repository (checked on every call, one file read), sync operations that move
 * Running → Succeeded on a timer (`syncStepMs` per step, two steps), terminate, auto-sync for apps with
 * `syncPolicy.automated`, and the events they leave behind.
 */
export class ApplicationStore {
  readonly apps = new Map<string, AppState>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private lastHead = "";
  private reconciling: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly repo: ManifestRepository,
    private readonly renderer: ApplicationRenderer,
    private readonly syncStepMs: number,
    private readonly seed: number,
  ) {}

  /**
   * Seeds the applications: each deployed at `deployedSha` (history: `previousSha`, then `deployedSha`).
   *
   * @throws ManifestRenderError / GitCommandError when the seeded manifests do not render.
   */
  async seedApplications(
    blueprints: readonly ApplicationBlueprint[],
    previousSha: string,
    deployedSha: string,
    deployedAtMs: number,
  ): Promise<void> {
    for (const bp of blueprints) {
      // Rendering runs in the background after listen: let requests in between applications.
      await new Promise((resolve) => setImmediate(resolve));
      const n = sourcesOf(bp.spec).length;
      const live = await this.renderer.render(bp.name, bp.spec, Array(n).fill(deployedSha) as string[]);
      const deployedAt = iso(deployedAtMs + this.apps.size * 60_000);
      const single = bp.spec.source !== undefined;
      const entry = (id: number, sha: string, at: string): RevisionHistory => ({
        id,
        ...revisionFields({ bp }, Array(n).fill(sha) as string[]),
        deployStartedAt: iso(Date.parse(at) - 41_000),
        deployedAt: at,
        initiatedBy: { username: "octopus" },
      });
      const previousAt = iso(Date.parse(deployedAt) - 4 * 86_400_000);
      const operation: Operation = {
        sync: single
          ? { revision: deployedSha, syncOptions: bp.spec.syncPolicy?.syncOptions ?? [] }
          : { revisions: live.revisions, syncOptions: bp.spec.syncPolicy?.syncOptions ?? [] },
        initiatedBy: { username: "octopus" },
        retry: {},
      };
      const state: AppState = {
        bp,
        uid: uidFor(`${this.seed}:application:${bp.instance}:${bp.name}`),
        resourceVersion: 1000 + this.apps.size * 17,
        live,
        deployedAt,
        compared: live.revisions,
        desired: live,
        syncStatus: "Synced",
        health: { status: "Healthy", lastTransitionTime: deployedAt },
        ...(bp.crashReason ? { crashImages: imagesOfAll(live.objects) } : {}),
        history: [entry(0, previousSha, previousAt), entry(1, deployedSha, deployedAt)],
        operationState: {
          operation,
          phase: "Succeeded",
          message: "successfully synced (all tasks run)",
          startedAt: iso(Date.parse(deployedAt) - 41_000),
          finishedAt: deployedAt,
          syncResult: {
            ...revisionFields({ bp }, live.revisions),
            resources: resourceResults(live.objects, "configured"),
          },
        },
        reconciledAt: deployedAt,
        events: [],
      };
      recordEvent(
        state,
        "Normal",
        "OperationStarted",
        `Initiated sync to ${deployedSha}`,
        iso(Date.parse(deployedAt) - 41_000),
        "argocd-server",
      );
      recordEvent(
        state,
        "Normal",
        "OperationCompleted",
        `Sync operation to ${deployedSha} succeeded`,
        deployedAt,
      );
      setHealth(state, steadyHealth(state), deployedAt);
      this.apps.set(bp.name, state);
    }
  }

  /** Reconciles every app with the branch head if it moved since the last call (cheap when it did not). */
  async refreshAll(): Promise<void> {
    // Loop: the head may move again while a reconciliation for an older head is in flight.
    for (;;) {
      if (this.stopped) return;
      const head = await this.repo.headSha();
      if (head === this.lastHead) return;
      if (!this.reconciling) {
        this.reconciling = (async () => {
          try {
            for (const app of this.apps.values()) await this.reconcile(app, head, false);
            this.lastHead = head;
          } finally {
            this.reconciling = undefined;
          }
        })();
      }
      await this.reconciling;
    }
  }

  /**
   * Re-compares one app with the branch head (`refresh=normal`; `hard` also drops cached renders).
   */
  async refresh(app: AppState, mode: "normal" | "hard"): Promise<void> {
    if (mode === "hard") this.renderer.invalidate(app.bp.name);
    await this.reconcile(app, await this.repo.headSha(), true);
  }

  /**
   * Starts a sync operation (argocd.md §5). Returns at once; the operation runs on timers.
   *
   * @throws ArgoApiError FailedPrecondition "another operation is already in progress" while one runs;
   *   InvalidArgument for bad `revisions`/`sourcePositions`; Unknown when a revision does not resolve.
   */
  async startSync(app: AppState, request: SyncRequest, username: string, automated = false): Promise<void> {
    if (
      app.operationState &&
      (app.operationState.phase === "Running" || app.operationState.phase === "Terminating")
    ) {
      throw new ArgoApiError(GrpcCode.FailedPrecondition, "another operation is already in progress");
    }
    const sources = sourcesOf(app.bp.spec);
    const wanted = sources.map((s) => s.targetRevision ?? "HEAD");
    if (request.revisions && request.revisions.length > 0) {
      const positions = request.sourcePositions ?? request.revisions.map((_r, i) => i + 1);
      if (positions.length !== request.revisions.length) {
        throw new ArgoApiError(
          GrpcCode.InvalidArgument,
          "number of source positions must match number of revisions",
        );
      }
      positions.forEach((p, i) => {
        const pos = Number(p);
        if (!Number.isInteger(pos) || pos < 1 || pos > sources.length) {
          throw new ArgoApiError(
            GrpcCode.InvalidArgument,
            `source position is out of range: ${String(p)} (the application has ${sources.length} sources)`,
          );
        }
        wanted[pos - 1] = request.revisions?.[i] ?? "";
      });
    } else if (request.revision) {
      wanted[0] = request.revision;
    }
    const resolved: string[] = [];
    for (const rev of wanted) {
      const sha = await this.repo.resolveRevision(rev);
      if (!sha)
        throw new ArgoApiError(
          GrpcCode.Unknown,
          `rpc error: code = Unknown desc = unable to resolve '${rev}' to a commit SHA`,
        );
      resolved.push(sha);
    }
    if (app.operationState?.phase === "Running" || app.operationState?.phase === "Terminating") {
      throw new ArgoApiError(GrpcCode.FailedPrecondition, "another operation is already in progress");
    }
    const single = app.bp.spec.source !== undefined;
    const sync: SyncOperation = {
      ...(single ? { revision: resolved[0] ?? "" } : { revisions: resolved }),
      ...(request.prune !== undefined ? { prune: request.prune } : {}),
      ...(request.dryRun !== undefined ? { dryRun: request.dryRun } : {}),
      ...(request.syncOptions ? { syncOptions: request.syncOptions } : {}),
      ...(request.resources && request.resources.length > 0 ? { resources: request.resources } : {}),
      ...(request.strategy ? { syncStrategy: request.strategy } : {}),
    };
    const operation: Operation = {
      sync,
      initiatedBy: automated ? { automated: true } : { username },
      retry: {},
    };
    const now = iso(Date.now());
    app.operation = operation;
    app.operationState = {
      operation,
      phase: "Running",
      message: "one or more tasks are running",
      startedAt: now,
    };
    touch(app);
    recordEvent(
      app,
      "Normal",
      "OperationStarted",
      automated
        ? `Initiated automated sync to '${resolved.join(", ")}'`
        : `${username} initiated sync to ${wanted.join(", ")} (${resolved.join(", ")})`,
      now,
      automated ? "argocd-application-controller" : "argocd-server",
    );
    this.later(() => void this.applyStep(app, operation, resolved));
  }

  /**
   * Terminates the running operation: Terminating, then (next tick) Failed "Operation terminated".
   *
   * @throws ArgoApiError FailedPrecondition when no operation is in progress.
   */
  terminate(app: AppState): void {
    const state = app.operationState;
    if (!state || state.phase !== "Running") {
      throw new ArgoApiError(
        GrpcCode.FailedPrecondition,
        "Unable to terminate operation. No operation is in progress",
      );
    }
    state.phase = "Terminating";
    touch(app);
    this.later(() => {
      if (app.operationState !== state) return;
      state.phase = "Failed";
      state.message = "Operation terminated";
      state.finishedAt = iso(Date.now());
      delete app.operation;
      recordEvent(app, "Warning", "OperationCompleted", "Operation terminated", state.finishedAt);
      setHealth(app, steadyHealth(app), state.finishedAt);
      touch(app);
    }, 0);
  }

  /** Cancels every pending timer; later calls are no-ops. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async applyStep(app: AppState, operation: Operation, revisions: string[]): Promise<void> {
    const state = app.operationState;
    if (!state || state.operation !== operation || state.phase !== "Running") return;
    let target: AppRender;
    try {
      target = await this.renderer.render(app.bp.name, app.bp.spec, revisions);
    } catch (error) {
      const message = error instanceof ManifestRenderError ? error.message : String(error);
      this.finish(app, state, "Error", `ComparisonError: ${message}`);
      return;
    }
    if (this.stopped || app.operationState !== state || state.phase !== "Running") return;
    const now = iso(Date.now());
    const picks = operation.sync.resources;
    const isPicked = (o: K8sObject): boolean =>
      picks !== undefined &&
      picks.some(
        (r) =>
          r.kind === o.kind &&
          r.name === o.metadata.name &&
          (r.group ?? "") === (o.apiVersion.includes("/") ? o.apiVersion.split("/")[0] : "") &&
          (!r.namespace || r.namespace === o.metadata.namespace),
      );
    const selected = picks ? target.objects.filter(isPicked).map(objectKey) : undefined;
    const chosen = picks ? target.objects.filter(isPicked) : target.objects;
    state.syncResult = {
      ...revisionFields(app, revisions),
      resources: resourceResults(chosen, "configured"),
    };
    state.message = `waiting for healthy state of ${
      chosen
        .map((o) => `${o.apiVersion.split("/")[0]}/${o.kind}/${o.metadata.name}`)
        .slice(0, 1)
        .join("") || "resources"
    }`;
    if (!operation.sync.dryRun) {
      const keep = app.live.objects.filter((o) => {
        const key = objectKey(o);
        if (selected) return !selected.includes(key);
        return operation.sync.prune !== true && !target.objects.some((t) => objectKey(t) === key);
      });
      const changed = !sameObjects(app.live.objects, [...keep, ...chosen]);
      app.live = { revisions, sourceTypes: target.sourceTypes, objects: [...keep, ...chosen] };
      app.deployedAt = now;
      if (changed)
        setHealth(
          app,
          {
            status: "Progressing",
            message: "Waiting for rollout to finish: 0 out of 1 new replicas have been updated...",
          },
          now,
        );
      this.compareWithDesired(app, now);
    }
    touch(app);
    this.later(() => {
      if (app.operationState !== state || state.phase !== "Running") return;
      this.finish(app, state, "Succeeded", "successfully synced (all tasks run)");
      if (!operation.sync.dryRun) {
        app.history.push({
          id: (app.history[app.history.length - 1]?.id ?? -1) + 1,
          ...revisionFields(app, revisions),
          deployStartedAt: state.startedAt,
          deployedAt: state.finishedAt ?? now,
          initiatedBy: operation.initiatedBy,
        });
        app.history = app.history.slice(-(app.bp.spec.revisionHistoryLimit ?? 10));
      }
    });
  }

  private finish(
    app: AppState,
    state: OperationState,
    phase: "Succeeded" | "Error" | "Failed",
    message: string,
  ): void {
    const now = iso(Date.now());
    state.phase = phase;
    state.message = message;
    state.finishedAt = now;
    delete app.operation;
    const target = state.syncResult?.revision ?? state.syncResult?.revisions?.join(", ") ?? "";
    recordEvent(
      app,
      phase === "Succeeded" ? "Normal" : "Warning",
      "OperationCompleted",
      phase === "Succeeded"
        ? `Sync operation to ${target} succeeded`
        : `Sync operation to ${target} failed: ${message}`,
      now,
    );
    setHealth(app, steadyHealth(app), now);
    touch(app);
  }

  private async reconcile(app: AppState, head: string, force: boolean): Promise<void> {
    const n = sourcesOf(app.bp.spec).length;
    const revisions = Array(n).fill(head) as string[];
    const now = iso(Date.now());
    if (!force && app.compared.join(",") === revisions.join(",") && (app.desired || app.comparisonError))
      return;
    try {
      app.desired = await this.renderer.render(app.bp.name, app.bp.spec, revisions);
      delete app.comparisonError;
    } catch (error) {
      if (!(error instanceof ManifestRenderError)) throw error;
      delete app.desired;
      app.comparisonError = error.message;
    }
    app.compared = revisions;
    app.reconciledAt = now;
    this.compareWithDesired(app, now);
    touch(app);
    const automated = app.bp.spec.syncPolicy?.automated;
    if (
      automated &&
      automated.enabled !== false &&
      app.syncStatus === "OutOfSync" &&
      app.autoSyncedRevision !== head
    ) {
      const running = app.operationState?.phase === "Running" || app.operationState?.phase === "Terminating";
      if (!running) {
        app.autoSyncedRevision = head;
        try {
          await this.startSync(app, { prune: automated.prune === true }, "", true);
        } catch (error) {
          // An auto-sync that cannot start must not fail the request that noticed the commit.
          const message = error instanceof Error ? error.message : String(error);
          recordEvent(app, "Warning", "OperationStarted", `Failed to start automated sync: ${message}`, now);
        }
      }
    }
  }

  private compareWithDesired(app: AppState, now: string): void {
    const next: SyncStatusCode = app.desired
      ? sameObjects(app.live.objects, app.desired.objects)
        ? "Synced"
        : "OutOfSync"
      : "Unknown";
    if (next !== app.syncStatus) {
      recordEvent(app, "Normal", "ResourceUpdated", `Updated sync status: ${app.syncStatus} -> ${next}`, now);
      app.syncStatus = next;
    }
  }

  /** Runs `fn` after `delayMs` (default: one sync step) unless the store stops first. */
  private later(fn: () => void, delayMs = this.syncStepMs): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) fn();
    }, delayMs);
    this.timers.add(timer);
  }
}

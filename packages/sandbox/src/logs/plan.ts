import { type CatalogEnvironment, type CatalogProject, type CatalogTenant } from "../seed/catalog.js";
import { type StepDef, type StepKind, stepsForEnvironment } from "../seed/processes.js";
import { type FailureKind, type TaskRec } from "../octopus/model.js";
import { type OctopusStore } from "../octopus/store.js";
import { Prng } from "../prng.js";

/** Activity status (octopus-api.md §10.7). */
export type ActivityStatus =
  "Pending" | "Running" | "Success" | "Failed" | "Skipped" | "SuccessWithWarning" | "Canceled";

export interface StepPlan {
  index: number;
  name: string;
  kind: StepKind;
  actionType: string;
  status: ActivityStatus;
  started: number | null;
  ended: number | null;
  /** Deployment targets (machine names) or "Octopus Server" for server/worker steps. */
  targets: string[];
  failure: FailureKind | null;
  bigLogBytes: number;
}

/** Everything the log generators need about one task, derived deterministically from its record. */
export interface TaskPlan {
  task: TaskRec;
  project: CatalogProject;
  environment: CatalogEnvironment;
  tenant: CatalogTenant | undefined;
  version: string;
  previousVersion: string;
  runbookName: string | null;
  steps: StepPlan[];
  seed: number;
}

const DURATION_S: Record<StepKind, [number, number]> = {
  migration: [15, 80],
  helm: [40, 160],
  "k8s-yaml": [3, 12],
  "argo-update": [4, 15],
  "argo-wait": [30, 140],
  verify: [10, 60],
  smoke: [4, 25],
  manual: [300, 5400],
  notify: [1, 3],
  package: [3, 20],
  service: [2, 9],
  script: [8, 90],
};

const FAILURE_DURATION_S: Record<FailureKind, number> = {
  "db-migration": 95,
  "helm-timeout": 600,
  "health-check": 300,
  "argo-sync-timeout": 600,
  "package-checksum": 6,
  aborted: 120,
};

/** The steps a task runs: the project's process for deployments, one step for runbook runs. */
export function taskSteps(store: OctopusStore, task: TaskRec): readonly StepDef[] {
  const project = store.project(task.projectN);
  const env = store.environment(task.envN);
  if (!project || !env) return [];
  if (task.kind === "RunbookRun") {
    const run = store.runbookRun(task.refN);
    const name = (run && store.runbook(run.runbookN)?.name) ?? "Runbook";
    return [
      {
        name,
        kind: "script",
        actionType: "Octopus.Script",
        roles: project.style === "tentacle" ? ["erp-sync"] : [],
        environmentSlugs: [],
      },
    ];
  }
  return stepsForEnvironment(project, env.slug);
}

/** Deterministic duration in ms of each step of a task that runs to its end state. */
export function stepDurations(seed: number, task: TaskRec, steps: readonly StepDef[]): number[] {
  const rng = Prng.derive(seed, task.n, 17);
  return steps.map((s, i) => {
    const [lo, hi] = DURATION_S[s.kind];
    let secs = rng.int(lo, hi);
    if (task.failure && i === task.failStep) secs = FAILURE_DURATION_S[task.failure] + rng.int(0, 20);
    return secs * 1000 + rng.int(0, 999);
  });
}

function targetsFor(store: OctopusStore, task: TaskRec, step: StepDef): string[] {
  if (step.roles.length === 0) return ["Octopus Server"];
  const names = store.machines
    .filter(
      (m) =>
        !m.disabled &&
        m.envNs.includes(task.envN) &&
        m.roles.some((r) => step.roles.includes(r)) &&
        (task.tenantN === 0 ? m.participation !== "Tenanted" : m.participation !== "Untenanted"),
    )
    .map((m) => m.name);
  return names.length > 0 ? names : ["Octopus Server"];
}

function statusOf(task: TaskRec, i: number): ActivityStatus {
  switch (task.state) {
    case "Success":
      return "Success";
    case "Failed":
      return i < task.failStep ? "Success" : i === task.failStep ? "Failed" : "Skipped";
    case "Canceled":
      if (task.started === null) return "Canceled";
      return i < task.progress ? "Success" : i === task.progress ? "Canceled" : "Skipped";
    case "TimedOut":
      return "Canceled";
    case "Executing":
    case "Cancelling":
      return i < task.progress ? "Success" : i === task.progress ? "Running" : "Pending";
    case "Queued":
      return "Pending";
  }
}

/** Builds the plan of a task (steps, statuses, times, targets). Pure: same record, same plan. */
export function planTask(store: OctopusStore, task: TaskRec): TaskPlan | undefined {
  const project = store.project(task.projectN);
  const environment = store.environment(task.envN);
  if (!project || !environment) return undefined;
  const defs = taskSteps(store, task);
  const durations = stepDurations(store.seed, task, defs);
  let version = "";
  let previousVersion = "";
  let runbookName: string | null = null;
  if (task.kind === "Deploy") {
    const dep = store.deployment(task.refN);
    const rel = dep ? store.release(dep.releaseN) : undefined;
    version = rel?.version ?? "0.0.0";
    const list = store.projectReleases(task.projectN);
    const idx = list.findIndex((r) => r.n === rel?.n);
    previousVersion = list[idx + 1]?.version ?? version;
  } else {
    const run = store.runbookRun(task.refN);
    runbookName = (run && store.runbook(run.runbookN)?.name) ?? null;
  }
  // A guided failure waiting at a step: that step shows its failure output while it waits.
  const pending = task.pendingInterruptionN ? store.interruption(task.pendingInterruptionN) : undefined;
  const guidedWait = pending?.pending && pending.type === "GuidedFailure" ? pending.stepIndex : -1;
  let cursor = task.started ?? 0;
  const steps: StepPlan[] = defs.map((d, i) => {
    const status = statusOf(task, i);
    let started: number | null = null;
    let ended: number | null = null;
    if (
      task.started !== null &&
      status !== "Pending" &&
      status !== "Skipped" &&
      !(status === "Canceled" && task.state === "TimedOut")
    ) {
      if (task.stepEnds) {
        started = i === 0 ? task.started : (task.stepEnds[i - 1] ?? cursor);
        ended = task.stepEnds[i] ?? null;
        cursor = ended ?? cursor;
      } else {
        started = cursor;
        const d0 = durations[i] ?? 1000;
        ended =
          status === "Running"
            ? null
            : status === "Canceled"
              ? Math.min(cursor + d0, task.completed ?? cursor + d0)
              : cursor + d0;
        cursor = ended ?? cursor;
      }
      if (status === "Failed" || status === "Canceled") ended = task.completed ?? ended;
    }
    return {
      index: i,
      name: d.name,
      kind: d.kind,
      actionType: d.actionType,
      status,
      started,
      ended,
      targets: targetsFor(store, task, d),
      failure: status === "Failed" || (status === "Running" && guidedWait === i) ? task.failure : null,
      // The verbose output is split across the step's targets so the whole log is about `bigLogBytes`.
      bigLogBytes:
        status === "Failed" || (status === "Running" && guidedWait === i)
          ? Math.round(task.bigLogBytes / Math.max(1, targetsFor(store, task, d).length))
          : 0,
    };
  });
  return {
    task,
    project,
    environment,
    tenant: task.tenantN ? store.tenant(task.tenantN) : undefined,
    version,
    previousVersion,
    runbookName,
    steps,
    seed: store.seed,
  };
}

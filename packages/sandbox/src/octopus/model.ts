/**
 * Compact in-memory records of the sandbox's Octopus data. Records hold numbers (the `N` of `Prefix-N`
 * IDs) and times in ms since the epoch; `render/*.ts` turns them into PascalCase API resources on demand,
 * which keeps 100x scale well under 300 MB.
 */

/** Server task states (octopus-api.md §10.6). */
export type TaskState =
  "Queued" | "Executing" | "Failed" | "Canceled" | "TimedOut" | "Success" | "Cancelling";

/** Why a seeded or injected deployment fails; each produces its own real-looking log (src/logs). */
export type FailureKind =
  "db-migration" | "helm-timeout" | "health-check" | "argo-sync-timeout" | "package-checksum" | "aborted";

export const FAILURE_KINDS: readonly FailureKind[] = [
  "db-migration",
  "helm-timeout",
  "health-check",
  "argo-sync-timeout",
  "package-checksum",
];

export interface ReleaseRec {
  n: number;
  spaceN: number;
  projectN: number;
  channelN: number;
  /** Index in the project's release history (0 = oldest); -1 for releases created through the API. */
  index: number;
  version: string;
  assembled: number;
  notes: string;
}

export interface DeploymentRec {
  n: number;
  spaceN: number;
  projectN: number;
  releaseN: number;
  channelN: number;
  envN: number;
  /** 0 = untenanted. */
  tenantN: number;
  taskN: number;
  created: number;
  userN: number;
  comments: string;
  useGuidedFailure: boolean;
}

export interface RunbookRunRec {
  n: number;
  spaceN: number;
  projectN: number;
  runbookN: number;
  envN: number;
  tenantN: number;
  taskN: number;
  created: number;
  userN: number;
}

export interface TaskRec {
  n: number;
  spaceN: number;
  kind: "Deploy" | "RunbookRun";
  /** Deployments-N or RunbookRuns-N. */
  refN: number;
  projectN: number;
  envN: number;
  tenantN: number;
  state: TaskState;
  queued: number;
  started: number | null;
  completed: number | null;
  /** Steps completed (index of the step running or waiting). */
  progress: number;
  /** Failure to produce at step `failStep`; null = none. */
  failure: FailureKind | null;
  failStep: number;
  /** Approximate size in bytes of verbose output in the failing step (multi-MB logs); 0 = ordinary. */
  bigLogBytes: number;
  errorMessage: string;
  /** Interruptions-N waiting on this task, 0 = none. */
  pendingInterruptionN: number;
  /** Driven by the executor (created through the API, or resumed after an interruption was submitted). */
  live: boolean;
  /** End time of each completed step, for live tasks (seeded tasks derive step times deterministically). */
  stepEnds: number[] | null;
  /** Manual-intervention steps already approved (step indexes). */
  approvedSteps: number[] | null;
}

export interface InterruptionRec {
  n: number;
  spaceN: number;
  taskN: number;
  stepIndex: number;
  type: "ManualIntervention" | "GuidedFailure";
  title: string;
  instructions: string;
  created: number;
  pending: boolean;
  responsibleUserN: number;
  result: string | null;
  notes: string;
  correlationId: string;
}

/** Every audit-event category the sandbox writes (also served by `GET /api/events/categories`). */
export const EVENT_CATEGORIES = [
  "ReleaseCreated",
  "DeploymentQueued",
  "DeploymentStarted",
  "DeploymentSucceeded",
  "DeploymentFailed",
  "DeploymentCanceled",
  "RunbookRunQueued",
  "ManualInterventionInterruptionRaised",
  "ManualInterventionInterruptionResolved",
  "GuidedFailureInterruptionRaised",
  "GuidedFailureInterruptionResolved",
  "TaskCanceled",
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** Kinds of documents an event is about; the event's `refN` is that document's number. */
export type EventRefKind = "Releases" | "Deployments" | "RunbookRuns" | "Interruptions" | "ServerTasks";

/** Compact event record (ID order = time order for seeded events); rendered by render/events.ts. */
export interface EventRec {
  n: number;
  spaceN: number;
  category: EventCategory;
  occurred: number;
  userN: number;
  refKind: EventRefKind;
  refN: number;
}

export interface MachineRec {
  n: number;
  spaceN: number;
  name: string;
  envNs: number[];
  roles: string[];
  tenantNs: number[];
  participation: "Untenanted" | "TenantedOrUntenanted" | "Tenanted";
  style: "KubernetesTentacle" | "TentaclePassive";
  health: "Healthy" | "Unavailable" | "Unknown" | "HasWarnings" | "Unhealthy";
  disabled: boolean;
  os: string;
}

export interface RunbookRec {
  n: number;
  spaceN: number;
  projectN: number;
  name: string;
  slug: string;
}

export interface ChannelRec {
  n: number;
  spaceN: number;
  projectN: number;
  name: string;
  lifecycleN: number | null;
  isDefault: boolean;
}

export interface UserRec {
  n: number;
  username: string;
  displayName: string;
  email: string;
  isService: boolean;
}

/**
 * Copies a task record into a literal with a fixed property order. Records built with object spread end up
 * as slow dictionary-mode objects (~850 bytes each); this keeps 100x scale small.
 */
export function taskRec(t: TaskRec): TaskRec {
  return {
    n: t.n,
    spaceN: t.spaceN,
    kind: t.kind,
    refN: t.refN,
    projectN: t.projectN,
    envN: t.envN,
    tenantN: t.tenantN,
    state: t.state,
    queued: t.queued,
    started: t.started,
    completed: t.completed,
    progress: t.progress,
    failure: t.failure,
    failStep: t.failStep,
    bigLogBytes: t.bigLogBytes,
    errorMessage: t.errorMessage,
    pendingInterruptionN: t.pendingInterruptionN,
    live: t.live,
    stepEnds: t.stepEnds,
    approvedSteps: t.approvedSteps,
  };
}

/** `Prefix-N` → N, or NaN when the id does not have that prefix (case-insensitive). */
export function idNumber(id: string, prefix: string): number {
  const m = /^([A-Za-z]+)-(\d+)$/.exec(id);
  if (!m || m[1]?.toLowerCase() !== prefix.toLowerCase()) return NaN;
  return Number(m[2]);
}

export function isCompleted(state: TaskState): boolean {
  return state !== "Queued" && state !== "Executing" && state !== "Cancelling";
}

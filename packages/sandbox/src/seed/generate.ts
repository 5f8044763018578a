import { PROJECTS, TENANTS, environmentBySlug, releaseCount, releaseVersion } from "./catalog.js";
import { addFixtures } from "./fixtures.js";
import {
  FAILURE_MESSAGE,
  SEED_ANCHOR,
  type Attempt,
  failStepIndex,
  finishTaskTimes,
  projectAttempts,
  releaseTimes,
} from "./history.js";
import { stepsForEnvironment } from "./processes.js";
import { type TaskRec, taskRec } from "../octopus/model.js";
import { OctopusStore, idNum } from "../octopus/store.js";
import { Prng } from "../prng.js";

/** A deliberately seeded scenario worth knowing about (listed in SEED.md). */
export interface NotableDeployment {
  note: string;
  deploymentId: string;
  taskId: string;
  interruptionId: string | null;
  project: string;
  environment: string;
  tenant: string | null;
  version: string;
  state: string;
}

interface Execution {
  time: number;
  attempt?: Attempt;
  runbook?: { runbookN: number; projectN: number; envN: number; tenantN: number; failed: boolean };
}

const DAY = 86_400_000;

/** What the seed generation is doing: adding releases, deployments and runbook runs, then the event log. */
export type SeedPhase = "releases" | "executions" | "events";

/**
 * Seed-generation progress: `done` of `total` work units (one per release, per deployment attempt or
 * runbook run, plus one for the event log), with the current phase. Called synchronously from the
 * generation (at most ~200 times plus once per phase change); `done` never decreases and the last call
 * has `done === total`.
 */
export type SeedProgressCallback = (done: number, total: number, phase: SeedPhase) => void;

/** Reports progress in ~0.5 % steps so a 180,000-deployment seed makes a few hundred calls, not 180,000. */
function progressReporter(total: number, onProgress: SeedProgressCallback | undefined) {
  const step = Math.max(1, Math.floor(total / 200));
  let done = 0;
  let phase: SeedPhase | undefined;
  return (next: SeedPhase): void => {
    done++;
    if (!onProgress) return;
    if (next !== phase || done % step === 0 || done === total) {
      phase = next;
      onProgress(done, total, next);
    }
  };
}
/** The fields of a seeded task that differ between tasks; the rest start empty (see {@link seededTask}). */
type SeededTaskFields = Pick<
  TaskRec,
  "spaceN" | "kind" | "refN" | "projectN" | "envN" | "tenantN" | "state"
> &
  Partial<Pick<TaskRec, "progress" | "failure" | "failStep" | "bigLogBytes" | "errorMessage">>;

/** A seeded task record, built as one literal (object spread here made generation several times slower). */
function seededTask(n: number, queued: number, f: SeededTaskFields): TaskRec {
  return taskRec({
    n,
    spaceN: f.spaceN,
    kind: f.kind,
    refN: f.refN,
    projectN: f.projectN,
    envN: f.envN,
    tenantN: f.tenantN,
    state: f.state,
    queued,
    started: null,
    completed: null,
    progress: f.progress ?? 0,
    failure: f.failure ?? null,
    failStep: f.failStep ?? 0,
    bigLogBytes: f.bigLogBytes ?? 0,
    errorMessage: f.errorMessage ?? "",
    pendingInterruptionN: 0,
    live: false,
    stepEnds: null,
    approvedSteps: null,
  });
}

const NOTES = [
  "CHG-4821 approved by CAB",
  "Go: smoke tests green in staging",
  "Approved; watch the payment error rate",
  "OK to ship",
  "Approved after load test",
];

/**
 * Generates the whole seeded store: catalogue, fixtures, ~300 releases, ~2,000 deployments and their server
 * tasks, runbook runs, interruptions and events (at scale 1). Deterministic for (seed, scale).
 * @param scale multiplies releases, deployments and runbook runs (e.g. 100 for benchmarks).
 * @param onProgress optional progress callback (see {@link SeedProgressCallback}); does not change the data.
 */
export function generateSeed(
  seed: number,
  scale: number,
  onProgress?: SeedProgressCallback,
): { store: OctopusStore; notable: NotableDeployment[] } {
  const store = new OctopusStore(seed, scale);
  addFixtures(store);
  const rng = Prng.derive(seed, 7);

  // Releases, in time order across projects.
  const rel: { projectN: number; index: number; time: number }[] = [];
  const times = new Map<number, number[]>();
  for (const p of PROJECTS) {
    const t = releaseTimes(p, seed, scale);
    times.set(idNum(p.id), t);
    t.forEach((time, index) => rel.push({ projectN: idNum(p.id), index, time }));
  }
  rel.sort((a, b) => a.time - b.time || a.projectN - b.projectN);
  // Deployment attempts use their own PRNG per project, so computing them before the releases keeps the
  // data identical while the progress total is known up front.
  const attempts = PROJECTS.flatMap((p) => projectAttempts(p, times.get(idNum(p.id)) ?? [], seed, scale));
  const runsPerRunbook = Math.max(1, Math.round(5 * scale));
  const runbookRuns = store.runbooks.filter((rb) => store.project(rb.projectN)).length * runsPerRunbook;
  const tick = progressReporter(rel.length + attempts.length + runbookRuns + 1, onProgress);
  const releaseN = new Map<string, number>();
  for (const r of rel) {
    tick("releases");
    const p = store.project(r.projectN);
    if (!p) continue;
    const channel = store.channels.find((c) => c.projectN === r.projectN && c.isDefault);
    const n = store.nextN(store.releases);
    releaseN.set(`${r.projectN}:${r.index}`, n);
    store.addRelease({
      n,
      spaceN: idNum(p.spaceId),
      projectN: r.projectN,
      channelN: channel?.n ?? 0,
      index: r.index,
      version: releaseVersion(p, r.index),
      assembled: r.time,
      notes: `- ${rng.pick(["Fix", "Improve", "Add", "Refactor", "Bump"])} ${rng.pick(["retry handling", "logging", "caching", "metrics", "dependency versions", "timeouts", "validation"])} (#${rng.int(1000, 9999)})`,
    });
  }

  // Executions: deployment attempts and runbook runs, in time order.
  const execs: (Execution | undefined)[] = [];
  for (const a of attempts) execs.push({ time: a.time, attempt: a });
  attempts.length = 0; // execs holds them now (and lets go of each one below)
  const span = 120 * DAY * scale;
  for (const rb of store.runbooks) {
    const p = store.project(rb.projectN);
    if (!p) continue;
    for (let k = 0; k < runsPerRunbook; k++) {
      const env = environmentBySlug(p.spaceId, rng.pick(p.environmentSlugs));
      const tenantN =
        p.tenantedDeploymentMode === "Tenanted"
          ? idNum(TENANTS.find((t) => t.slug === rng.pick(p.tenantSlugs))?.id ?? "Tenants-0")
          : 0;
      execs.push({
        time: SEED_ANCHOR - 2 * DAY - rng.int(0, span),
        runbook: {
          runbookN: rb.n,
          projectN: rb.projectN,
          envN: env ? idNum(env.id) : 0,
          tenantN,
          failed: rng.chance(0.1),
        },
      });
    }
  }
  execs.sort((a, b) => (a?.time ?? 0) - (b?.time ?? 0));

  const notable: NotableDeployment[] = [];
  // Events go straight into the compact log and are put in time order at the end.
  const events = store.events;
  for (const r of store.releases)
    events.push({
      spaceN: r.spaceN,
      category: "ReleaseCreated",
      occurred: r.assembled,
      userN: 5,
      refKind: "Releases",
      refN: r.n,
    });

  for (let e = 0; e < execs.length; e++) {
    const ex = execs[e];
    // Drop each attempt once it is stored: at 100x scale the ~200,000 attempts would otherwise stay alive
    // next to the growing tables until the end, adding ~30 MB to the peak.
    execs[e] = undefined;
    tick("executions");
    if (!ex) continue;
    const taskN = store.nextN(store.tasks);
    if (ex.runbook) {
      const rb = ex.runbook;
      const p = store.project(rb.projectN);
      const runN = store.nextN(store.runbookRuns);
      const userN = rng.int(2, 4);
      let task: TaskRec = seededTask(taskN, ex.time, {
        spaceN: idNum(p?.spaceId ?? "Spaces-1"),
        kind: "RunbookRun",
        refN: runN,
        projectN: rb.projectN,
        envN: rb.envN,
        tenantN: rb.tenantN,
        state: rb.failed ? "Failed" : "Success",
        failure: rb.failed ? "health-check" : null,
        errorMessage: rb.failed ? FAILURE_MESSAGE["health-check"] : "",
      });
      store.addRunbookRun({
        n: runN,
        spaceN: task.spaceN,
        projectN: rb.projectN,
        runbookN: rb.runbookN,
        envN: rb.envN,
        tenantN: rb.tenantN,
        taskN,
        created: ex.time,
        userN,
      });
      task = store.addTask(task); // later changes go to the stored row
      finishTaskTimes(store, task, rng.int(1000, 9000));
      events.push({
        spaceN: task.spaceN,
        category: "RunbookRunQueued",
        occurred: ex.time,
        userN,
        refKind: "RunbookRuns",
        refN: runN,
      });
      continue;
    }
    const a = ex.attempt;
    if (!a) continue;
    const p = a.project;
    const env = environmentBySlug(p.spaceId, a.envSlug);
    const tenant = TENANTS.find((t) => t.slug === a.tenantSlug);
    const projectN = idNum(p.id);
    const rN = releaseN.get(`${projectN}:${a.releaseIndex}`) ?? 0;
    const release = store.release(rN);
    const depN = store.nextN(store.deployments);
    const userN = a.envSlug === "dev" || a.envSlug === "non-prod" ? 5 : rng.int(2, 4);
    const failStep = a.failure ? failStepIndex(p, a.envSlug, a.failure) : 0;
    let task: TaskRec = seededTask(taskN, ex.time, {
      spaceN: idNum(p.spaceId),
      kind: "Deploy",
      refN: depN,
      projectN,
      envN: env ? idNum(env.id) : 0,
      tenantN: tenant ? idNum(tenant.id) : 0,
      state: a.state,
      progress: a.progress,
      failure: a.failure,
      failStep,
      bigLogBytes: a.bigLogBytes,
      errorMessage: a.failure
        ? FAILURE_MESSAGE[a.failure]
        : a.state === "TimedOut"
          ? "The task was not started before its queue time expired."
          : a.state === "Canceled"
            ? "The task was canceled."
            : "",
    });
    store.addDeployment({
      n: depN,
      spaceN: task.spaceN,
      projectN,
      releaseN: rN,
      channelN: release?.channelN ?? 0,
      envN: task.envN,
      tenantN: task.tenantN,
      taskN,
      created: a.time,
      userN,
      comments: a.envSlug === "production" ? `CHG-${rng.int(1000, 9999)}` : "",
      useGuidedFailure: env?.useGuidedFailure ?? false,
    });
    task = store.addTask(task); // later changes go to the stored row
    finishTaskTimes(store, task, rng.int(1000, 20_000));
    events.push({
      spaceN: task.spaceN,
      category: "DeploymentQueued",
      occurred: a.time,
      userN,
      refKind: "Deployments",
      refN: depN,
    });
    if (task.completed !== null) {
      const category =
        task.state === "Success"
          ? "DeploymentSucceeded"
          : task.state === "Failed"
            ? "DeploymentFailed"
            : "DeploymentCanceled";
      events.push({
        spaceN: task.spaceN,
        category,
        occurred: task.completed,
        userN,
        refKind: "Deployments",
        refN: depN,
      });
    }

    // Manual interventions: approved ones in history, a pending one when the task waits at the step.
    const steps = stepsForEnvironment(p, a.envSlug);
    let interruptionId: string | null = null;
    steps.forEach((s, idx) => {
      if (s.kind !== "manual" || task.started === null || idx > task.progress) return;
      const waiting = idx === task.progress && task.state === "Executing";
      if (!waiting && idx === task.progress && task.state !== "Success") return;
      const intN = store.nextN(store.interruptions);
      const approver = rng.int(2, 4);
      store.addInterruption({
        n: intN,
        spaceN: task.spaceN,
        taskN,
        stepIndex: idx,
        type: "ManualIntervention",
        title: `Approve production deployment of ${p.name} ${release?.version ?? ""}`,
        instructions: `Check the ${p.name} dashboards in Staging and the change ticket, then approve the production deployment.`,
        created: task.started + 2000,
        pending: waiting,
        responsibleUserN: waiting ? 0 : approver,
        result: waiting ? null : "Proceed",
        notes: waiting ? "" : rng.pick(NOTES),
        correlationId: `ServerTasks-${taskN}_${Prng.derive(seed, taskN, 5).hex(10).toUpperCase()}/${idx + 1}`,
      });
      if (waiting) task.pendingInterruptionN = intN;
      else (task.approvedSteps ??= []).push(idx);
      interruptionId = `Interruptions-${intN}`;
      events.push({
        spaceN: task.spaceN,
        category: "ManualInterventionInterruptionRaised",
        occurred: task.started + 2000,
        userN: 1,
        refKind: "Interruptions",
        refN: intN,
      });
    });
    if (a.note) {
      notable.push({
        note: a.note,
        deploymentId: `Deployments-${depN}`,
        taskId: `ServerTasks-${taskN}`,
        interruptionId,
        project: p.slug,
        environment: a.envSlug,
        tenant: a.tenantSlug,
        version: release?.version ?? "",
        state: task.state,
      });
    }
  }
  events.sortByTime();
  tick("events");
  void releaseCount;
  return { store, notable };
}

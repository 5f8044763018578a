import { type SandboxClock } from "../clock.js";
import { stepDurations, taskSteps } from "../logs/plan.js";
import { FAILURE_MESSAGE, failStepIndex } from "../seed/history.js";
import { type CatalogEnvironment, type CatalogProject, type CatalogTenant } from "../seed/catalog.js";
import {
  type DeploymentRec,
  type FailureKind,
  type InterruptionRec,
  type ReleaseRec,
  type RunbookRec,
  type RunbookRunRec,
  type TaskRec,
  isCompleted,
} from "./model.js";
import { type OctopusStore, idNum } from "./store.js";
import { Prng } from "../prng.js";

/** What a new deployment or runbook run should do; `failure` injects a real-looking failure (SEED.md). */
export interface ExecutionRequest {
  project: CatalogProject;
  environment: CatalogEnvironment;
  tenant: CatalogTenant | undefined;
  userN: number;
  comments: string;
  useGuidedFailure: boolean;
  failure: FailureKind | null;
  bigLogBytes: number;
}

/**
 * Runs server tasks on the sandbox clock (those created through the API, and the seed's unfinished ones
 * once {@link TaskExecutor.resumeSeeded} was called): Queued → Executing → one step per clock
 * step → Success or Failed. A manual-intervention step raises a pending interruption and the task waits until
 * it is submitted (Proceed continues, Abort fails the task). Cancel moves Executing tasks through Cancelling.
 */
export class TaskExecutor {
  constructor(
    private readonly store: OctopusStore,
    private readonly clock: SandboxClock,
  ) {}

  private newTask(req: ExecutionRequest, kind: TaskRec["kind"], refN: number): TaskRec {
    const n = this.store.nextN(this.store.tasks);
    const task: TaskRec = {
      n,
      spaceN: idNum(req.project.spaceId),
      kind,
      refN,
      projectN: idNum(req.project.id),
      envN: idNum(req.environment.id),
      tenantN: req.tenant ? idNum(req.tenant.id) : 0,
      state: "Queued",
      queued: this.clock.now(),
      started: null,
      completed: null,
      progress: 0,
      failure: req.failure,
      failStep: 0,
      bigLogBytes: req.bigLogBytes,
      errorMessage: "",
      pendingInterruptionN: 0,
      live: true,
      stepEnds: [],
      approvedSteps: null,
    };
    return task;
  }

  /** Creates a deployment of `release` and queues its task. */
  deploy(release: ReleaseRec, req: ExecutionRequest): DeploymentRec {
    const n = this.store.nextN(this.store.deployments);
    const task = this.newTask(req, "Deploy", n);
    if (req.failure) task.failStep = failStepIndex(req.project, req.environment.slug, req.failure);
    const dep: DeploymentRec = {
      n,
      spaceN: task.spaceN,
      projectN: task.projectN,
      releaseN: release.n,
      channelN: release.channelN,
      envN: task.envN,
      tenantN: task.tenantN,
      taskN: task.n,
      created: task.queued,
      userN: req.userN,
      comments: req.comments,
      useGuidedFailure: req.useGuidedFailure,
    };
    this.store.addDeployment(dep);
    const row = this.store.addTask(task);
    this.event(row, "DeploymentQueued", "Deployments", n);
    this.clock.after(1, () => this.begin(row));
    return dep;
  }

  /** Creates a runbook run and queues its task. */
  runRunbook(runbook: RunbookRec, req: ExecutionRequest): RunbookRunRec {
    const n = this.store.nextN(this.store.runbookRuns);
    const task = this.newTask(req, "RunbookRun", n);
    const run: RunbookRunRec = {
      n,
      spaceN: task.spaceN,
      projectN: task.projectN,
      runbookN: runbook.n,
      envN: task.envN,
      tenantN: task.tenantN,
      taskN: task.n,
      created: task.queued,
      userN: req.userN,
    };
    this.store.addRunbookRun(run);
    const row = this.store.addTask(task);
    this.event(row, "RunbookRunQueued", "RunbookRuns", n);
    this.clock.after(1, () => this.begin(row));
    return run;
  }

  private event(
    task: TaskRec,
    category: Parameters<OctopusStore["addEvent"]>[0]["category"],
    refKind: Parameters<OctopusStore["addEvent"]>[0]["refKind"],
    refN: number,
  ): void {
    this.store.addEvent({
      spaceN: task.spaceN,
      category,
      occurred: this.clock.now(),
      userN: 1,
      refKind,
      refN,
    });
  }

  private begin(task: TaskRec): void {
    if (task.state !== "Queued") return;
    task.state = "Executing";
    task.started = this.clock.now();
    this.advance(task);
  }

  private advance(task: TaskRec): void {
    if (task.state !== "Executing") return;
    const steps = taskSteps(this.store, task);
    if (task.progress >= steps.length) {
      this.finish(task, "Success");
      return;
    }
    const step = steps[task.progress];
    if (step?.kind === "manual" && !(task.approvedSteps ?? []).includes(task.progress)) {
      if (!task.pendingInterruptionN) this.raiseManualIntervention(task, step.name);
      return;
    }
    const failing = task.failure !== null && task.progress === task.failStep;
    this.clock.after(1, () => {
      if (task.state !== "Executing") return;
      if (failing && this.usesGuidedFailure(task)) {
        this.raiseGuidedFailure(task, step?.name ?? "");
        return;
      }
      task.stepEnds?.push(this.clock.now());
      if (failing) {
        task.errorMessage = task.failure ? FAILURE_MESSAGE[task.failure] : "";
        this.finish(task, "Failed");
        return;
      }
      task.progress++;
      this.advance(task);
    });
  }

  private usesGuidedFailure(task: TaskRec): boolean {
    return task.kind === "Deploy" && this.store.deployment(task.refN)?.useGuidedFailure === true;
  }

  /** Guided failure (octopus-api.md §10.11): the failing step waits for Fail, Retry, Ignore or Exclude. */
  private raiseGuidedFailure(task: TaskRec, stepName: string): void {
    const n = this.store.nextN(this.store.interruptions);
    const token = Prng.derive(this.store.seed, task.n, 5).hex(10).toUpperCase();
    const why = task.failure ? FAILURE_MESSAGE[task.failure] : "The step failed.";
    this.store.addInterruption({
      n,
      spaceN: task.spaceN,
      taskN: task.n,
      stepIndex: task.progress,
      type: "GuidedFailure",
      title: `Guided failure: ${stepName}`,
      instructions: `${why} Choose Fail, Retry, Ignore or Exclude.`,
      created: this.clock.now(),
      pending: true,
      responsibleUserN: 0,
      result: null,
      notes: "",
      correlationId: `ServerTasks-${task.n}_${token}/${task.progress + 1}`,
    });
    task.pendingInterruptionN = n;
    this.event(task, "GuidedFailureInterruptionRaised", "Interruptions", n);
  }

  private raiseManualIntervention(task: TaskRec, stepName: string): void {
    const p = this.store.project(task.projectN);
    const d = task.kind === "Deploy" ? this.store.deployment(task.refN) : undefined;
    const version = d ? (this.store.release(d.releaseN)?.version ?? "") : "";
    const n = this.store.nextN(this.store.interruptions);
    const token = Prng.derive(this.store.seed, task.n, 5).hex(10).toUpperCase();
    this.store.addInterruption({
      n,
      spaceN: task.spaceN,
      taskN: task.n,
      stepIndex: task.progress,
      type: "ManualIntervention",
      title: `${stepName}: ${p?.name ?? ""} ${version}`.trim(),
      instructions: `Check the ${p?.name ?? "project"} dashboards and the change ticket, then approve the deployment.`,
      created: this.clock.now(),
      pending: true,
      responsibleUserN: 0,
      result: null,
      notes: "",
      correlationId: `ServerTasks-${task.n}_${token}/${task.progress + 1}`,
    });
    task.pendingInterruptionN = n;
    this.event(task, "ManualInterventionInterruptionRaised", "Interruptions", n);
  }

  /** Makes a seeded task live (executor-driven): fills the end times of its completed steps deterministically. */
  private makeLive(task: TaskRec): void {
    if (task.live) return;
    task.live = true;
    const durs = stepDurations(this.store.seed, task, taskSteps(this.store, task));
    let t = task.started ?? this.clock.now();
    task.stepEnds = [];
    for (let i = 0; i < task.progress; i++) {
      t += durs[i] ?? 1000;
      task.stepEnds.push(t);
    }
  }

  /**
   * Puts the seed's unfinished tasks on the clock (call once, after the seed is generated): Queued ones
   * start after one clock step, Executing ones go on from the step they are on (one process step per clock
   * step, stopping at a manual intervention like new tasks), Cancelling ones end Canceled after one step.
   * Tasks waiting at a pending interruption keep waiting until it is submitted or the task is cancelled.
   * @returns the numbers of the tasks put on the clock, in ID order.
   */
  resumeSeeded(): number[] {
    const resumed: number[] = [];
    for (const task of this.store.tasks) {
      if (task.live || isCompleted(task.state) || task.pendingInterruptionN !== 0) continue;
      resumed.push(task.n);
      if (task.state === "Queued") {
        task.live = true;
        task.stepEnds = [];
        this.clock.after(1, () => this.begin(task));
      } else if (task.state === "Cancelling") {
        this.makeLive(task);
        this.clock.after(1, () => {
          if (task.state === "Cancelling") this.finish(task, "Canceled");
        });
      } else {
        this.makeLive(task);
        this.advance(task);
      }
    }
    return resumed;
  }

  /** `PUT …/interruptions/{id}/responsible`: the API key's user (Users-1) takes responsibility. */
  takeResponsibility(i: InterruptionRec): void {
    i.responsibleUserN = 1;
  }

  /**
   * Submits an interruption. Manual intervention: "Proceed" continues, "Abort" fails the task at this step.
   * Guided failure: "Fail" fails the task, "Retry" re-runs the step (it succeeds), "Ignore"/"Exclude" skip it.
   * @throws Error with a user-facing message when the interruption is no longer pending.
   */
  submit(i: InterruptionRec, result: string, notes: string): void {
    if (!i.pending) throw new Error(`Interruption 'Interruptions-${i.n}' has already been submitted.`);
    const task = this.store.task(i.taskN);
    i.pending = false;
    i.result = result;
    i.notes = notes;
    if (!i.responsibleUserN) i.responsibleUserN = 1;
    if (!task) return;
    this.store.addEvent({
      spaceN: i.spaceN,
      category:
        i.type === "GuidedFailure"
          ? "GuidedFailureInterruptionResolved"
          : "ManualInterventionInterruptionResolved",
      occurred: this.clock.now(),
      userN: 1,
      refKind: "Interruptions",
      refN: i.n,
    });
    task.pendingInterruptionN = 0;
    if (isCompleted(task.state)) return;
    this.makeLive(task);
    if (i.type === "GuidedFailure") {
      if (result === "Retry") {
        task.failure = null;
        this.advance(task);
        return;
      }
      task.stepEnds?.push(this.clock.now());
      if (result === "Fail") {
        task.errorMessage = task.failure ? FAILURE_MESSAGE[task.failure] : "The step failed.";
        this.finish(task, "Failed");
        return;
      }
      task.failure = null;
      task.progress = i.stepIndex + 1;
      this.advance(task);
      return;
    }
    task.stepEnds?.push(this.clock.now());
    if (result === "Abort") {
      task.failure = "aborted";
      task.failStep = i.stepIndex;
      task.errorMessage = `The deployment was aborted by Sandbox Admin at the manual intervention '${i.title}'.`;
      this.finish(task, "Failed");
      return;
    }
    (task.approvedSteps ??= []).push(i.stepIndex);
    task.progress = i.stepIndex + 1;
    this.advance(task);
  }

  /** `POST /api/tasks/{id}/cancel`: Queued → Canceled; Executing → Cancelling → Canceled (one clock step). */
  cancel(task: TaskRec): void {
    if (isCompleted(task.state)) return;
    const pending = task.pendingInterruptionN
      ? this.store.interruption(task.pendingInterruptionN)
      : undefined;
    if (pending) pending.pending = false;
    task.pendingInterruptionN = 0;
    if (task.state === "Queued") {
      this.finish(task, "Canceled");
      return;
    }
    this.makeLive(task);
    task.state = "Cancelling";
    this.clock.after(1, () => this.finish(task, "Canceled"));
  }

  private finish(task: TaskRec, state: "Success" | "Failed" | "Canceled"): void {
    task.state = state;
    task.completed = this.clock.now();
    if (state === "Canceled") task.errorMessage = "The task was canceled.";
    if (state === "Success") task.progress = taskSteps(this.store, task).length;
    if (task.kind === "Deploy") {
      const category =
        state === "Success"
          ? "DeploymentSucceeded"
          : state === "Failed"
            ? "DeploymentFailed"
            : "DeploymentCanceled";
      this.event(task, category, "Deployments", task.refN);
    } else if (state === "Canceled") this.event(task, "TaskCanceled", "ServerTasks", task.n);
  }
}

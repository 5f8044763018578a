import { type DeploymentRec, type FailureKind, type TaskRec, type TaskState } from "./model.js";

/**
 * Column-wise storage of the two big record kinds (100x scale: ~200,000 server tasks and ~190,000
 * deployments). Each record lives in typed-array columns (~60 bytes a task, ~40 a deployment instead of
 * ~230 and ~150 as objects); `get(n)` hands out a small row object whose properties read and write those
 * columns, so code treats rows as ordinary `TaskRec`/`DeploymentRec` records. Rows are numbered 1, 2, 3…
 * in insertion order (`ServerTasks-N` is row N). Two rows of the same record are different objects:
 * compare them by `n`, not by identity.
 */

type Column = Float64Array | Uint32Array | Uint16Array | Uint8Array;

/** A growable set of typed-array columns sharing one row count. */
class Columns {
  size = 0;
  private capacity = 0;
  private readonly cols: { get: () => Column; set: (c: Column) => void }[] = [];

  /** Registers a column (accessors of the field that holds it); all columns grow together. */
  track(get: () => Column, set: (c: Column) => void): void {
    this.cols.push({ get, set });
  }

  /** Index of a new row (columns doubled when full). */
  add(): number {
    if (this.size === this.capacity) {
      this.capacity = Math.max(1024, this.capacity * 2);
      for (const c of this.cols) {
        const old = c.get();
        const fresh = new (old.constructor as new (n: number) => Column)(this.capacity);
        fresh.set(old);
        c.set(fresh);
      }
    }
    return this.size++;
  }
}

const TASK_STATES: readonly TaskState[] = [
  "Queued",
  "Executing",
  "Failed",
  "Canceled",
  "TimedOut",
  "Success",
  "Cancelling",
];
const TASK_STATE_CODE = new Map(TASK_STATES.map((s, i) => [s, i]));
const FAILURES: readonly (FailureKind | null)[] = [
  null,
  "db-migration",
  "helm-timeout",
  "health-check",
  "argo-sync-timeout",
  "package-checksum",
  "aborted",
];
const FAILURE_CODE = new Map(FAILURES.map((f, i) => [f, i]));

function code<K>(map: ReadonlyMap<K, number>, value: K, what: string): number {
  const c = map.get(value);
  if (c === undefined) throw new RangeError(`record table: unknown ${what} '${String(value)}'`);
  return c;
}

/** `null` is stored as NaN in time columns. */
const time = (v: number | null): number => (v === null ? NaN : v);
const nullableTime = (v: number | undefined): number | null =>
  v === undefined || Number.isNaN(v) ? null : v;

/** Server tasks (see {@link TaskRec}); rows from {@link get} write through to the table. */
export class TaskTable implements Iterable<TaskRec> {
  private readonly c = new Columns();
  spaceN: Uint8Array = new Uint8Array(0);
  kind: Uint8Array = new Uint8Array(0);
  refN: Uint32Array = new Uint32Array(0);
  projectN: Uint16Array = new Uint16Array(0);
  envN: Uint16Array = new Uint16Array(0);
  tenantN: Uint16Array = new Uint16Array(0);
  state: Uint8Array = new Uint8Array(0);
  queued: Float64Array = new Float64Array(0);
  started: Float64Array = new Float64Array(0);
  completed: Float64Array = new Float64Array(0);
  progress: Uint16Array = new Uint16Array(0);
  failure: Uint8Array = new Uint8Array(0);
  failStep: Uint16Array = new Uint16Array(0);
  bigLogBytes: Uint32Array = new Uint32Array(0);
  pendingInterruptionN: Uint32Array = new Uint32Array(0);
  live: Uint8Array = new Uint8Array(0);
  /** Error messages are a few shared strings (or set by the executor): an array of references. */
  readonly errorMessage: string[] = [];
  /** Only live tasks have step end times and approved steps. */
  readonly stepEnds = new Map<number, number[]>();
  readonly approvedSteps = new Map<number, number[]>();

  constructor() {
    const c = this.c;
    c.track(
      () => this.spaceN,
      (v) => (this.spaceN = v as Uint8Array),
    );
    c.track(
      () => this.kind,
      (v) => (this.kind = v as Uint8Array),
    );
    c.track(
      () => this.refN,
      (v) => (this.refN = v as Uint32Array),
    );
    c.track(
      () => this.projectN,
      (v) => (this.projectN = v as Uint16Array),
    );
    c.track(
      () => this.envN,
      (v) => (this.envN = v as Uint16Array),
    );
    c.track(
      () => this.tenantN,
      (v) => (this.tenantN = v as Uint16Array),
    );
    c.track(
      () => this.state,
      (v) => (this.state = v as Uint8Array),
    );
    c.track(
      () => this.queued,
      (v) => (this.queued = v as Float64Array),
    );
    c.track(
      () => this.started,
      (v) => (this.started = v as Float64Array),
    );
    c.track(
      () => this.completed,
      (v) => (this.completed = v as Float64Array),
    );
    c.track(
      () => this.progress,
      (v) => (this.progress = v as Uint16Array),
    );
    c.track(
      () => this.failure,
      (v) => (this.failure = v as Uint8Array),
    );
    c.track(
      () => this.failStep,
      (v) => (this.failStep = v as Uint16Array),
    );
    c.track(
      () => this.bigLogBytes,
      (v) => (this.bigLogBytes = v as Uint32Array),
    );
    c.track(
      () => this.pendingInterruptionN,
      (v) => (this.pendingInterruptionN = v as Uint32Array),
    );
    c.track(
      () => this.live,
      (v) => (this.live = v as Uint8Array),
    );
  }

  get length(): number {
    return this.c.size;
  }

  /** Number the next task gets. */
  nextN(): number {
    return this.c.size + 1;
  }

  /**
   * Appends a task (its `n` must be {@link nextN}) and returns its row.
   * @throws RangeError when `n` is out of sequence or a field has an unknown value.
   */
  push(t: TaskRec): TaskRec {
    if (t.n !== this.nextN()) throw new RangeError(`TaskTable.push: expected n ${this.nextN()}, got ${t.n}`);
    const state = code(TASK_STATE_CODE, t.state, "task state");
    const failure = code(FAILURE_CODE, t.failure, "failure kind");
    const i = this.c.add();
    this.spaceN[i] = t.spaceN;
    this.kind[i] = t.kind === "RunbookRun" ? 1 : 0;
    this.refN[i] = t.refN;
    this.projectN[i] = t.projectN;
    this.envN[i] = t.envN;
    this.tenantN[i] = t.tenantN;
    this.state[i] = state;
    this.queued[i] = t.queued;
    this.started[i] = time(t.started);
    this.completed[i] = time(t.completed);
    this.progress[i] = t.progress;
    this.failure[i] = failure;
    this.failStep[i] = t.failStep;
    this.bigLogBytes[i] = t.bigLogBytes;
    this.pendingInterruptionN[i] = t.pendingInterruptionN;
    this.live[i] = t.live ? 1 : 0;
    this.errorMessage.push(t.errorMessage);
    if (t.stepEnds) this.stepEnds.set(i, t.stepEnds);
    if (t.approvedSteps) this.approvedSteps.set(i, t.approvedSteps);
    return new TaskRow(this, i);
  }

  /** `ServerTasks-n`'s row, or undefined. */
  get(n: number): TaskRec | undefined {
    return Number.isInteger(n) && n >= 1 && n <= this.c.size ? new TaskRow(this, n - 1) : undefined;
  }

  /** The row at 0-based `index` (negative counts from the end), as `Array.prototype.at`. */
  at(index: number): TaskRec | undefined {
    const i = index < 0 ? this.c.size + index : index;
    return this.get(i + 1);
  }

  *[Symbol.iterator](): Iterator<TaskRec> {
    for (let i = 0; i < this.c.size; i++) yield new TaskRow(this, i);
  }

  filter(keep: (t: TaskRec) => boolean): TaskRec[] {
    const out: TaskRec[] = [];
    for (const t of this) if (keep(t)) out.push(t);
    return out;
  }

  map<R>(fn: (t: TaskRec) => R): R[] {
    const out: R[] = [];
    for (const t of this) out.push(fn(t));
    return out;
  }
}

/** One task of a {@link TaskTable}: reads and writes its columns. */
class TaskRow implements TaskRec {
  constructor(
    private readonly t: TaskTable,
    private readonly i: number,
  ) {}
  get n(): number {
    return this.i + 1;
  }
  set n(_v: number) {
    // the number is the row position; pushes pass it only to be checked
  }
  get spaceN(): number {
    return this.t.spaceN[this.i] ?? 0;
  }
  set spaceN(v: number) {
    this.t.spaceN[this.i] = v;
  }
  get kind(): TaskRec["kind"] {
    return this.t.kind[this.i] === 1 ? "RunbookRun" : "Deploy";
  }
  set kind(v: TaskRec["kind"]) {
    this.t.kind[this.i] = v === "RunbookRun" ? 1 : 0;
  }
  get refN(): number {
    return this.t.refN[this.i] ?? 0;
  }
  set refN(v: number) {
    this.t.refN[this.i] = v;
  }
  get projectN(): number {
    return this.t.projectN[this.i] ?? 0;
  }
  set projectN(v: number) {
    this.t.projectN[this.i] = v;
  }
  get envN(): number {
    return this.t.envN[this.i] ?? 0;
  }
  set envN(v: number) {
    this.t.envN[this.i] = v;
  }
  get tenantN(): number {
    return this.t.tenantN[this.i] ?? 0;
  }
  set tenantN(v: number) {
    this.t.tenantN[this.i] = v;
  }
  get state(): TaskState {
    return TASK_STATES[this.t.state[this.i] ?? 0] ?? "Queued";
  }
  set state(v: TaskState) {
    this.t.state[this.i] = code(TASK_STATE_CODE, v, "task state");
  }
  get queued(): number {
    return this.t.queued[this.i] ?? 0;
  }
  set queued(v: number) {
    this.t.queued[this.i] = v;
  }
  get started(): number | null {
    return nullableTime(this.t.started[this.i]);
  }
  set started(v: number | null) {
    this.t.started[this.i] = time(v);
  }
  get completed(): number | null {
    return nullableTime(this.t.completed[this.i]);
  }
  set completed(v: number | null) {
    this.t.completed[this.i] = time(v);
  }
  get progress(): number {
    return this.t.progress[this.i] ?? 0;
  }
  set progress(v: number) {
    this.t.progress[this.i] = v;
  }
  get failure(): FailureKind | null {
    return FAILURES[this.t.failure[this.i] ?? 0] ?? null;
  }
  set failure(v: FailureKind | null) {
    this.t.failure[this.i] = code(FAILURE_CODE, v, "failure kind");
  }
  get failStep(): number {
    return this.t.failStep[this.i] ?? 0;
  }
  set failStep(v: number) {
    this.t.failStep[this.i] = v;
  }
  get bigLogBytes(): number {
    return this.t.bigLogBytes[this.i] ?? 0;
  }
  set bigLogBytes(v: number) {
    this.t.bigLogBytes[this.i] = v;
  }
  get errorMessage(): string {
    return this.t.errorMessage[this.i] ?? "";
  }
  set errorMessage(v: string) {
    this.t.errorMessage[this.i] = v;
  }
  get pendingInterruptionN(): number {
    return this.t.pendingInterruptionN[this.i] ?? 0;
  }
  set pendingInterruptionN(v: number) {
    this.t.pendingInterruptionN[this.i] = v;
  }
  get live(): boolean {
    return this.t.live[this.i] === 1;
  }
  set live(v: boolean) {
    this.t.live[this.i] = v ? 1 : 0;
  }
  get stepEnds(): number[] | null {
    return this.t.stepEnds.get(this.i) ?? null;
  }
  set stepEnds(v: number[] | null) {
    if (v === null) this.t.stepEnds.delete(this.i);
    else this.t.stepEnds.set(this.i, v);
  }
  get approvedSteps(): number[] | null {
    return this.t.approvedSteps.get(this.i) ?? null;
  }
  set approvedSteps(v: number[] | null) {
    if (v === null) this.t.approvedSteps.delete(this.i);
    else this.t.approvedSteps.set(this.i, v);
  }
  /** A plain copy (what `JSON.stringify` and test snapshots see). */
  toJSON(): TaskRec {
    return {
      n: this.n,
      spaceN: this.spaceN,
      kind: this.kind,
      refN: this.refN,
      projectN: this.projectN,
      envN: this.envN,
      tenantN: this.tenantN,
      state: this.state,
      queued: this.queued,
      started: this.started,
      completed: this.completed,
      progress: this.progress,
      failure: this.failure,
      failStep: this.failStep,
      bigLogBytes: this.bigLogBytes,
      errorMessage: this.errorMessage,
      pendingInterruptionN: this.pendingInterruptionN,
      live: this.live,
      stepEnds: this.stepEnds,
      approvedSteps: this.approvedSteps,
    };
  }
}

/** Deployments (see {@link DeploymentRec}); they do not change once created. */
export class DeploymentTable implements Iterable<DeploymentRec> {
  private readonly c = new Columns();
  spaceN: Uint8Array = new Uint8Array(0);
  projectN: Uint16Array = new Uint16Array(0);
  releaseN: Uint32Array = new Uint32Array(0);
  channelN: Uint32Array = new Uint32Array(0);
  envN: Uint16Array = new Uint16Array(0);
  tenantN: Uint16Array = new Uint16Array(0);
  taskN: Uint32Array = new Uint32Array(0);
  created: Float64Array = new Float64Array(0);
  userN: Uint16Array = new Uint16Array(0);
  useGuidedFailure: Uint8Array = new Uint8Array(0);
  readonly comments: string[] = [];

  constructor() {
    const c = this.c;
    c.track(
      () => this.spaceN,
      (v) => (this.spaceN = v as Uint8Array),
    );
    c.track(
      () => this.projectN,
      (v) => (this.projectN = v as Uint16Array),
    );
    c.track(
      () => this.releaseN,
      (v) => (this.releaseN = v as Uint32Array),
    );
    c.track(
      () => this.channelN,
      (v) => (this.channelN = v as Uint32Array),
    );
    c.track(
      () => this.envN,
      (v) => (this.envN = v as Uint16Array),
    );
    c.track(
      () => this.tenantN,
      (v) => (this.tenantN = v as Uint16Array),
    );
    c.track(
      () => this.taskN,
      (v) => (this.taskN = v as Uint32Array),
    );
    c.track(
      () => this.created,
      (v) => (this.created = v as Float64Array),
    );
    c.track(
      () => this.userN,
      (v) => (this.userN = v as Uint16Array),
    );
    c.track(
      () => this.useGuidedFailure,
      (v) => (this.useGuidedFailure = v as Uint8Array),
    );
  }

  get length(): number {
    return this.c.size;
  }

  /** Number the next deployment gets. */
  nextN(): number {
    return this.c.size + 1;
  }

  /**
   * Appends a deployment (its `n` must be {@link nextN}) and returns its row.
   * @throws RangeError when `n` is out of sequence.
   */
  push(d: DeploymentRec): DeploymentRec {
    if (d.n !== this.nextN())
      throw new RangeError(`DeploymentTable.push: expected n ${this.nextN()}, got ${d.n}`);
    const i = this.c.add();
    this.spaceN[i] = d.spaceN;
    this.projectN[i] = d.projectN;
    this.releaseN[i] = d.releaseN;
    this.channelN[i] = d.channelN;
    this.envN[i] = d.envN;
    this.tenantN[i] = d.tenantN;
    this.taskN[i] = d.taskN;
    this.created[i] = d.created;
    this.userN[i] = d.userN;
    this.useGuidedFailure[i] = d.useGuidedFailure ? 1 : 0;
    this.comments.push(d.comments);
    return this.row(i);
  }

  /** `Deployments-n`, or undefined. */
  get(n: number): DeploymentRec | undefined {
    return Number.isInteger(n) && n >= 1 && n <= this.c.size ? this.row(n - 1) : undefined;
  }

  /** The deployment at 0-based `index` (negative counts from the end), as `Array.prototype.at`. */
  at(index: number): DeploymentRec | undefined {
    const i = index < 0 ? this.c.size + index : index;
    return this.get(i + 1);
  }

  *[Symbol.iterator](): Iterator<DeploymentRec> {
    for (let i = 0; i < this.c.size; i++) yield this.row(i);
  }

  filter(keep: (d: DeploymentRec) => boolean): DeploymentRec[] {
    const out: DeploymentRec[] = [];
    for (const d of this) if (keep(d)) out.push(d);
    return out;
  }

  map<R>(fn: (d: DeploymentRec) => R): R[] {
    const out: R[] = [];
    for (const d of this) out.push(fn(d));
    return out;
  }

  /** Deployments are immutable: a row is a plain object copied out of the columns. */
  private row(i: number): DeploymentRec {
    return {
      n: i + 1,
      spaceN: this.spaceN[i] ?? 0,
      projectN: this.projectN[i] ?? 0,
      releaseN: this.releaseN[i] ?? 0,
      channelN: this.channelN[i] ?? 0,
      envN: this.envN[i] ?? 0,
      tenantN: this.tenantN[i] ?? 0,
      taskN: this.taskN[i] ?? 0,
      created: this.created[i] ?? 0,
      userN: this.userN[i] ?? 0,
      comments: this.comments[i] ?? "",
      useGuidedFailure: this.useGuidedFailure[i] === 1,
    };
  }
}

import {
  type CatalogEnvironment,
  type CatalogLifecycle,
  type CatalogProject,
  type CatalogProjectGroup,
  type CatalogSpace,
  type CatalogTenant,
  ENVIRONMENTS,
  LIFECYCLES,
  PROJECT_GROUPS,
  PROJECTS,
  SPACES,
  TAG_SETS,
  TENANTS,
} from "../seed/catalog.js";
import {
  type ChannelRec,
  type DeploymentRec,
  type InterruptionRec,
  type MachineRec,
  type ReleaseRec,
  type RunbookRec,
  type RunbookRunRec,
  type TaskRec,
  type UserRec,
} from "./model.js";
import { EventLog, type NewEvent } from "./event-log.js";
import { DeploymentTable, TaskTable } from "./record-tables.js";

/** Records are numbered 1, 2, 3… in list order, so `Prefix-N` is at index N-1 (no per-record index maps). */
function byN<T extends { n: number }>(list: readonly T[], n: number): T | undefined {
  const rec = Number.isInteger(n) && n >= 1 ? list[n - 1] : undefined;
  return rec && rec.n === n ? rec : undefined;
}

function num(id: string): number {
  return Number(id.slice(id.lastIndexOf("-") + 1));
}

/**
 * All Octopus data of one sandbox: the catalogue (fixed) plus seeded and API-created records.
 * Lists are kept in ID order (= creation order), so "newest first" is a reverse scan.
 */
export class OctopusStore {
  readonly spaces = SPACES;
  readonly projectGroups = PROJECT_GROUPS;
  readonly environments = ENVIRONMENTS;
  readonly lifecycles = LIFECYCLES;
  readonly tagSets = TAG_SETS;
  readonly tenants = TENANTS;
  readonly projects = PROJECTS;

  readonly users: UserRec[] = [];
  readonly channels: ChannelRec[] = [];
  readonly runbooks: RunbookRec[] = [];
  readonly machines: MachineRec[] = [];
  readonly releases: ReleaseRec[] = [];
  /** Deployments and server tasks, stored column-wise (see record-tables.ts). */
  readonly deployments = new DeploymentTable();
  readonly runbookRuns: RunbookRunRec[] = [];
  readonly tasks = new TaskTable();
  readonly interruptions: InterruptionRec[] = [];
  /** The audit log, stored compactly (see EventLog). */
  readonly events = new EventLog();

  /** Raw log sizes by task number, valid while the task's state and progress stay (logs/task-log.ts). */
  readonly logSizes = new Map<number, { state: string; progress: number; size: number }>();

  private readonly interruptionsByTask = new Map<number, InterruptionRec[]>();

  /** @param seed the PRNG seed the data was generated with (logs derive from it too). */
  constructor(
    readonly seed: number,
    readonly scale: number,
  ) {}

  space(n: number): CatalogSpace | undefined {
    return this.spaces.find((s) => num(s.id) === n);
  }
  defaultSpace(): CatalogSpace {
    const s = this.spaces.find((x) => x.isDefault) ?? this.spaces[0];
    if (!s) throw new Error("the catalogue has no spaces");
    return s;
  }
  project(n: number): CatalogProject | undefined {
    return this.projects.find((p) => num(p.id) === n);
  }
  environment(n: number): CatalogEnvironment | undefined {
    return this.environments.find((e) => num(e.id) === n);
  }
  tenant(n: number): CatalogTenant | undefined {
    return this.tenants.find((t) => num(t.id) === n);
  }
  lifecycle(n: number): CatalogLifecycle | undefined {
    return this.lifecycles.find((l) => num(l.id) === n);
  }
  projectGroup(n: number): CatalogProjectGroup | undefined {
    return this.projectGroups.find((g) => num(g.id) === n);
  }
  user(n: number): UserRec | undefined {
    return this.users.find((u) => u.n === n);
  }
  channel(n: number): ChannelRec | undefined {
    return this.channels.find((c) => c.n === n);
  }
  runbook(n: number): RunbookRec | undefined {
    return this.runbooks.find((r) => r.n === n);
  }
  machine(n: number): MachineRec | undefined {
    return this.machines.find((m) => m.n === n);
  }
  release(n: number): ReleaseRec | undefined {
    return byN(this.releases, n);
  }
  deployment(n: number): DeploymentRec | undefined {
    return this.deployments.get(n);
  }
  runbookRun(n: number): RunbookRunRec | undefined {
    return byN(this.runbookRuns, n);
  }
  task(n: number): TaskRec | undefined {
    return this.tasks.get(n);
  }
  interruption(n: number): InterruptionRec | undefined {
    return byN(this.interruptions, n);
  }

  taskInterruptions(taskN: number): readonly InterruptionRec[] {
    return this.interruptionsByTask.get(taskN) ?? [];
  }

  nextN(list: readonly { n: number }[] | TaskTable | DeploymentTable): number {
    if (list instanceof TaskTable || list instanceof DeploymentTable) return list.nextN();
    return (list[list.length - 1]?.n ?? 0) + 1;
  }

  addRelease(r: ReleaseRec): void {
    this.releases.push(r);
  }
  /** Stores a deployment; returns its row (see record-tables.ts). */
  addDeployment(d: DeploymentRec): DeploymentRec {
    return this.deployments.push(d);
  }
  addRunbookRun(r: RunbookRunRec): void {
    this.runbookRuns.push(r);
  }
  /** Stores a task; returns its row, which later changes must go through (see record-tables.ts). */
  addTask(t: TaskRec): TaskRec {
    return this.tasks.push(t);
  }
  addInterruption(i: InterruptionRec): void {
    this.interruptions.push(i);
    const list = this.interruptionsByTask.get(i.taskN);
    if (list) list.push(i);
    else this.interruptionsByTask.set(i.taskN, [i]);
  }
  addEvent(e: NewEvent): ReturnType<EventLog["push"]> {
    return this.events.push(e);
  }

  /** "Deploy Checkout release 2.6.5 to Production for Acme Retail" / "Run Restart pods on Dev" (task Description). */
  taskDescription(t: TaskRec): string {
    const env = this.environment(t.envN)?.name ?? "";
    const tenant = t.tenantN ? ` for ${this.tenant(t.tenantN)?.name ?? ""}` : "";
    if (t.kind === "RunbookRun") {
      const run = this.runbookRun(t.refN);
      return `Run ${(run && this.runbook(run.runbookN)?.name) ?? "runbook"} on ${env}${tenant}`;
    }
    const d = this.deployment(t.refN);
    const version = (d && this.release(d.releaseN)?.version) ?? "";
    return `Deploy ${this.project(t.projectN)?.name ?? ""} release ${version} to ${env}${tenant}`;
  }

  /** Releases of a project, newest first. */
  projectReleases(projectN: number): ReleaseRec[] {
    return this.releases.filter((r) => r.projectN === projectN).reverse();
  }
}

export { num as idNum };

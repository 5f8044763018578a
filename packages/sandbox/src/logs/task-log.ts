import { type TaskRec } from "../octopus/model.js";
import { type OctopusStore } from "../octopus/store.js";
import { Prng } from "../prng.js";
import { type LogCategory, type ManualOutcome, stepLines } from "./lines.js";
import { type ActivityStatus, type StepPlan, type TaskPlan, planTask } from "./plan.js";

/** One log line with its time (ms since the epoch). */
export interface TimedLine {
  category: LogCategory;
  text: string;
  at: number;
}

/** A node of the ActivityLogs tree before rendering: task root, step, or target. */
export interface ActivityNode {
  id: string;
  name: string;
  status: ActivityStatus;
  started: number | null;
  ended: number | null;
  lines: () => Generator<TimedLine>;
  children: ActivityNode[];
}

function manualOutcomes(store: OctopusStore, task: TaskRec): Map<number, ManualOutcome> {
  const map = new Map<number, ManualOutcome>();
  for (const i of store.taskInterruptions(task.n)) {
    map.set(i.stepIndex, {
      interruptionId: `Interruptions-${i.n}`,
      pending: i.pending,
      result: i.result,
      by: store.user(i.responsibleUserN)?.displayName ?? "Sandbox Admin",
      notes: i.notes,
    });
  }
  return map;
}

function* timed(
  lines: Iterable<{ category: LogCategory; text: string }>,
  start: number,
  end: number | null,
  estimate: number,
): Generator<TimedLine> {
  const span = Math.max(0, (end ?? start + estimate * 500) - start);
  const gap = span / Math.max(1, estimate);
  let k = 0;
  for (const l of lines) {
    yield { category: l.category, text: l.text, at: Math.round(Math.min(start + k * gap, start + span)) };
    k++;
  }
}

function rootStatus(task: TaskRec): ActivityStatus {
  switch (task.state) {
    case "Success":
      return "Success";
    case "Failed":
      return "Failed";
    case "Canceled":
    case "TimedOut":
      return "Canceled";
    case "Queued":
      return "Pending";
    default:
      return "Running";
  }
}

function rootLines(plan: TaskPlan): { category: LogCategory; text: string }[] {
  const t = plan.task;
  const out: { category: LogCategory; text: string }[] = [];
  if (t.state === "TimedOut") {
    out.push({
      category: "Error",
      text: "The task was not started before its queue time expired (QueueTimeExpiry).",
    });
    return out;
  }
  if (t.started === null) return out;
  const what =
    t.kind === "Deploy"
      ? `Deploying ${plan.project.name} release ${plan.version}`
      : `Running runbook ${plan.runbookName ?? ""}`;
  out.push({
    category: "Info",
    text: `${what} to ${plan.environment.name}${plan.tenant ? ` for ${plan.tenant.name}` : ""}`,
  });
  if (t.state === "Failed") {
    out.push({
      category: "Fatal",
      text: `The deployment failed because one or more steps failed. Please see the output log for details.`,
    });
  } else if (t.state === "Canceled") {
    out.push({ category: "Warning", text: "The task was canceled." });
  }
  return out;
}

/** Builds the activity tree of a task; log lines are generated only when a node's `lines()` is iterated. */
export function activityTree(store: OctopusStore, task: TaskRec): ActivityNode | undefined {
  const plan = planTask(store, task);
  if (!plan) return undefined;
  const token = Prng.derive(store.seed, task.n, 5).hex(10).toUpperCase();
  const base = `ServerTasks-${task.n}_${token}`;
  const outcomes = manualOutcomes(store, task);
  const steps = plan.steps.map((step: StepPlan, i): ActivityNode => {
    const estimate = 8 + step.bigLogBytes / 110;
    const targets = step.targets.map((target, j): ActivityNode => ({
      id: `${base}/${i + 1}/${j + 1}`,
      name: target,
      status: step.status,
      started: step.started,
      ended: step.ended,
      lines: () =>
        timed(
          step.started === null ? [] : stepLines(plan, step, target, outcomes.get(i)),
          step.started ?? 0,
          step.ended,
          estimate,
        ),
      children: [],
    }));
    return {
      id: `${base}/${i + 1}`,
      name: `Step ${i + 1}: ${step.name}`,
      status: step.status,
      started: step.started,
      ended: step.ended,
      lines: () => timed([], 0, 0, 1),
      children: targets,
    };
  });
  return {
    id: `ServerTasks-${task.n}`,
    name: store.taskDescription(task),
    status: rootStatus(task),
    started: task.started,
    ended: task.completed,
    lines: () => timed(rootLines(plan), task.started ?? task.queued, task.completed, 2),
    children: steps,
  };
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "Friday, 27 November 2026 2:03:04 PM +00:00" (UTC). */
export function longDate(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? "AM" : "PM"} +00:00`;
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** Human duration as Octopus shows it: "32 seconds", "4 minutes", "1 hour". */
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} second${s === 1 ? "" : "s"}`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? "" : "s"}`;
  const h = Math.round(m / 60);
  return `${h} hour${h === 1 ? "" : "s"}`;
}

function* rawNode(node: ActivityNode, depth: number): Generator<string> {
  const indent = "  ".repeat(depth);
  yield `                    | ${indent}== ${node.status}: ${node.name} ==\n`;
  for (const l of node.lines()) {
    yield `${clock(l.at)}   ${l.category.padEnd(8)} | ${indent}  ${l.text}\n`;
  }
  for (const c of node.children) {
    yield `                    | ${indent}\n`;
    yield* rawNode(c, depth + 1);
  }
}

/**
 * The raw task log (`GET …/tasks/{id}/raw`), as chunks of text. Line format follows octopus-api.md §10.8:
 * `HH:MM:SS   <Level>    | <message>`; header block and section lines as in Octopus's own raw logs.
 */
export function* rawLog(store: OctopusStore, task: TaskRec): Generator<string> {
  const tree = activityTree(store, task);
  const related = [`ServerTasks-${task.n}`];
  if (task.kind === "Deploy") {
    const d = store.deployment(task.refN);
    if (d) related.push(`Deployments-${d.n}`, `Releases-${d.releaseN}`, `Channels-${d.channelN}`);
  } else related.push(`RunbookRuns-${task.refN}`);
  related.push(`Projects-${task.projectN}`, `Environments-${task.envN}`, `Spaces-${task.spaceN}`);
  if (task.tenantN) related.push(`Tenants-${task.tenantN}`);
  yield `Task ID:        ServerTasks-${task.n}\n`;
  yield `Related IDs:    ${related.join(", ")}\n`;
  yield `Task status:    ${task.state}\n`;
  yield `Task queued:    ${longDate(task.queued)}\n`;
  if (task.started !== null) yield `Task started:   ${longDate(task.started)}\n`;
  if (task.completed !== null) yield `Task completed: ${longDate(task.completed)}\n`;
  if (task.started !== null)
    yield `Task duration:  ${humanDuration((task.completed ?? Date.now()) - task.started)}\n`;
  yield `Server version: 2026.2.4000\n`;
  yield `Server node:    octopus-sandbox-0\n\n`;
  if (tree) yield* rawNode(tree, 0);
}

/** Byte length of the raw log (PhysicalLogSize); computed by streaming once and cached per task state. */
export function rawLogSize(store: OctopusStore, task: TaskRec): number {
  const cached = store.logSizes.get(task.n);
  if (cached && cached.state === task.state && cached.progress === task.progress) return cached.size;
  let size = 0;
  for (const chunk of rawLog(store, task)) size += Buffer.byteLength(chunk);
  store.logSizes.set(task.n, { state: task.state, progress: task.progress, size });
  return size;
}

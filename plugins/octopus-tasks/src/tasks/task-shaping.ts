/**
 * Compact, agent-facing shapes of server tasks and interruptions (never raw API JSON).
 * Field sources: octopus-api.md §10.6 (ServerTask), §10.7 (details), §10.11 (Interruption).
 */
import {
  clip,
  formatDuration,
  secondsBetween,
  summarizeActivityTree,
  type ActivitySummary,
} from "../activity/activity-summary.js";
import type {
  InterruptionResource,
  ServerTaskDetailsResource,
  ServerTaskResource,
} from "@octopus-mcp/octopus-api";

/** One line of a task list. */
export interface TaskListItem {
  readonly id: string;
  readonly type: string;
  readonly description?: string;
  readonly state: string;
  readonly queued?: string;
  readonly started?: string;
  readonly completed?: string;
  readonly duration?: string;
  readonly error?: string;
  readonly pendingInterruptions?: readonly string[];
  readonly projectId?: string;
}

/** A pending interruption as shown inside a task. */
export interface InterruptionBrief {
  readonly id: string;
  readonly type?: string;
  readonly title?: string;
}

/** "get task" output. */
export interface TaskReport extends TaskListItem {
  readonly spaceId?: string;
  readonly related?: Readonly<Record<string, string>>;
  readonly canRerun?: boolean;
  readonly progressPercent?: number;
  readonly interruptions?: readonly InterruptionBrief[];
  readonly activity?: ActivitySummary;
  readonly logSizeBytes?: number;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === "" ? undefined : value;
}

/** Duration of a task: `CompletedTime - StartTime`, else `now - StartTime` with a `+`, else Octopus's text. */
export function taskDuration(task: ServerTaskResource, now = Date.now()): string | undefined {
  const seconds = secondsBetween(task.StartTime, task.CompletedTime);
  if (seconds !== undefined) return formatDuration(seconds);
  if (task.StartTime && !task.CompletedTime) {
    const started = Date.parse(task.StartTime);
    if (Number.isFinite(started)) return `${formatDuration((now - started) / 1000)}+`;
  }
  return nonEmpty(task.Duration);
}

/** The IDs a task is about, from its `Arguments` (e.g. `DeploymentId`, `RunbookRunId`). */
export function relatedIds(task: ServerTaskResource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(task.Arguments ?? {})) {
    if (typeof value === "string" && /Id$/.test(key) && /^[A-Za-z]+-\d+$/.test(value)) {
      out[key.charAt(0).toLowerCase() + key.slice(1)] = value;
    }
  }
  return out;
}

/** A task as a list item. */
export function shapeTaskListItem(task: ServerTaskResource, now = Date.now()): TaskListItem {
  const description = nonEmpty(task.Description);
  const duration = taskDuration(task, now);
  const error = nonEmpty(task.ErrorMessage);
  const pending = task.PendingInterruptionTypes ?? [];
  return {
    id: task.Id,
    type: task.Name,
    ...(description ? { description: clip(description, 160) } : {}),
    state: task.State,
    ...(task.QueueTime ? { queued: task.QueueTime } : {}),
    ...(task.StartTime ? { started: task.StartTime } : {}),
    ...(task.CompletedTime ? { completed: task.CompletedTime } : {}),
    ...(duration ? { duration } : {}),
    ...(error ? { error: clip(error, 300) } : {}),
    ...(pending.length > 0 ? { pendingInterruptions: pending } : {}),
    ...(task.ProjectId ? { projectId: task.ProjectId } : {}),
  };
}

/** Budget for the whole "get task" report JSON, in characters (issue 5 token budget: under 2,500). */
export const TASK_REPORT_MAX_CHARS = 2_400;

export interface TaskReportOptions {
  /** JSON budget for the whole report, in characters. Default {@link TASK_REPORT_MAX_CHARS}. */
  readonly maxChars?: number;
  readonly now?: number;
}

/** The "get task" report: the task, its related IDs, pending interruptions and an activity summary. */
export function buildTaskReport(
  details: ServerTaskDetailsResource,
  interruptions: readonly InterruptionResource[],
  options: TaskReportOptions = {},
): TaskReport {
  const now = options.now ?? Date.now();
  const task = details.Task;
  const related = relatedIds(task);
  const pending = interruptions
    .filter((i) => i.IsPending !== false)
    .map((i) => ({
      id: i.Id,
      ...(i.Type ? { type: i.Type } : {}),
      ...(i.Title ? { title: clip(i.Title, 100) } : {}),
    }));
  const progress = details.Progress?.ProgressPercentage;
  const hasActivity = (details.ActivityLogs?.length ?? 0) > 0;
  const base: TaskReport = {
    ...shapeTaskListItem(task, now),
    ...(task.SpaceId ? { spaceId: task.SpaceId } : {}),
    ...(Object.keys(related).length > 0 ? { related } : {}),
    ...(task.CanRerun !== undefined ? { canRerun: task.CanRerun } : {}),
    ...(progress !== undefined && !task.IsCompleted ? { progressPercent: progress } : {}),
    ...(pending.length > 0 ? { interruptions: pending } : {}),
    ...(details.PhysicalLogSize !== undefined ? { logSizeBytes: details.PhysicalLogSize } : {}),
  };
  if (!hasActivity) return base;
  // The activity summary gets whatever the rest of the report leaves of the budget.
  const budget = (options.maxChars ?? TASK_REPORT_MAX_CHARS) - JSON.stringify(base).length - 12;
  return {
    ...base,
    activity: summarizeActivityTree(details.ActivityLogs, { maxChars: Math.max(300, budget), now }),
  };
}

/** A form element an agent can act on. */
export interface InterruptionFormField {
  readonly name: string;
  readonly type?: string;
  readonly label?: string;
  readonly required?: boolean;
  /** Allowed values for button groups and selects. */
  readonly allowed?: readonly string[];
}

/** An interruption with its form, ready to be submitted. */
export interface InterruptionView {
  readonly id: string;
  readonly type?: string;
  readonly title?: string;
  readonly taskId?: string;
  readonly created?: string;
  readonly pending: boolean;
  readonly canTakeResponsibility?: boolean;
  readonly hasResponsibility?: boolean;
  readonly responsibleUserId?: string;
  readonly related?: readonly string[];
  readonly instructions?: string;
  readonly form?: readonly InterruptionFormField[];
}

/** Allowed values of each form element that offers a fixed choice (buttons or options), by element name. */
export function allowedFormValues(interruption: InterruptionResource): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const element of interruption.Form?.Elements ?? []) {
    const control = element.Control;
    const values = [
      ...(control?.Buttons ?? []).map((b) => b.Value),
      ...(control?.Options ?? []).map((o) => o.Value),
    ];
    if (values.length > 0) out.set(element.Name, values);
  }
  return out;
}

/** An interruption as agents see it. `withForm` adds instructions and fields. */
export function shapeInterruption(interruption: InterruptionResource, withForm: boolean): InterruptionView {
  const allowed = allowedFormValues(interruption);
  const instructionsValue = interruption.Form?.Values?.["Instructions"];
  const paragraph = interruption.Form?.Elements?.find((e) => e.Control?.Type === "Paragraph")?.Control?.Text;
  const instructions =
    typeof instructionsValue === "string" && instructionsValue ? instructionsValue : paragraph;
  const form = (interruption.Form?.Elements ?? [])
    .filter((e) => e.Control?.Type !== "Paragraph")
    .map((e) => ({
      name: e.Name,
      ...(e.Control?.Type ? { type: e.Control.Type } : {}),
      ...(e.Control?.Label ? { label: e.Control.Label } : {}),
      ...(e.IsValueRequired ? { required: true } : {}),
      ...(allowed.has(e.Name) ? { allowed: allowed.get(e.Name) as string[] } : {}),
    }));
  return {
    id: interruption.Id,
    ...(interruption.Type ? { type: interruption.Type } : {}),
    ...(interruption.Title ? { title: clip(interruption.Title, 160) } : {}),
    ...(interruption.TaskId ? { taskId: interruption.TaskId } : {}),
    ...(interruption.Created ? { created: interruption.Created } : {}),
    pending: interruption.IsPending ?? false,
    ...(interruption.CanTakeResponsibility !== undefined
      ? { canTakeResponsibility: interruption.CanTakeResponsibility }
      : {}),
    ...(interruption.HasResponsibility !== undefined
      ? { hasResponsibility: interruption.HasResponsibility }
      : {}),
    ...(interruption.ResponsibleUserId ? { responsibleUserId: interruption.ResponsibleUserId } : {}),
    ...(interruption.RelatedDocumentIds?.length ? { related: interruption.RelatedDocumentIds } : {}),
    ...(withForm && instructions ? { instructions: clip(instructions, 1_000) } : {}),
    ...(withForm && form.length > 0 ? { form } : {}),
  };
}

/**
 * A compact summary of a task's activity tree (`/details` → `ActivityLogs`, octopus-api.md §10.7),
 * sized for an agent's context window.
 *
 * Shape: one line per step (`#3 Deploy Checkout: Failed 1m02s`), plus, for each failed step, the path
 * down to its failing child and that child's last log lines. The summary is built at increasing
 * levels of compression until its JSON fits `maxChars`: first runs of not-run steps are collapsed,
 * then runs of any same-status steps, then log lines get fewer and shorter.
 */
import type { ActivityElement, ActivityLogElement } from "@octopus-mcp/octopus-api";

/** A failed step expanded down to its failing child. */
export interface FailedStepSummary {
  /** The step's name. */
  readonly step: string;
  /** Names from the step (exclusive) down to the deepest failed activity, e.g. `["web-01", "Run script"]`. */
  readonly path: readonly string[];
  /** The last log lines of the failing activity's subtree, `Category: message`, oldest first. */
  readonly lastLog: readonly string[];
  /** Other failed children of the step that are not expanded. */
  readonly otherFailedChildren?: number;
}

export interface ActivitySummary {
  /** Step lines in order, runs possibly collapsed (`#4-#30 Success ×27, 3m10s`). */
  readonly steps: readonly string[];
  /** Count of steps per status. */
  readonly counts: Readonly<Record<string, number>>;
  readonly failed: readonly FailedStepSummary[];
}

export interface ActivitySummaryOptions {
  /** Budget for `JSON.stringify(summary).length`, in characters. Default 1,800. */
  readonly maxChars?: number;
  /** For running activities without `Ended` (ms since epoch). Default `Date.now()`. */
  readonly now?: number;
}

interface Level {
  readonly collapse: "none" | "notRun" | "all";
  readonly nameLength: number;
  readonly logLines: number;
  readonly logLineLength: number;
  readonly maxFailedExpanded: number;
}

const LEVELS: readonly Level[] = [
  { collapse: "none", nameLength: 60, logLines: 5, logLineLength: 200, maxFailedExpanded: 3 },
  { collapse: "notRun", nameLength: 40, logLines: 5, logLineLength: 160, maxFailedExpanded: 3 },
  { collapse: "notRun", nameLength: 24, logLines: 4, logLineLength: 140, maxFailedExpanded: 2 },
  { collapse: "all", nameLength: 40, logLines: 4, logLineLength: 160, maxFailedExpanded: 2 },
  { collapse: "all", nameLength: 30, logLines: 3, logLineLength: 120, maxFailedExpanded: 1 },
  { collapse: "all", nameLength: 24, logLines: 2, logLineLength: 90, maxFailedExpanded: 1 },
];

const NOT_RUN = new Set(["Pending", "Skipped", "Canceled"]);
const FAILED = "Failed";

/** `95` → `1m35s`; `3725` → `1h02m`; sub-second → `0s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** Seconds between two ISO dates, or `undefined` when a date is missing or invalid. */
export function secondsBetween(
  start: string | null | undefined,
  end: string | null | undefined,
): number | undefined {
  if (!start || !end) return undefined;
  const a = Date.parse(start);
  const b = Date.parse(end);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.max(0, (b - a) / 1000) : undefined;
}

/** The step-level activities: the children of a single root (the task), else the roots themselves. */
export function stepsOf(activityLogs: readonly ActivityElement[] | undefined): readonly ActivityElement[] {
  if (!activityLogs || activityLogs.length === 0) return [];
  if (activityLogs.length === 1) return activityLogs[0]?.Children ?? [];
  return activityLogs;
}

/** Shortens `text` to `max` characters (adds `…`), after collapsing whitespace. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, Math.max(1, max - 1))}…` : flat;
}

function statusOf(activity: ActivityElement): string {
  return activity.Status ?? "Pending";
}

function durationSeconds(
  activity: ActivityElement,
  now: number,
): { seconds: number; running: boolean } | undefined {
  if (!activity.Started) return undefined;
  if (activity.Ended) {
    const s = secondsBetween(activity.Started, activity.Ended);
    return s === undefined ? undefined : { seconds: s, running: false };
  }
  const started = Date.parse(activity.Started);
  return Number.isFinite(started)
    ? { seconds: Math.max(0, (now - started) / 1000), running: true }
    : undefined;
}

/**
 * Follows failed children down to the deepest failed activity.
 * @returns the path (names below `step`), the deepest failed node, and how many sibling failures were skipped.
 */
export function findFailingLeaf(step: ActivityElement): {
  path: string[];
  leaf: ActivityElement;
  otherFailed: number;
} {
  const path: string[] = [];
  let node = step;
  let otherFailed = 0;
  for (;;) {
    const failedChildren = (node.Children ?? []).filter((c) => statusOf(c) === FAILED);
    const next = failedChildren[0];
    if (!next) break;
    if (node === step) otherFailed = failedChildren.length - 1;
    path.push(next.Name ?? next.Id ?? "?");
    node = next;
  }
  return { path, leaf: node, otherFailed };
}

/** Log elements of `activity` and its descendants, depth-first in document order. */
export function* logElementsOf(activity: ActivityElement): Generator<ActivityLogElement> {
  for (const element of activity.LogElements ?? []) yield element;
  for (const child of activity.Children ?? []) yield* logElementsOf(child);
}

function lastLogLines(activity: ActivityElement, count: number, length: number): string[] {
  // Keep only the last `count` (bounded even for huge subtrees).
  const ring: ActivityLogElement[] = [];
  for (const element of logElementsOf(activity)) {
    if (!element.MessageText) continue;
    ring.push(element);
    if (ring.length > count) ring.shift();
  }
  return ring.map((e) => clip(`${e.Category ?? "Info"}: ${e.MessageText ?? ""}`, length));
}

/** A step's display name without Octopus's `Step N: ` prefix (lines already start with `#N`), cut to `max`. */
export function stepName(step: ActivityElement, max: number): string {
  return clip((step.Name ?? step.Id ?? "?").replace(/^Step \d+:\s*/, ""), max);
}

function stepLine(index: number, step: ActivityElement, level: Level, now: number): string {
  const duration = durationSeconds(step, now);
  const time = duration ? ` ${formatDuration(duration.seconds)}${duration.running ? "+" : ""}` : "";
  // Failed steps keep a readable name whatever the compression level.
  const max = statusOf(step) === FAILED ? Math.max(level.nameLength, 60) : level.nameLength;
  return `#${index + 1} ${stepName(step, max)}: ${statusOf(step)}${time}`;
}

function runLine(first: number, last: number, status: string, totalSeconds: number | undefined): string {
  const time = totalSeconds !== undefined && totalSeconds > 0 ? `, ${formatDuration(totalSeconds)}` : "";
  return `#${first + 1}-#${last + 1} ${status} ×${last - first + 1}${time}`;
}

function buildAtLevel(steps: readonly ActivityElement[], level: Level, now: number): ActivitySummary {
  const lines: string[] = [];
  const counts: Record<string, number> = {};
  for (const step of steps) counts[statusOf(step)] = (counts[statusOf(step)] ?? 0) + 1;

  const collapsible = (status: string) =>
    status !== FAILED && (level.collapse === "all" || (level.collapse === "notRun" && NOT_RUN.has(status)));
  let i = 0;
  while (i < steps.length) {
    const status = statusOf(steps[i] as ActivityElement);
    let j = i;
    while (j + 1 < steps.length && statusOf(steps[j + 1] as ActivityElement) === status) j++;
    if (collapsible(status) && j - i + 1 >= 3) {
      let total = 0;
      let known = false;
      for (let k = i; k <= j; k++) {
        const d = durationSeconds(steps[k] as ActivityElement, now);
        if (d) {
          total += d.seconds;
          known = true;
        }
      }
      lines.push(runLine(i, j, status, known ? total : undefined));
    } else {
      for (let k = i; k <= j; k++) lines.push(stepLine(k, steps[k] as ActivityElement, level, now));
    }
    i = j + 1;
  }

  const failed: FailedStepSummary[] = [];
  for (const step of steps) {
    if (statusOf(step) !== FAILED || failed.length >= level.maxFailedExpanded) continue;
    const { path, leaf, otherFailed } = findFailingLeaf(step);
    failed.push({
      step: `#${steps.indexOf(step) + 1} ${stepName(step, 60)}`,
      path: path.map((p) => clip(p, 40)),
      lastLog: lastLogLines(leaf, level.logLines, level.logLineLength),
      ...(otherFailed > 0 ? { otherFailedChildren: otherFailed } : {}),
    });
  }
  return { steps: lines, counts, failed };
}

/**
 * Summarises an activity tree within `maxChars` (JSON length). Returns the least compressed level
 * that fits, or the most compressed one when none does.
 */
export function summarizeActivityTree(
  activityLogs: readonly ActivityElement[] | undefined,
  options: ActivitySummaryOptions = {},
): ActivitySummary {
  const maxChars = options.maxChars ?? 1_800;
  const now = options.now ?? Date.now();
  const steps = stepsOf(activityLogs);
  let summary: ActivitySummary = { steps: [], counts: {}, failed: [] };
  for (const level of LEVELS) {
    summary = buildAtLevel(steps, level, now);
    if (JSON.stringify(summary).length <= maxChars) return summary;
  }
  return summary;
}

/** A node of {@link compactActivityTree}. */
export interface CompactActivity {
  readonly name: string;
  readonly status: string;
  readonly duration?: string;
  /** Last log lines, only on failed activities without failed children. */
  readonly lastLog?: readonly string[];
  readonly children?: readonly CompactActivity[];
}

/**
 * The activity tree without log noise: names, statuses and durations down to `maxDepth` levels,
 * with the last `logLines` log lines on failed leaves. For the task-details resource.
 */
export function compactActivityTree(
  activityLogs: readonly ActivityElement[] | undefined,
  options: { readonly maxDepth?: number; readonly logLines?: number; readonly now?: number } = {},
): CompactActivity[] {
  const maxDepth = options.maxDepth ?? 4;
  const logLines = options.logLines ?? 5;
  const now = options.now ?? Date.now();
  const visit = (node: ActivityElement, depth: number): CompactActivity => {
    const duration = durationSeconds(node, now);
    const children = node.Children ?? [];
    const failedLeaf = statusOf(node) === FAILED && !children.some((c) => statusOf(c) === FAILED);
    return {
      name: clip(node.Name ?? node.Id ?? "?", 120),
      status: statusOf(node),
      ...(duration ? { duration: `${formatDuration(duration.seconds)}${duration.running ? "+" : ""}` } : {}),
      ...(failedLeaf ? { lastLog: lastLogLines(node, logLines, 300) } : {}),
      ...(children.length > 0 && depth < maxDepth
        ? { children: children.map((c) => visit(c, depth + 1)) }
        : {}),
    };
  };
  return (activityLogs ?? []).map((root) => visit(root, 1));
}

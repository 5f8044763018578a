/**
 * Compact, LLM-sized views of Octopus deployments, tasks and releases. One deployment summary
 * stays well under 1,500 characters (issue 4 token budget): no `Links`, no nulls, ISO UTC times,
 * durations in seconds, long texts cut.
 */
import {
  compact,
  durationSeconds,
  isoTime,
  truncateText,
  type ActivityElement,
  type DeploymentResource,
  type ReleaseResource,
  type ServerTaskResource,
} from "@octopus-mcp/octopus-api";

/** Names for the IDs a deployment refers to (from batched lookups). */
export interface NameLookup {
  project(id: string): string | undefined;
  environment(id: string): string | undefined;
  octopusTenant(id: string | null | undefined): string | undefined;
  channel?(id: string | undefined): string | undefined;
}

/** The agent-facing state of a server task. */
export interface TaskStateSummary {
  readonly taskId: string;
  readonly state: string;
  readonly queued?: string;
  readonly started?: string;
  readonly completed?: string;
  readonly durationSeconds?: number;
  readonly error?: string;
  readonly pendingInterruptions?: readonly string[];
  readonly hasWarningsOrErrors?: boolean;
}

/** Task state, times, duration (seconds; running tasks: so far) and error. */
export function summarizeTask(task: ServerTaskResource): TaskStateSummary {
  return compact({
    taskId: task.Id,
    state: task.State,
    queued: isoTime(task.QueueTime),
    started: isoTime(task.StartTime),
    completed: isoTime(task.CompletedTime),
    durationSeconds: durationSeconds(task.StartTime, task.CompletedTime),
    error: truncateText(task.ErrorMessage, 300),
    pendingInterruptions: task.HasPendingInterruptions
      ? (task.PendingInterruptionTypes ?? ["Unknown"])
      : undefined,
    hasWarningsOrErrors: task.HasWarningsOrErrors === true && task.State === "Success" ? true : undefined,
  }) as TaskStateSummary;
}

/** The compact deployment summary used by list/get tools. */
export function summarizeDeployment(
  deployment: DeploymentResource,
  names: NameLookup,
  task: ServerTaskResource | undefined,
  release: ReleaseResource | undefined,
): Record<string, unknown> {
  const taskSummary = task ? summarizeTask(task) : undefined;
  return compact({
    id: deployment.Id,
    project: names.project(deployment.ProjectId) ?? deployment.ProjectId,
    projectId: deployment.ProjectId,
    release: release?.Version,
    releaseId: deployment.ReleaseId,
    environment: names.environment(deployment.EnvironmentId) ?? deployment.EnvironmentId,
    octopusTenant: names.octopusTenant(deployment.TenantId),
    channel: names.channel?.(deployment.ChannelId),
    created: isoTime(deployment.Created),
    deployedBy: deployment.DeployedBy,
    taskId: deployment.TaskId,
    state: taskSummary?.state,
    started: taskSummary?.started,
    completed: taskSummary?.completed,
    durationSeconds: taskSummary?.durationSeconds,
    error: taskSummary?.error,
    pendingInterruptions: taskSummary?.pendingInterruptions,
  });
}

/** Compact release view: version, assembled time, channel, packages, notes (cut to `notesMax`). */
export function summarizeRelease(
  release: ReleaseResource,
  channelName?: string,
  notesMax = 300,
): Record<string, unknown> {
  return compact({
    id: release.Id,
    version: release.Version,
    projectId: release.ProjectId,
    channel: channelName ?? release.ChannelId,
    assembled: isoTime(release.Assembled),
    packages: (release.SelectedPackages ?? []).map(
      (p) =>
        `${p.ActionName ?? p.StepName ?? "?"}${p.PackageReferenceName ? `/${p.PackageReferenceName}` : ""}@${p.Version}`,
    ),
    notes: truncateText(release.ReleaseNotes, notesMax),
  });
}

/**
 * The failing step of a task from its activity tree (`tasks/{id}/details`, reference §10.7): the
 * first top-level step whose status is Failed/Canceled, plus its deepest failed child and the last
 * error/fatal log lines (at most 3, each cut to 200 characters).
 */
export function findFailingStep(
  activities: readonly ActivityElement[] | undefined,
): { step: string; action?: string; messages?: string[] } | undefined {
  const failed = (a: ActivityElement) => a.Status === "Failed" || a.Status === "Canceled";
  const roots = activities ?? [];
  // Details list a task root whose children are the steps; accept either shape.
  const steps =
    roots.length === 1 && (roots[0]?.Children?.length ?? 0) > 0 ? (roots[0]?.Children ?? []) : roots;
  const step = steps.find(failed);
  if (!step) return undefined;
  let deepest: ActivityElement = step;
  for (;;) {
    const child: ActivityElement | undefined = deepest.Children?.find(failed);
    if (!child) break;
    deepest = child;
  }
  const messages: string[] = [];
  const collect = (a: ActivityElement) => {
    for (const log of a.LogElements ?? []) {
      if ((log.Category === "Error" || log.Category === "Fatal") && log.MessageText) {
        messages.push(truncateText(log.MessageText, 200) ?? "");
      }
    }
    for (const c of a.Children ?? []) collect(c);
  };
  collect(step);
  return compact({
    step: step.Name,
    action: deepest !== step ? deepest.Name : undefined,
    messages: messages.slice(-3),
  }) as { step: string; action?: string; messages?: string[] };
}

import { type ActivityNode, activityTree, humanDuration, rawLogSize } from "../../logs/task-log.js";
import { deploymentSteps } from "../../seed/processes.js";
import {
  type DeploymentRec,
  type InterruptionRec,
  type ReleaseRec,
  type RunbookRunRec,
  type TaskRec,
  isCompleted,
} from "../model.js";
import { type OctopusStore } from "../store.js";
import { isoDate } from "../http.js";
import { Prng } from "../../prng.js";

/** Renderers of releases, deployments, runbook runs, server tasks, task details and interruptions. */

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
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The task's human `Completed` string (octopus-api.md §10.6): "Monday, March 20, 2017 9:00 PM". */
function completedText(t: TaskRec): string {
  if (t.state === "Queued") return "Queued...";
  if (t.state === "Executing") return "Executing...";
  if (t.state === "Cancelling") return "Cancelling...";
  if (t.state === "TimedOut") return "Timed out";
  if (t.completed === null) return "";
  const d = new Date(t.completed);
  const h = d.getUTCHours();
  return `${DAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
}

function modified(ms: number) {
  return { LastModifiedOn: isoDate(ms), LastModifiedBy: "sandbox.admin" };
}

export function renderRelease(store: OctopusStore, r: ReleaseRec) {
  const spaceId = `Spaces-${r.spaceN}`;
  const p = store.project(r.projectN);
  const steps = p ? deploymentSteps(p) : [];
  const packageStep = steps.find(
    (s) => s.kind === "helm" || s.kind === "argo-update" || s.kind === "package",
  );
  const images = p?.images.length ? p.images : ["ERP.Sync"];
  const rng = Prng.derive(store.seed, r.n, 31);
  return {
    Id: `Releases-${r.n}`,
    SpaceId: spaceId,
    ProjectId: `Projects-${r.projectN}`,
    ChannelId: `Channels-${r.channelN}`,
    Version: r.version,
    ReleaseNotes: r.notes,
    Assembled: isoDate(r.assembled),
    IgnoreChannelRules: false,
    ProjectDeploymentProcessSnapshotId: `deploymentprocess-Projects-${r.projectN}-s-${r.n}`,
    ProjectVariableSetSnapshotId: `variableset-Projects-${r.projectN}-s-${r.n}`,
    LibraryVariableSetSnapshotIds: [`variableset-LibraryVariableSets-1-s-${r.n}`],
    SelectedPackages: images.map((image) => ({
      ActionName: packageStep?.name ?? "Deploy",
      StepName: packageStep?.name ?? "Deploy",
      PackageReferenceName: image,
      Version: r.version,
    })),
    SelectedGitResources: [],
    BuildInformation: images.map((image) => ({
      PackageId: image,
      Version: r.version,
      BuildNumber: String(rng.int(1000, 9999)),
      BuildUrl: `https://github.com/octo-shop/${p?.slug ?? "app"}/actions/runs/${rng.int(1e9, 9e9)}`,
      Branch: "main",
      BuildEnvironment: "GitHub Actions",
      VcsType: "Git",
      VcsRoot: `https://github.com/octo-shop/${p?.slug ?? "app"}`,
      VcsCommitNumber: rng.hex(40),
      VcsCommitUrl: `https://github.com/octo-shop/${p?.slug ?? "app"}/commit/${rng.hex(40)}`,
      IssueTrackerName: null,
      Commits: [{ Id: rng.hex(40), LinkUrl: null, Comment: r.notes.replace(/^- /, "") }],
      WorkItems: [],
    })),
    CustomFields: {},
    VersionControlReference: null,
    VariableSnapshotConcurrencyToken: `token-${r.n}`,
    ...modified(r.assembled),
    Links: {
      Self: `/api/${spaceId}/releases/Releases-${r.n}`,
      Project: `/api/${spaceId}/projects/Projects-${r.projectN}`,
      Deployments: `/api/${spaceId}/releases/Releases-${r.n}/deployments{?skip,take}`,
      Web: `/app#/${spaceId}/releases/Releases-${r.n}`,
    },
  };
}

export function renderDeployment(store: OctopusStore, d: DeploymentRec) {
  const spaceId = `Spaces-${d.spaceN}`;
  const env = store.environment(d.envN);
  const rel = store.release(d.releaseN);
  const user = store.user(d.userN);
  const task = store.task(d.taskN);
  return {
    Id: `Deployments-${d.n}`,
    SpaceId: spaceId,
    ProjectId: `Projects-${d.projectN}`,
    ReleaseId: `Releases-${d.releaseN}`,
    ChannelId: `Channels-${d.channelN}`,
    EnvironmentId: `Environments-${d.envN}`,
    TenantId: d.tenantN ? `Tenants-${d.tenantN}` : null,
    TaskId: `ServerTasks-${d.taskN}`,
    DeploymentProcessId: `deploymentprocess-Projects-${d.projectN}-s-${d.releaseN}`,
    ManifestVariableSetId: `variableset-Deployments-${d.n}`,
    Name: `Deploy to ${env?.name ?? ""}`,
    Created: isoDate(d.created),
    QueueTime: null,
    QueueTimeExpiry: null,
    Comments: d.comments,
    FormValues: {},
    SkipActions: [],
    SpecificMachineIds: [],
    ExcludedMachineIds: [],
    SpecificTargetTagIds: [],
    ExcludedTargetTagIds: [],
    DeployedToMachineIds: [],
    ForcePackageDownload: false,
    ForcePackageRedeployment: false,
    UseGuidedFailure: d.useGuidedFailure,
    DebugMode: false,
    FailTargetDiscovery: false,
    FailureEncountered: task?.state === "Failed",
    Priority: "Off",
    Changes: rel
      ? [{ Version: rel.version, ReleaseNotes: rel.notes, BuildInformation: [], WorkItems: [], Commits: [] }]
      : [],
    ChangesMarkdown: rel ? `## ${rel.version}\n\n${rel.notes}` : "",
    TentacleRetentionPeriod: {
      QuantityToKeep: 3,
      ShouldKeepForever: false,
      Unit: "Items",
      Strategy: "Count",
    },
    DeployedBy: user?.username ?? "sandbox.admin",
    DeployedById: `Users-${d.userN}`,
    ...modified(d.created),
    Links: {
      Self: `/api/${spaceId}/deployments/Deployments-${d.n}`,
      Release: `/api/${spaceId}/releases/Releases-${d.releaseN}`,
      Environment: `/api/${spaceId}/environments/Environments-${d.envN}`,
      Project: `/api/${spaceId}/projects/Projects-${d.projectN}`,
      Task: `/api/tasks/ServerTasks-${d.taskN}`,
      Web: `/app#/${spaceId}/deployments/Deployments-${d.n}`,
    },
  };
}

export function renderRunbookRun(store: OctopusStore, r: RunbookRunRec) {
  const spaceId = `Spaces-${r.spaceN}`;
  const env = store.environment(r.envN);
  const rb = store.runbook(r.runbookN);
  const task = store.task(r.taskN);
  return {
    Id: `RunbookRuns-${r.n}`,
    SpaceId: spaceId,
    ProjectId: `Projects-${r.projectN}`,
    RunbookId: `Runbooks-${r.runbookN}`,
    RunbookSnapshotId: `RunbookSnapshots-${r.runbookN}`,
    FrozenRunbookProcessId: `RunbookProcess-Runbooks-${r.runbookN}-s-1`,
    EnvironmentId: `Environments-${r.envN}`,
    TenantId: r.tenantN ? `Tenants-${r.tenantN}` : null,
    TaskId: `ServerTasks-${r.taskN}`,
    ManifestVariableSetId: `variableset-RunbookRuns-${r.n}`,
    Name: `Run ${rb?.name ?? "runbook"} on ${env?.name ?? ""}`,
    Created: isoDate(r.created),
    QueueTime: null,
    QueueTimeExpiry: null,
    Comments: "",
    FormValues: {},
    SkipActions: [],
    SpecificMachineIds: [],
    ExcludedMachineIds: [],
    DeployedToMachineIds: [],
    ForcePackageDownload: false,
    UseGuidedFailure: false,
    FailureEncountered: task?.state === "Failed",
    TentacleRetentionPeriod: {
      QuantityToKeep: 3,
      ShouldKeepForever: false,
      Unit: "Items",
      Strategy: "Count",
    },
    DeployedBy: store.user(r.userN)?.username ?? "sandbox.admin",
    DeployedById: `Users-${r.userN}`,
    ...modified(r.created),
    Links: {
      Self: `/api/${spaceId}/runbookRuns/RunbookRuns-${r.n}`,
      Task: `/api/tasks/ServerTasks-${r.taskN}`,
    },
  };
}

export function renderTask(store: OctopusStore, t: TaskRec) {
  const spaceId = `Spaces-${t.spaceN}`;
  const pending = t.pendingInterruptionN ? store.interruption(t.pendingInterruptionN) : undefined;
  const pendingTypes = pending?.pending ? [pending.type] : [];
  const end = t.completed ?? (t.started !== null ? Date.now() : null);
  const id = `ServerTasks-${t.n}`;
  return {
    Id: id,
    SpaceId: spaceId,
    ProjectId: `Projects-${t.projectN}`,
    Name: t.kind,
    Description: store.taskDescription(t),
    Arguments:
      t.kind === "Deploy"
        ? { DeploymentId: `Deployments-${t.refN}` }
        : { RunbookRunId: `RunbookRuns-${t.refN}` },
    State: t.state,
    Completed: completedText(t),
    QueueTime: isoDate(t.queued),
    QueueTimeExpiry: null,
    StartTime: isoDate(t.started),
    LastUpdatedTime: isoDate(t.completed ?? t.started ?? t.queued),
    CompletedTime: isoDate(t.completed),
    ServerNode: t.started === null ? null : "octopus-sandbox-0",
    Duration: t.started !== null && end !== null ? humanDuration(end - t.started) : "",
    ErrorMessage: t.errorMessage,
    HasBeenPickedUpByProcessor: t.started !== null,
    IsCompleted: isCompleted(t.state),
    FinishedSuccessfully: t.state === "Success",
    HasPendingInterruptions: pendingTypes.length > 0,
    PendingInterruptionTypes: pendingTypes,
    HasPendingPreconditions: false,
    PendingPreconditionTypes: [],
    CanRerun: isCompleted(t.state),
    HasWarningsOrErrors: t.state === "Failed" || t.state === "TimedOut",
    EstimatedRemainingQueueDurationSeconds: 0,
    ...modified(t.completed ?? t.started ?? t.queued),
    Links: {
      Self: `/api/tasks/${id}`,
      Web: `/app#/${spaceId}/tasks/${id}`,
      Raw: `/api/tasks/${id}/raw`,
      Rerun: `/api/tasks/rerun/${id}`,
      Cancel: `/api/tasks/${id}/cancel`,
      QueuedBehind: `/api/tasks/${id}/queued-behind{?skip,take}`,
      Details: `/api/tasks/${id}/details{?verbose,tail}`,
      Artifacts: `/api/${spaceId}/artifacts?regarding=${id}`,
      Interruptions: `/api/${spaceId}/interruptions?regarding=${id}`,
    },
  };
}

interface DetailOptions {
  verbose: boolean;
  tail: number | undefined;
}

function renderActivity(node: ActivityNode, opts: DetailOptions): unknown {
  let elements: { Category: string; OccurredAt: string | null; MessageText: string; Detail: null }[] = [];
  for (const l of node.lines()) {
    if (!opts.verbose && l.category === "Verbose") continue;
    elements.push({ Category: l.category, OccurredAt: isoDate(l.at), MessageText: l.text, Detail: null });
    if (opts.tail !== undefined && elements.length > opts.tail * 2) elements = elements.slice(-opts.tail);
  }
  if (opts.tail !== undefined) elements = elements.slice(-opts.tail);
  const done = node.status !== "Pending" && node.status !== "Running";
  return {
    Id: node.id,
    Name: node.name,
    Started: isoDate(node.started),
    Ended: isoDate(node.ended),
    Status: node.status,
    ShowAtSummaryLevel: true,
    ProgressPercentage: done ? 100 : 0,
    ProgressMessage: null,
    LogElements: elements,
    Children: node.children.map((c) => renderActivity(c, opts)),
  };
}

/** `GET …/tasks/{id}/details{?verbose,tail}` (octopus-api.md §10.7). Verbose lines only with `verbose=true`. */
export function renderTaskDetails(store: OctopusStore, t: TaskRec, opts: DetailOptions) {
  const tree = activityTree(store, t);
  const total = tree?.children.length ?? 0;
  const pct = isCompleted(t.state) ? 100 : total === 0 ? 0 : Math.round((t.progress / total) * 100);
  return {
    Id: `ServerTasks-${t.n}`,
    Task: renderTask(store, t),
    Progress: {
      ProgressPercentage: pct,
      EstimatedTimeRemaining: isCompleted(t.state) ? "" : `${Math.max(1, total - t.progress)} minutes`,
    },
    PhysicalLogSize: rawLogSize(store, t),
    ActivityLogs: tree ? [renderActivity(tree, opts)] : [],
    ...modified(t.completed ?? t.queued),
    Links: { Self: `/api/tasks/ServerTasks-${t.n}/details` },
  };
}

export function renderInterruption(store: OctopusStore, i: InterruptionRec) {
  const spaceId = `Spaces-${i.spaceN}`;
  const task = store.task(i.taskN);
  const related = [`ServerTasks-${i.taskN}`];
  if (task?.kind === "Deploy") related.unshift(`Deployments-${task.refN}`);
  if (task) related.push(`Projects-${task.projectN}`, `Environments-${task.envN}`);
  if (task?.tenantN) related.push(`Tenants-${task.tenantN}`);
  return {
    Id: `Interruptions-${i.n}`,
    SpaceId: spaceId,
    Title: i.title,
    Type: i.type,
    Created: isoDate(i.created),
    IsPending: i.pending,
    TaskId: `ServerTasks-${i.taskN}`,
    CorrelationId: i.correlationId,
    RelatedDocumentIds: related,
    ResponsibleTeamIds: ["teams-managers"],
    ResponsibleUserId: i.responsibleUserN ? `Users-${i.responsibleUserN}` : null,
    CanTakeResponsibility: i.pending,
    HasResponsibility: i.responsibleUserN === 1,
    IsLinkedToOtherInterruption: false,
    PullRequests: [],
    Form: {
      Values:
        i.type === "GuidedFailure"
          ? { Instructions: i.instructions, Notes: i.notes || null, Guidance: i.result }
          : { Instructions: i.instructions, Notes: i.notes || null, Result: i.result },
      Elements: [
        {
          Name: "Instructions",
          Control: { Type: "Paragraph", Text: i.instructions, ResolveLinks: false },
          IsValueRequired: false,
        },
        { Name: "Notes", Control: { Type: "TextArea", Label: "Notes" }, IsValueRequired: false },
        {
          Name: i.type === "GuidedFailure" ? "Guidance" : "Result",
          Control: {
            Type: "SubmitButtonGroup",
            Buttons:
              i.type === "GuidedFailure"
                ? [
                    { Text: "Fail", Value: "Fail", ButtonType: "Delete" },
                    { Text: "Retry", Value: "Retry", ButtonType: "Primary" },
                    { Text: "Ignore", Value: "Ignore", ButtonType: "Secondary" },
                    { Text: "Exclude machine", Value: "Exclude", ButtonType: "Secondary" },
                  ]
                : [
                    { Text: "Proceed", Value: "Proceed", ButtonType: "Primary" },
                    { Text: "Abort", Value: "Abort", ButtonType: "Delete" },
                  ],
          },
          IsValueRequired: false,
        },
      ],
    },
    ...modified(i.created),
    Links: {
      Self: `/api/${spaceId}/interruptions/Interruptions-${i.n}`,
      Submit: `/api/${spaceId}/interruptions/Interruptions-${i.n}/submit`,
      Responsible: `/api/${spaceId}/interruptions/Interruptions-${i.n}/responsible`,
    },
  };
}

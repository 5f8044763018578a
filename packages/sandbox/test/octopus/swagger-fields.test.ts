import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox } from "../../src/index.js";
import { type Json, call, start } from "./helpers.js";

// Field names of long-standing resources against the real Octopus 2020.5 Swagger document (octopus-api.md §15).
const swagger = JSON.parse(
  readFileSync(new URL("./fixtures/octopus-swagger-2020.5.json", import.meta.url), "utf8"),
) as {
  definitions: Record<string, { properties?: Record<string, unknown> }>;
};

function props(def: string): string[] {
  const d = swagger.definitions[def];
  if (!d?.properties) throw new Error(`swagger has no definition ${def}`);
  return Object.keys(d.properties).sort();
}

/**
 * Fields newer than 2020.5 that octopus-api.md documents (newer servers, 2022.3+ and 2025.x), so they may
 * appear although the 2020.5 document lacks them. Everything else must be a swagger field name.
 */
const NEWER: Record<string, string[]> = {
  SpaceResource: ["Slug", "IsPrivate", "Icon"],
  ProjectResource: [
    "PersistenceSettings",
    "ProjectTags",
    "ForcePackageDownload",
    "DefaultPowerShellEdition",
    "IsBadgesEnabled",
    "Icon",
    "CombineHealthAndSyncStatusInDashboardLiveStatus",
  ],
  EnvironmentResource: ["Slug", "EnvironmentTags"],
  LifecycleResource: ["Slug"],
  PhaseResource: ["IsPriorityPhase"],
  ChannelResource: ["Slug", "GitReferenceRules", "GitResourceRules"],
  TenantResource: ["Slug", "IsDisabled", "CustomFields", "Icon"],
  DeploymentTargetResource: ["Slug", "SkipInitialHealthCheck", "OperatingSystemVersion", "Architecture"],
  ReleaseResource: [
    "SelectedGitResources",
    "BuildInformation",
    "CustomFields",
    "VariableSnapshotConcurrencyToken",
  ],
  DeploymentResource: [
    "SpecificTargetTagIds",
    "ExcludedTargetTagIds",
    "DebugMode",
    "FailTargetDiscovery",
    "Priority",
  ],
  TaskResource: [
    "ProjectId",
    "PendingInterruptionTypes",
    "HasPendingPreconditions",
    "PendingPreconditionTypes",
    "StartTime",
    "CanRerun",
    "EstimatedRemainingQueueDurationSeconds",
  ],
  InterruptionResource: ["Type", "PullRequests"],
  RunbookResource: [
    "Slug",
    "ForcePackageDownload",
    "FailTargetDiscovery",
    "CancelQueuedTasks",
    "CancelRunningTasks",
    "RunbookTags",
  ],
  RunbookRunResource: [],
  RetentionPeriod: ["Strategy"],
  UserResource: ["Created"],
  EventResource: [],
  DashboardItemResource: ["PendingInterruptionTypes", "HasPendingPreconditions", "PendingPreconditionTypes"],
  DeploymentStepResource: ["Slug"],
  VariableSetResource: [],
  TagSetResource: [],
  TagResource: [],
  RootResource: [],
  ProjectGroupResource: [],
  TaskDetailsResource: [],
};
/** Swagger fields deliberately not served. */
const OMITTED: Record<string, string[]> = { UserResource: ["Password"], DeploymentTargetResource: [] };

let sb: Sandbox;
let resources: Record<string, Json>;
beforeAll(async () => {
  sb = await start();
  const get = async (path: string) => (await call(sb, "GET", path)).json;
  const first = async (path: string) => (await get(path)).Items[0];
  const dep = await first("/api/Spaces-1/deployments?take=1");
  const seededTask = sb.state.notable[0]?.taskId ?? "";
  resources = {
    RootResource: await get("/api"),
    SpaceResource: await get("/api/spaces/Spaces-1"),
    ProjectResource: await get("/api/Spaces-1/projects/Projects-1"),
    ProjectGroupResource: await first("/api/Spaces-1/projectgroups"),
    EnvironmentResource: await get("/api/Spaces-1/environments/Environments-1"),
    LifecycleResource: await get("/api/Spaces-1/lifecycles/Lifecycles-1"),
    ChannelResource: await first("/api/Spaces-1/channels"),
    TenantResource: await get("/api/Spaces-1/tenants/Tenants-1"),
    TagSetResource: await first("/api/Spaces-1/tagsets"),
    DeploymentTargetResource: await first("/api/Spaces-1/machines"),
    ReleaseResource: await first("/api/Spaces-1/releases?take=1"),
    DeploymentResource: dep,
    TaskResource: await get(`/api/tasks/${dep.TaskId}`),
    TaskDetailsResource: await get(`/api/tasks/${seededTask}/details`),
    InterruptionResource: await first("/api/Spaces-1/interruptions?take=1"),
    RunbookResource: await get("/api/Spaces-1/runbooks/Runbooks-1"),
    RunbookRunResource: await first("/api/Spaces-1/runbookRuns?take=1"),
    UserResource: await get("/api/users/me"),
    EventResource: await first("/api/Spaces-1/events?take=1"),
    DeploymentProcessResource: await get("/api/Spaces-1/deploymentprocesses/deploymentprocess-Projects-2"),
    VariableSetResource: await get("/api/Spaces-1/variables/variableset-Projects-2"),
    DashboardResource: await get("/api/Spaces-1/dashboard"),
  };
  resources.PhaseResource = resources.LifecycleResource.Phases[0];
  resources.RetentionPeriod = resources.LifecycleResource.ReleaseRetentionPolicy;
  resources.TagResource = resources.TagSetResource.Tags[0];
  resources.DeploymentStepResource = resources.DeploymentProcessResource.Steps[0];
  resources.DeploymentActionResource = resources.DeploymentStepResource.Actions[0];
  resources.VariableResource = resources.VariableSetResource.Variables[0];
  resources.DashboardItemResource = resources.DashboardResource.Items[0];
  resources.TaskProgress = resources.TaskDetailsResource.Progress;
  resources.ActivityLogElement =
    resources.TaskDetailsResource.ActivityLogs[0].Children[0].Children[0].LogElements[0];
});
afterAll(async () => {
  await sb?.stop();
});

const DEFINITIONS = [
  "RootResource",
  "SpaceResource",
  "ProjectResource",
  "ProjectGroupResource",
  "EnvironmentResource",
  "LifecycleResource",
  "PhaseResource",
  "RetentionPeriod",
  "ChannelResource",
  "TenantResource",
  "TagSetResource",
  "TagResource",
  "DeploymentTargetResource",
  "ReleaseResource",
  "DeploymentResource",
  "TaskResource",
  "TaskDetailsResource",
  "TaskProgress",
  "ActivityLogElement",
  "InterruptionResource",
  "RunbookResource",
  "RunbookRunResource",
  "UserResource",
  "EventResource",
  "DeploymentProcessResource",
  "DeploymentStepResource",
  "DeploymentActionResource",
  "VariableSetResource",
  "VariableResource",
  "DashboardResource",
  "DashboardItemResource",
];

describe("field names match the Octopus 2020.5 swagger", () => {
  it.each(DEFINITIONS)("%s has every swagger field and no unknown ones", (def) => {
    const doc = resources[def];
    expect(doc, `no sample for ${def}`).toBeDefined();
    const ours = Object.keys(doc).sort();
    const expected = props(def).filter((p) => !(OMITTED[def] ?? []).includes(p));
    expect(
      expected.filter((p) => !ours.includes(p)),
      `${def}: swagger fields missing from the sandbox`,
    ).toEqual([]);
    const allowed = new Set([...props(def), ...(NEWER[def] ?? [])]);
    // A few cross-cutting newer fields every resource may have.
    for (const common of ["Slug", "SpaceId", "Links"]) allowed.add(common);
    expect(
      ours.filter((k) => !allowed.has(k)),
      `${def}: fields the swagger does not know (add to NEWER with a source)`,
    ).toEqual([]);
  });
});

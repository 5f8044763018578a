/** A small in-memory Octopus behind FakeHttp, for handler-level unit tests. */
import { FakeHttp, collection } from "@octopus-mcp/octopus-api/testing";

type Q = { query: Record<string, unknown>; body?: unknown };

export const SERVER = "https://octo.example.com";

export function fakeOctopus(): FakeHttp & { taskStates: string[] } {
  const http = Object.assign(new FakeHttp(), { taskStates: [] as string[] });
  const environments = [
    { Id: "Environments-1", Name: "Dev", Slug: "dev", SortOrder: 1 },
    { Id: "Environments-2", Name: "Production", Slug: "production", SortOrder: 2 },
  ];
  const project = {
    Id: "Projects-1",
    Name: "Checkout",
    Slug: "checkout",
    VariableSetId: "variableset-Projects-1",
    DeploymentProcessId: "deploymentprocess-Projects-1",
    TenantedDeploymentMode: "Untenanted",
    PersistenceSettings: { Type: "Database" },
    Links: { Self: "/x" },
  };
  const releases = [
    {
      Id: "Releases-2",
      ProjectId: "Projects-1",
      ChannelId: "Channels-1",
      Version: "1.1.0",
      Assembled: "2026-01-02T10:00:00.000+00:00",
      ReleaseNotes: "Adds Apple Pay",
      ProjectVariableSetSnapshotId: "variableset-Projects-1-s-2",
      ProjectDeploymentProcessSnapshotId: "dp-s-1",
      SelectedPackages: [{ ActionName: "Deploy web", Version: "1.1.0" }],
    },
    {
      Id: "Releases-1",
      ProjectId: "Projects-1",
      ChannelId: "Channels-1",
      Version: "1.0.0",
      Assembled: "2026-01-01T10:00:00.000+00:00",
      ReleaseNotes: "First",
      ProjectVariableSetSnapshotId: "variableset-Projects-1-s-1",
      ProjectDeploymentProcessSnapshotId: "dp-s-1",
      SelectedPackages: [
        { ActionName: "Deploy web", Version: "1.0.0" },
        { ActionName: "Migrate", Version: "0.9.0" },
      ],
    },
  ];
  const deployments = [
    {
      Id: "Deployments-2",
      ProjectId: "Projects-1",
      ReleaseId: "Releases-2",
      EnvironmentId: "Environments-2",
      ChannelId: "Channels-1",
      TaskId: "ServerTasks-2",
      TenantId: null,
      Created: "2026-01-02T11:00:00.000+00:00",
      DeployedBy: "alice",
      Links: { Self: "/x" },
    },
    {
      Id: "Deployments-1",
      ProjectId: "Projects-1",
      ReleaseId: "Releases-1",
      EnvironmentId: "Environments-2",
      ChannelId: "Channels-1",
      TaskId: "ServerTasks-1",
      TenantId: null,
      Created: "2026-01-01T11:00:00.000+00:00",
      DeployedBy: "bob",
    },
  ];
  const tasks: Record<string, Record<string, unknown>> = {
    "ServerTasks-1": {
      Id: "ServerTasks-1",
      Name: "Deploy",
      State: "Success",
      StartTime: "2026-01-01T11:00:05.000+00:00",
      CompletedTime: "2026-01-01T11:01:05.000+00:00",
      ErrorMessage: "",
      Arguments: { DeploymentId: "Deployments-1" },
    },
    "ServerTasks-2": {
      Id: "ServerTasks-2",
      Name: "Deploy",
      State: "Failed",
      StartTime: "2026-01-02T11:00:00.000+00:00",
      CompletedTime: "2026-01-02T11:00:42.000+00:00",
      ErrorMessage: "The step failed: Deploy web",
      Arguments: { DeploymentId: "Deployments-2" },
    },
    "ServerTasks-9": { Id: "ServerTasks-9", Name: "Health", State: "Success", Arguments: {} },
  };
  const sp = (rest: string) => `/api/Spaces-1/${rest}`;
  http
    .on("GET", "/api/spaces", (r: Q) =>
      collection([{ Id: "Spaces-1", Name: "Default", Slug: "default", IsDefault: true }], r.query),
    )
    .on("GET", sp("environments"), (r: Q) => collection(environments, r.query))
    .on("GET", sp("environments/Environments-2"), environments[1])
    .on("GET", sp("projects"), (r: Q) => {
      const partial = typeof r.query.partialName === "string" ? r.query.partialName.toLowerCase() : "";
      const ids = typeof r.query.ids === "string" ? r.query.ids.split(",") : undefined;
      return collection(
        [project].filter((p) => p.Name.toLowerCase().includes(partial) && (!ids || ids.includes(p.Id))),
        r.query,
      );
    })
    .on("GET", sp("projects/Projects-1"), project)
    .on("GET", sp("projects/Projects-1/channels"), (r: Q) =>
      collection([{ Id: "Channels-1", Name: "Default", IsDefault: true }], r.query),
    )
    .on("GET", sp("channels/Channels-1"), { Id: "Channels-1", Name: "Default" })
    .on("GET", sp("projects/Projects-1/releases"), (r: Q) =>
      collection(
        releases.filter(
          (x) => !r.query.searchByVersion || x.Version.includes(String(r.query.searchByVersion)),
        ),
        r.query,
      ),
    )
    .on("GET", sp("releases"), (r: Q) =>
      collection(
        releases.filter((x) =>
          String(r.query.ids ?? "")
            .split(",")
            .includes(x.Id),
        ),
        r.query,
      ),
    )
    .on("GET", sp("releases/Releases-1"), releases[1])
    .on("GET", sp("releases/Releases-2"), releases[0])
    .on("GET", sp("deployments"), (r: Q) => {
      const ids = typeof r.query.ids === "string" ? r.query.ids.split(",") : undefined;
      const envs = typeof r.query.environments === "string" ? r.query.environments.split(",") : undefined;
      return collection(
        deployments.filter((d) => (!ids || ids.includes(d.Id)) && (!envs || envs.includes(d.EnvironmentId))),
        r.query,
      );
    })
    .on("GET", sp("deployments/Deployments-1"), deployments[1])
    .on("GET", sp("deployments/Deployments-2"), deployments[0])
    .on("GET", sp("tasks"), (r: Q) => {
      const ids = String(r.query.ids ?? "").split(",");
      const next = http.taskStates.shift();
      if (next) tasks["ServerTasks-2"] = { ...tasks["ServerTasks-2"], State: next };
      return collection(
        ids.filter((id) => tasks[id]).map((id) => tasks[id]),
        { take: 1000 },
      );
    })
    .on("GET", sp("tasks/ServerTasks-1"), tasks["ServerTasks-1"])
    .on("GET", sp("tasks/ServerTasks-2"), tasks["ServerTasks-2"])
    .on("GET", sp("tasks/ServerTasks-9"), tasks["ServerTasks-9"])
    .on("GET", sp("tasks/ServerTasks-2/details"), {
      Task: tasks["ServerTasks-2"],
      ActivityLogs: [
        {
          Name: "Deploy Checkout release 1.1.0 to Production",
          Status: "Failed",
          Children: [
            { Name: "Acquire packages", Status: "Success", Children: [] },
            {
              Name: "Deploy web",
              Status: "Failed",
              Children: [
                {
                  Name: "web-01",
                  Status: "Failed",
                  LogElements: [{ Category: "Error", MessageText: "ImagePullBackOff: tag 1.1.0 not found" }],
                },
              ],
            },
          ],
        },
      ],
    })
    .on("GET", "/api/Spaces-1/variables/variableset-Projects-1-s-1", {
      Id: "s1",
      Variables: [
        { Name: "ConnectionString", Value: null, IsSensitive: true, Scope: {} },
        { Name: "LogLevel", Value: "Info", Scope: { Environment: ["Environments-2"] } },
        { Name: "Old", Value: "x", Scope: {} },
      ],
      ScopeValues: { Environments: [{ Id: "Environments-2", Name: "Production" }] },
    })
    .on("GET", "/api/Spaces-1/variables/variableset-Projects-1-s-2", {
      Id: "s2",
      Variables: [
        { Name: "ConnectionString", Value: null, IsSensitive: true, Scope: {} },
        { Name: "LogLevel", Value: "Debug", Scope: { Environment: ["Environments-2"] } },
        { Name: "ApiKey", Value: "leaked-if-shown", IsSensitive: true, Scope: {} },
      ],
      ScopeValues: { Environments: [{ Id: "Environments-2", Name: "Production" }] },
    })
    .on("GET", "/api/Spaces-1/variables/variableset-Projects-1", {
      Id: "variableset-Projects-1",
      Variables: [
        { Name: "ApiKey", Value: "super-secret-value", IsSensitive: true, Scope: {} },
        { Name: "LogLevel", Value: "Debug", Scope: { Environment: ["Environments-2"] } },
        { Name: "Region", Value: "eu-west-1", Scope: {}, Prompt: { Label: "Region" } },
      ],
      ScopeValues: { Environments: [{ Id: "Environments-2", Name: "Production" }] },
    })
    .on("GET", sp("deploymentprocesses/deploymentprocess-Projects-1"), {
      Id: "deploymentprocess-Projects-1",
      Version: 7,
      Steps: [
        {
          Name: "Migrate",
          Condition: "Success",
          StartTrigger: "StartAfterPrevious",
          Properties: { "Octopus.Action.TargetRoles": "db" },
          Actions: [{ Name: "Migrate", ActionType: "Octopus.Script", Environments: ["Environments-2"] }],
        },
        {
          Name: "Deploy web",
          Condition: "Variable",
          Properties: {
            "Octopus.Action.TargetRoles": "web,api",
            "Octopus.Step.ConditionVariableExpression": "#{Deploy}",
          },
          Actions: [
            {
              Name: "Apply",
              ActionType: "Octopus.KubernetesDeployRawYaml",
              Packages: [{ PackageId: "checkout" }],
            },
            { Name: "Smoke", ActionType: "Octopus.Script", IsDisabled: true },
          ],
        },
      ],
    })
    .on("GET", sp("dashboard"), {
      Projects: [{ Id: "Projects-1", Name: "Checkout" }],
      Environments: [
        { Id: "Environments-1", Name: "Dev" },
        { Id: "Environments-2", Name: "Production" },
      ],
      Tenants: [{ Id: "Tenants-1", Name: "Acme" }],
      Items: [
        {
          ProjectId: "Projects-1",
          EnvironmentId: "Environments-1",
          ReleaseVersion: "1.1.0",
          State: "Success",
          TenantId: null,
        },
        {
          ProjectId: "Projects-1",
          EnvironmentId: "Environments-2",
          ReleaseVersion: "1.1.0",
          State: "Failed",
          TenantId: null,
        },
        {
          ProjectId: "Projects-1",
          EnvironmentId: "Environments-2",
          ReleaseVersion: "1.0.0",
          State: "Success",
          TenantId: "Tenants-1",
        },
      ],
      PreviousItems: [
        {
          ProjectId: "Projects-1",
          EnvironmentId: "Environments-2",
          ReleaseVersion: "1.0.0",
          State: "Success",
          TenantId: null,
        },
      ],
    })
    .on("GET", sp("tenants"), (r: Q) => collection([{ Id: "Tenants-1", Name: "Acme" }], r.query))
    .on("GET", "/api/spaces/Spaces-1/projects/Projects-1/environments/Environments-2/untenanted/livestatus", {
      Summary: {
        Status: "Progressing",
        HealthStatus: "Degraded",
        SyncStatus: "InSync",
        LastUpdated: "2026-01-02T11:05:00+00:00",
      },
      MachineStatuses: [
        {
          MachineId: "Machines-1",
          Resources: [
            {
              Name: "checkout",
              Kind: "Deployment",
              HealthStatus: "Degraded",
              SyncStatus: "InSync",
              HealthStatusMessage: "0/3 ready",
              SourceType: "ArgoCDApplication",
              Children: [
                {
                  Name: "checkout-abc",
                  Kind: "Pod",
                  HealthStatus: "Degraded",
                  SyncStatus: "InSync",
                  Children: [],
                },
              ],
            },
            {
              Name: "checkout",
              Kind: "Service",
              HealthStatus: "Healthy",
              SyncStatus: "InSync",
              Children: [],
            },
          ],
        },
      ],
    })
    .on("POST", sp("releases/create/v1"), { ReleaseId: "Releases-2", ReleaseVersion: "1.1.0" })
    .on("POST", sp("deployments/create/untenanted/v1"), {
      DeploymentServerTasks: [{ DeploymentId: "Deployments-2", ServerTaskId: "ServerTasks-2" }],
    });
  return http;
}

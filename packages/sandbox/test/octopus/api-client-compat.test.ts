import {
  Client,
  DeploymentProcessRepository,
  DeploymentRepository,
  EnvironmentRepository,
  LifecycleRepository,
  ObservabilityRepository,
  ProjectGroupRepository,
  ProjectRepository,
  ReleaseRepository,
  RunbookRepository,
  RunbookRunRepository,
  ServerTaskRepository,
  ServerTaskWaiter,
  SpaceRepository,
  SpaceServerTaskRepository,
  TagSetRepository,
  TenantRepository,
  userGetCurrent,
} from "@octopusdeploy/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox } from "../../src/index.js";
import { start, until } from "./helpers.js";

// The unchanged official client (@octopusdeploy/api-client 3.11.0) against the sandbox (octopus-api.md §1, §11).
let sb: Sandbox;
let client: Client;
const S = "Default";

beforeAll(async () => {
  sb = await start();
  client = await Client.create({
    instanceURL: sb.octopusUrl,
    apiKey: sb.apiKey,
    userAgentApp: "sandbox-compat-test",
  });
});
afterAll(async () => {
  await sb?.stop();
});

describe("@octopusdeploy/api-client 3.11.0 against the sandbox", () => {
  it("lists and gets spaces, projects, groups, environments, lifecycles, tag sets and tenants", async () => {
    const spaces = await new SpaceRepository(client).list({ take: 100 });
    expect(spaces.Items.map((s) => s.Name)).toEqual(["Default", "Platform"]);
    expect((await new SpaceRepository(client).get("Spaces-2")).Name).toBe("Platform");

    const projects = new ProjectRepository(client, S);
    const list = await projects.list({ take: 100 });
    expect(list.TotalResults).toBe(12);
    expect(list.Items.map((p) => p.Slug)).toContain("checkout");
    const checkout = await projects.get("Projects-2");
    expect(checkout.Name).toBe("Checkout");
    expect(checkout.PersistenceSettings.Type).toBe("Database");
    expect((await projects.list({ partialName: "pay" })).Items.map((p) => p.Name)).toEqual(["Payments"]);

    const groups = await new ProjectGroupRepository(client, S).list({ take: 100 });
    expect(groups.Items.map((g) => g.Name)).toContain("Customer Portals");
    const envs = await new EnvironmentRepository(client, S).list({ take: 100 });
    expect(envs.Items.map((e) => e.Name)).toEqual([
      "Dev",
      "Test",
      "Staging",
      "Production",
      "Customer Preview",
    ]);
    expect((await new EnvironmentRepository(client, S).get("Environments-4")).Name).toBe("Production");
    const lifecycles = await new LifecycleRepository(client, S).list({ take: 100 });
    expect(lifecycles.Items.find((l) => l.Name === "Tenant Rollout")?.Phases).toHaveLength(3);
    const tagSets = await new TagSetRepository(client, S).list({ take: 100 });
    expect(tagSets.Items.map((t) => t.Name)).toEqual(["Region", "Tier"]);

    const tenants = new TenantRepository(client, S);
    const tl = await tenants.list({ take: 100 });
    expect(tl.TotalResults).toBe(6);
    const acme = await tenants.get("Tenants-1");
    expect(acme.ProjectEnvironments["Projects-10"]).toEqual([
      "Environments-2",
      "Environments-5",
      "Environments-4",
    ]);
    const vars = await tenants.getVariables(acme);
    expect(vars.TenantName).toBe("Acme Retail");
    const missing = await tenants.missingVariables({ projectId: "Projects-10" });
    expect(missing.find((m) => m.TenantId === "Tenants-5")?.MissingVariables).toHaveLength(1);

    const me = await userGetCurrent(client);
    expect(me.Username).toBe("sandbox.admin");
  });

  it("reads releases, deployments, runbooks and the deployment process", async () => {
    const releases = new ReleaseRepository(client, S);
    const page = await releases.list({ take: 5 });
    expect(page.Items).toHaveLength(5);
    expect(page.TotalResults).toBeGreaterThan(250);
    const forProject = await releases.listForProject("Projects-2", { take: 100 });
    expect(forProject.TotalResults).toBe(30);
    expect(forProject.Items[0]?.Version).toBe("2.6.5");
    expect((await releases.get(forProject.Items[0]?.Id ?? "")).ProjectId).toBe("Projects-2");

    const deployments = new DeploymentRepository(client, S);
    const dl = await deployments.list({
      take: 10,
      projects: ["Projects-2"],
      environments: ["Environments-4"],
    });
    expect(dl.Items.every((d) => d.ProjectId === "Projects-2" && d.EnvironmentId === "Environments-4")).toBe(
      true,
    );
    const d0 = await deployments.get(dl.Items[0]?.Id ?? "");
    expect(d0.TaskId).toMatch(/^ServerTasks-\d+$/);

    const project = await new ProjectRepository(client, S).get("Projects-7");
    const runbooks = await new RunbookRepository(client, S, project).list({ take: 10 });
    expect(runbooks.Items.map((r) => r.Name)).toEqual([
      "Restart pods",
      "Back up database",
      "Rotate database credentials",
    ]);
    const process = await new DeploymentProcessRepository(client, S).get(project);
    expect(process.Steps.map((s) => s.Name)).toContain("Run database migrations");
  });

  it("creates a release, deploys it, waits with ServerTaskWaiter, and reads details and the raw log", async () => {
    const created = await new ReleaseRepository(client, S).create({
      spaceName: S,
      ProjectName: "Checkout",
      ReleaseVersion: "2.7.0",
      ReleaseNotes: "compat test",
    });
    expect(created.ReleaseVersion).toBe("2.7.0");
    const res = await new DeploymentRepository(client, S).create({
      spaceName: S,
      ProjectName: "Checkout",
      ReleaseVersion: "2.7.0",
      EnvironmentNames: ["Dev", "Test"],
    });
    expect(res.DeploymentServerTasks).toHaveLength(2);
    const ids = res.DeploymentServerTasks.map((t) => t.ServerTaskId);
    const done = await new ServerTaskWaiter(client, S).waitForServerTasksToComplete(ids, 20, 60_000);
    expect(done.map((t) => t.State)).toEqual(["Success", "Success"]);

    const tasks = new SpaceServerTaskRepository(client, S);
    const details = await tasks.getDetails(ids[0] ?? "");
    expect(details.Task.FinishedSuccessfully).toBe(true);
    const steps = details.ActivityLogs[0]?.Children ?? [];
    expect(steps.map((s) => s.Name)).toEqual([
      "Step 1: Run database migrations",
      "Step 2: Update Argo CD application image tags",
      "Step 3: Wait for Argo CD application sync",
      "Step 4: Smoke test",
      "Step 5: Notify Slack",
    ]);
    expect(steps.every((s) => s.Status === "Success")).toBe(true);
    const raw = await tasks.getRaw(ids[0] ?? "");
    expect(raw).toContain(`Task ID:        ${ids[0]}`);
    expect(raw).toMatch(
      /^\d{2}:\d{2}:\d{2}\s+Info\s+\|\s+ {2,}Posted to #deployments: Checkout 2\.7\.0 deployed to Dev$/m,
    );

    const tenanted = await new DeploymentRepository(client, S).createTenanted({
      spaceName: S,
      ProjectName: "Customer Portal",
      ReleaseVersion: "6.2.5",
      EnvironmentName: "Test",
      Tenants: ["Acme Retail", "Globex"],
      TenantTags: [],
    });
    expect(tenanted.DeploymentServerTasks).toHaveLength(2);
    const t2 = await new ServerTaskWaiter(client, S).waitForServerTasksToComplete(
      tenanted.DeploymentServerTasks.map((t) => t.ServerTaskId),
      20,
      60_000,
    );
    expect(t2.map((t) => t.Description).sort()).toEqual([
      "Deploy Customer Portal release 6.2.5 to Test for Acme Retail",
      "Deploy Customer Portal release 6.2.5 to Test for Globex",
    ]);
  });

  it("runs a runbook and reads Kubernetes live status, untenanted and tenanted", async () => {
    const run = await new RunbookRunRepository(client, S).create({
      spaceName: S,
      ProjectName: "Inventory",
      RunbookName: "Back up database",
      EnvironmentNames: ["Staging"],
    });
    const taskId = run.RunbookRunServerTasks[0]?.ServerTaskId ?? "";
    const task = await new ServerTaskWaiter(client, S).waitForServerTaskToComplete(taskId, 20, 60_000);
    expect(task.State).toBe("Success");

    const obs = new ObservabilityRepository(client, S);
    const live = await obs.getLiveStatus("Projects-2", "Environments-1");
    expect(live.MachineStatuses[0]?.Resources[0]?.Kind).toBe("Deployment");
    const tenantLive = await obs.getLiveStatus("Projects-10", "Environments-2", "Tenants-3");
    expect(tenantLive.Summary.Status).toBe("Healthy");
  });

  it("cancels a queued task through the non-space route and maps 404s to OctopusError", async () => {
    const res = await new DeploymentRepository(client, S).create({
      spaceName: S,
      ProjectName: "Payments",
      ReleaseVersion: "5.5.3",
      EnvironmentNames: ["Production"],
    });
    const id = res.DeploymentServerTasks[0]?.ServerTaskId ?? "";
    await until(async () =>
      (await new SpaceServerTaskRepository(client, S).getById(id)).HasPendingInterruptions ? true : undefined,
    );
    await new ServerTaskRepository(client).cancel(id);
    const t = await new ServerTaskWaiter(client, S).waitForServerTaskToComplete(id, 20, 60_000);
    expect(t.State).toBe("Canceled");

    await expect(new ProjectRepository(client, S).get("Projects-999")).rejects.toMatchObject({
      StatusCode: 404,
      message: expect.stringContaining("not found"),
    });
  });
});

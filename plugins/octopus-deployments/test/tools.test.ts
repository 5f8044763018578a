import { describe, expect, it } from "vitest";
import {
  InvalidArgumentsError,
  NotFoundError,
  UnauthorizedError,
  type ProgressUpdate,
} from "@octopus-mcp/core";
import { call, context, credentials, tenant, tools } from "./helpers.js";
import { SERVER, fakeOctopus } from "./fake-octopus.js";
import { collection } from "@octopus-mcp/octopus-api/testing";

const t = tenant("acme", { octopus: { serverUrl: SERVER, credentialId: "octo" } });
const creds = credentials({ octo: "API-KEY" });

function setup() {
  const http = fakeOctopus();
  return { http, tools: tools(http, creds) };
}

describe("read tools (fake Octopus)", () => {
  it("list_spaces and list_environments", async () => {
    const { tools: ts } = setup();
    const spaces = await call(ts.get("deployments_list_spaces"), {}, context(t));
    expect(spaces).toEqual({
      items: [{ id: "Spaces-1", name: "Default", slug: "default", isDefault: true }],
      page: { total: 1, returned: 1 },
    });
    const envs = await call(ts.get("deployments_list_environments"), { space: "default" }, context(t));
    expect(envs.items).toEqual([
      { id: "Environments-1", name: "Dev", slug: "dev" },
      { id: "Environments-2", name: "Production", slug: "production" },
    ]);
  });

  it("list_deployments batches lookups (no request per deployment)", async () => {
    const { http, tools: ts } = setup();
    const result = await call(
      ts.get("deployments_list_deployments"),
      { environments: ["production"], limit: 1 },
      context(t),
    );
    expect(result.items).toEqual([
      {
        id: "Deployments-2",
        project: "Checkout",
        projectId: "Projects-1",
        release: "1.1.0",
        releaseId: "Releases-2",
        environment: "Production",
        created: "2026-01-02T11:00:00.000Z",
        deployedBy: "alice",
        taskId: "ServerTasks-2",
        state: "Failed",
        started: "2026-01-02T11:00:00.000Z",
        completed: "2026-01-02T11:00:42.000Z",
        durationSeconds: 42,
        error: "The step failed: Deploy web",
      },
    ]);
    const page = result.page as { total: number; nextCursor: string };
    expect(page.total).toBe(2);
    const paths = http.requests.map((r) => r.path);
    expect(paths.filter((p) => p.endsWith("/tasks"))).toHaveLength(1);
    expect(paths.filter((p) => p.endsWith("/releases"))).toHaveLength(1);
    const next = await call(
      ts.get("deployments_list_deployments"),
      { environments: ["production"], limit: 1, cursor: page.nextCursor },
      context(t),
    );
    expect((next.items as { id: string }[]).map((i) => i.id)).toEqual(["Deployments-1"]);
    expect((next.page as { nextCursor?: string }).nextCursor).toBeUndefined();
    await expect(
      call(
        ts.get("deployments_list_deployments"),
        { environments: ["Dev"], cursor: page.nextCursor },
        context(t),
      ),
    ).rejects.toThrow(/different set of filters/);
  });

  it("list_deployments filters by time window", async () => {
    const { tools: ts } = setup();
    const r = await call(
      ts.get("deployments_list_deployments"),
      { since: "2026-01-01T12:00:00Z" },
      context(t),
    );
    expect((r.items as { id: string }[]).map((i) => i.id)).toEqual(["Deployments-2"]);
    const u = await call(
      ts.get("deployments_list_deployments"),
      { until: "2026-01-02T00:00:00Z" },
      context(t),
    );
    expect((u.items as { id: string }[]).map((i) => i.id)).toEqual(["Deployments-1"]);
    await expect(
      call(
        ts.get("deployments_list_deployments"),
        { since: "2026-01-03T00:00:00Z", until: "2026-01-01T00:00:00Z" },
        context(t),
      ),
    ).rejects.toBeInstanceOf(InvalidArgumentsError);
  });

  it("list_deployments suggests a misspelt environment", async () => {
    const { tools: ts } = setup();
    await expect(
      call(ts.get("deployments_list_deployments"), { environments: ["Prodution"] }, context(t)),
    ).rejects.toThrow('Did you mean "Production" (Environments-2)?');
  });

  it("list_deployments reports an ambiguous environment name with the candidates' IDs", async () => {
    const { http, tools: ts } = setup();
    http.on("GET", "/api/Spaces-1/environments", (r: { query: Record<string, unknown> }) =>
      collection(
        [
          { Id: "Environments-2", Name: "Production", SortOrder: 2 },
          { Id: "Environments-9", Name: "production", SortOrder: 9 },
        ],
        r.query,
      ),
    );
    const error = await call(
      ts.get("deployments_list_deployments"),
      { environments: ["PRODUCTION"] },
      context(t),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentsError);
    expect((error as Error).message).toContain("ambiguous");
    expect((error as Error).message).toContain("Environments-9");
    const exact = await call(
      ts.get("deployments_list_deployments"),
      { environments: ["production"] },
      context(t),
    );
    expect(exact.items).toEqual([]);
  });

  it("get_deployment from a portal link gives the failing step, under 1,500 characters", async () => {
    const { tools: ts } = setup();
    const r = await call(
      ts.get("deployments_get_deployment"),
      {
        deployment: `${SERVER}/app#/Spaces-1/projects/checkout/deployments/releases/1.1.0/deployments/Deployments-2`,
      },
      context(t),
    );
    expect(r).toMatchObject({
      id: "Deployments-2",
      release: "1.1.0",
      environment: "Production",
      channel: "Default",
      state: "Failed",
      taskId: "ServerTasks-2",
      failingStep: {
        step: "Deploy web",
        action: "web-01",
        messages: ["ImagePullBackOff: tag 1.1.0 not found"],
      },
      webUrl: `${SERVER}/app#/Spaces-1/projects/checkout/deployments/releases/1.1.0/deployments/Deployments-2`,
    });
    expect(JSON.stringify(r).length).toBeLessThan(1500);
  });

  it("get_deployment by task ID, with fields selection", async () => {
    const { tools: ts } = setup();
    const r = await call(
      ts.get("deployments_get_deployment"),
      { deployment: "ServerTasks-1", fields: ["id", "state"] },
      context(t),
    );
    expect(r).toEqual({ id: "Deployments-1", state: "Success" });
  });

  it("get_deployment errors: foreign link, non-deployment task, unknown ID, garbage", async () => {
    const { tools: ts } = setup();
    const get = ts.get("deployments_get_deployment");
    await expect(
      call(get, { deployment: "https://evil.example.com/app#/Spaces-1/tasks/ServerTasks-1" }, context(t)),
    ).rejects.toThrow(/caller tenant's Octopus server/);
    await expect(call(get, { deployment: "ServerTasks-9" }, context(t))).rejects.toThrow(/not a deployment/);
    await expect(call(get, { deployment: "Deployments-404" }, context(t))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(call(get, { deployment: "yesterday's deploy" }, context(t))).rejects.toBeInstanceOf(
      InvalidArgumentsError,
    );
  });

  it("a caller tenant without Octopus settings gets unauthorized with the config hint", async () => {
    const { tools: ts } = setup();
    await expect(call(ts.get("deployments_list_spaces"), {}, context(tenant("nobody", {})))).rejects.toThrow(
      UnauthorizedError,
    );
  });

  it("dashboard: untenanted rows, and per Octopus tenant", async () => {
    const { tools: ts } = setup();
    const r = await call(ts.get("deployments_get_dashboard"), {}, context(t));
    expect(r.environments).toEqual(["Dev", "Production"]);
    expect(r.items).toEqual([
      { project: "Checkout", versions: { Dev: "1.1.0", Production: "1.1.0 (Failed; last success 1.0.0)" } },
    ]);
    const tenanted = await call(
      ts.get("deployments_get_dashboard"),
      { octopusTenants: ["acme"] },
      context(t),
    );
    expect(tenanted.items).toEqual([
      { project: "Checkout", octopusTenant: "Acme", versions: { Production: "1.0.0" } },
    ]);
  });

  it("compare_releases: packages, notes, variables with sensitive values masked", async () => {
    const { tools: ts } = setup();
    const r = await call(
      ts.get("deployments_compare_releases"),
      { project: "checkout", from: "1.0.0", to: "Releases-2" },
      context(t),
    );
    expect(r.packages).toEqual([
      { package: "Deploy web", from: "1.0.0", to: "1.1.0" },
      { package: "Migrate", from: "0.9.0" },
    ]);
    expect(r.notes).toEqual({ from: "First", to: "Adds Apple Pay" });
    expect(r.variables).toEqual({
      added: [{ name: "ApiKey", value: "<sensitive>" }],
      removed: [{ name: "Old" }],
      changed: [{ name: "LogLevel", scope: "Environment=Production", from: "Info", to: "Debug" }],
    });
    expect(JSON.stringify(r)).not.toContain("leaked-if-shown");
    await expect(
      call(
        ts.get("deployments_compare_releases"),
        { project: "checkout", from: "1.0.1", to: "1.1.0" },
        context(t),
      ),
    ).rejects.toThrow(/Did you mean "1\.0\.0"/);
  });

  it("project variables never return sensitive values", async () => {
    const { tools: ts } = setup();
    const r = await call(ts.get("deployments_get_project_variables"), { project: "Checkout" }, context(t));
    expect(r.items).toEqual([
      { name: "ApiKey", value: "<sensitive>" },
      { name: "LogLevel", value: "Debug", scope: "Environment=Production" },
      { name: "Region", value: "eu-west-1", prompted: true },
    ]);
    expect(JSON.stringify(r)).not.toContain("super-secret-value");
  });

  it("deployment process summary", async () => {
    const { tools: ts } = setup();
    const r = await call(ts.get("deployments_get_deployment_process"), { project: "Projects-1" }, context(t));
    expect(r.steps).toEqual([
      { n: 1, name: "Migrate", type: "Octopus.Script", environments: ["Production"], targetRoles: ["db"] },
      {
        n: 2,
        name: "Deploy web",
        actions: [
          { name: "Apply", type: "Octopus.KubernetesDeployRawYaml", packages: ["checkout"] },
          { name: "Smoke", type: "Octopus.Script", disabled: true },
        ],
        targetRoles: ["web", "api"],
        condition: "Variable",
        conditionExpression: "#{Deploy}",
      },
    ]);
  });

  it("live status: summary first, problems flattened", async () => {
    const { tools: ts } = setup();
    const r = await call(
      ts.get("deployments_get_live_status"),
      { project: "Checkout", environment: "Production" },
      context(t),
    );
    expect(r).toEqual({
      project: "Checkout",
      environment: "Production",
      summary: {
        status: "Progressing",
        health: "Degraded",
        sync: "InSync",
        lastUpdated: "2026-01-02T11:05:00.000Z",
        source: "ArgoCDApplication",
      },
      resourceCount: 3,
      health: { Degraded: 2, Healthy: 1 },
      problems: [
        { kind: "Deployment", name: "checkout", health: "Degraded", sync: "InSync", message: "0/3 ready" },
        { kind: "Pod", name: "checkout-abc", health: "Degraded", sync: "InSync" },
      ],
    });
  });
});

describe("write tools (fake Octopus)", () => {
  it("create_release posts the executions command and returns the release", async () => {
    const { http, tools: ts } = setup();
    const r = await call(
      ts.get("deployments_create_release"),
      { project: "checkout", version: "1.1.0", channel: "default" },
      context(t),
    );
    const post = http.requests.find((q) => q.method === "POST");
    expect(post?.body).toMatchObject({
      ProjectName: "Checkout",
      ReleaseVersion: "1.1.0",
      ChannelName: "Default",
      spaceId: "Spaces-1",
    });
    expect(r).toMatchObject({ id: "Releases-2", version: "1.1.0", channel: "Default" });
  });

  it("deploy_release waits with progress and returns the failing step", async () => {
    const { http, tools: ts } = setup();
    http.taskStates.push("Queued", "Executing", "Executing", "Failed");
    const progress: ProgressUpdate[] = [];
    const r = await call(
      ts.get("deployments_deploy_release"),
      {
        project: "Checkout",
        release: "1.1.0",
        environments: ["Production"],
        guidedFailure: false,
        waitSeconds: 60,
        variables: { Region: "eu" },
      },
      context(t, progress),
    );
    const post = http.requests.find((q) => q.method === "POST");
    expect(post?.body).toMatchObject({
      ProjectName: "Checkout",
      ReleaseVersion: "1.1.0",
      EnvironmentNames: ["Production"],
      UseGuidedFailure: false,
      Variables: { Region: "eu" },
    });
    expect(progress.map((p) => p.message)).toEqual([
      "Created Deployments-2 (ServerTasks-2)",
      "Production: Queued (ServerTasks-2); 0/1 finished",
      "Production: Executing (ServerTasks-2); 0/1 finished",
      "Production: Failed (ServerTasks-2); 1/1 finished",
    ]);
    expect(progress.map((p) => p.progress)).toEqual([0, 1, 2, 3]);
    expect(r).toMatchObject({
      completed: true,
      deployments: [
        {
          deploymentId: "Deployments-2",
          taskId: "ServerTasks-2",
          environment: "Production",
          state: "Failed",
          failingStep: { step: "Deploy web" },
        },
      ],
    });
  });

  it("deploy_release clamps waitSeconds to the configured maximum and reports a still-running task", async () => {
    const http = fakeOctopus();
    http.taskStates.push(...Array.from({ length: 1000 }, () => "Executing"));
    const ts = tools(http, creds, { pollIntervalMs: 10, maxWaitSeconds: 1 });
    const r = await call(
      ts.get("deployments_deploy_release"),
      { project: "Checkout", release: "1.1.0", environments: ["Production"], waitSeconds: 3600 },
      context(t),
    );
    expect(r).toMatchObject({
      completed: false,
      deployments: [{ deploymentId: "Deployments-2", state: "Executing" }],
      note: "Still running after 1 s; check again with deployments_get_deployment.",
    });
  });

  it("deploy_release stops waiting (and polling) when the call is cancelled", async () => {
    const http = fakeOctopus();
    http.taskStates.push(...Array.from({ length: 1000 }, () => "Executing"));
    const ts = tools(http, creds, { pollIntervalMs: 10, maxWaitSeconds: 600 });
    const controller = new AbortController();
    const progress: ProgressUpdate[] = [];
    const ctx = {
      ...context(t, progress, controller.signal),
      progress: async (u: ProgressUpdate) => {
        progress.push(u);
        if (u.message?.includes("Executing")) controller.abort(new Error("cancelled by client"));
      },
    };
    await expect(
      call(
        ts.get("deployments_deploy_release"),
        { project: "Checkout", release: "1.1.0", environments: ["Production"], waitSeconds: 600 },
        ctx,
      ),
    ).rejects.toThrow("cancelled by client");
    const polls = http.requests.filter((r) => r.path.endsWith("/tasks")).length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(http.requests.filter((r) => r.path.endsWith("/tasks")).length).toBe(polls);
    expect(progress[0]?.message).toBe("Created Deployments-2 (ServerTasks-2)");
  });

  it("deploy_release rejects tenants on an untenanted project and bad schedules", async () => {
    const { tools: ts } = setup();
    const deploy = ts.get("deployments_deploy_release");
    await expect(
      call(
        deploy,
        { project: "Checkout", release: "1.1.0", environments: ["Production"], octopusTenants: ["Acme"] },
        context(t),
      ),
    ).rejects.toThrow(/not tenanted/);
    await expect(
      call(
        deploy,
        {
          project: "Checkout",
          release: "1.1.0",
          environments: ["Production"],
          runAt: "2026-02-01T10:00:00Z",
          noRunAfter: "2026-02-01T09:00:00Z",
        },
        context(t),
      ),
    ).rejects.toThrow(/noRunAfter must be later/);
    await expect(
      call(deploy, { project: "Checkout", release: "9.9.9", environments: ["Production"] }, context(t)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

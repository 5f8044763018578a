import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox } from "../../src/index.js";
import { type Json, call, start, until } from "./helpers.js";

// List and get every resource family over plain HTTP, with the filters plugins rely on.
let sb: Sandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(async () => {
  await sb?.stop();
});

const get = async (path: string): Promise<Json> => {
  const r = await call(sb, "GET", path);
  expect(r.status, path).toBe(200);
  return r.json;
};

describe("resources", () => {
  it("channels, lifecycles and project groups", async () => {
    const channels = await get("/api/Spaces-1/projects/checkout/channels");
    expect(channels.Items.map((c: Json) => c.Name)).toEqual(["Default", "Hotfix"]);
    expect((await get(`/api/Spaces-1/channels/${channels.Items[1].Id}`)).LifecycleId).toBe("Lifecycles-3");
    const rel = await get(`/api/Spaces-1/channels/${channels.Items[0].Id}/releases?take=1`);
    expect(rel.Items[0].ProjectId).toBe("Projects-2");
    const lc = await get("/api/Spaces-1/lifecycles/Lifecycles-2");
    expect(lc.Phases.map((p: Json) => p.OptionalDeploymentTargets)).toEqual([
      ["Environments-2"],
      ["Environments-5"],
      ["Environments-4"],
    ]);
    const group = await get("/api/Spaces-1/projectgroups/ProjectGroups-3/projects");
    expect(group.Items.map((p: Json) => p.Slug)).toEqual(["inventory", "notifications", "shipping"]);
  });

  it("tenants by project and tag, machines by role, health and environment", async () => {
    const byProject = await get("/api/Spaces-1/tenants?projectId=Projects-11");
    expect(byProject.Items.map((t: Json) => t.Name)).toEqual(["Acme Retail", "Globex", "Umbrella Health"]);
    const eu = await get("/api/Spaces-1/tenants?tags=Region%2FEU");
    expect(eu.Items.map((t: Json) => t.Slug)).toEqual(["acme-retail", "umbrella-health"]);
    const unhealthy = await get("/api/Spaces-1/machines?healthStatuses=Unavailable,HasWarnings");
    expect(unhealthy.Items.map((m: Json) => m.Name).sort()).toEqual([
      "erp-app-production-02",
      "k8s-agent-production-us",
    ]);
    const prodK8s = await get("/api/Spaces-1/machines?environmentIds=Environments-4&roles=k8s");
    expect(prodK8s.Items.map((m: Json) => m.Endpoint.CommunicationStyle)).toEqual([
      "KubernetesTentacle",
      "KubernetesTentacle",
    ]);
    expect((await get("/api/Spaces-1/machines?isDisabled=true")).Items.map((m: Json) => m.Name)).toEqual([
      "k8s-agent-test-legacy",
    ]);
  });

  it("deployments, runbook runs and releases with filters, newest first", async () => {
    const failed = await get("/api/Spaces-1/deployments?taskState=Failed&projects=Projects-7&take=100");
    expect(failed.TotalResults).toBeGreaterThan(0);
    for (const d of failed.Items) expect((await get(`/api/tasks/${d.TaskId}`)).State).toBe("Failed");
    const created = failed.Items.map((d: Json) => Date.parse(d.Created));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const tenanted = await get("/api/Spaces-1/deployments?tenants=Tenants-4&take=5");
    expect(tenanted.Items.every((d: Json) => d.TenantId === "Tenants-4")).toBe(true);
    const runs = await get("/api/Spaces-1/runbookRuns?runbooks=Runbooks-4&take=50");
    expect(runs.TotalResults).toBe(5);
    expect(runs.Items.every((r: Json) => r.RunbookId === "Runbooks-4" && r.ProjectId === "Projects-2")).toBe(
      true,
    );
    expect((await get(`/api/Spaces-1/runbookRuns/${runs.Items[0].Id}`)).TaskId).toBe(runs.Items[0].TaskId);
    const search = await get("/api/Spaces-1/projects/Projects-2/releases?searchByVersion=2.6.");
    expect(search.Items.map((r: Json) => r.Version)).toEqual([
      "2.6.5",
      "2.6.4",
      "2.6.3",
      "2.6.2",
      "2.6.1",
      "2.6.0",
    ]);
  });

  it("events by category and document, interruptions by id, dashboard items", async () => {
    const ev = await get("/api/Spaces-1/events?eventCategories=DeploymentFailed&take=3");
    expect(
      ev.Items.every((e: Json) => e.Category === "DeploymentFailed" && e.Message.includes("failed")),
    ).toBe(true);
    expect((await get(`/api/Spaces-1/events/${ev.Items[0].Id}`)).Id).toBe(ev.Items[0].Id);
    const pending = await get("/api/Spaces-1/interruptions?pendingOnly=true");
    expect(pending.Items.map((i: Json) => i.Id).sort()).toEqual([
      "Interruptions-127",
      "Interruptions-129",
      "Interruptions-130",
    ]);
    expect((await get("/api/Spaces-1/interruptions/Interruptions-130")).RelatedDocumentIds).toContain(
      "Projects-2",
    );
    const dash = await get("/api/Spaces-1/dashboard");
    const checkoutProd = dash.Items.find(
      (i: Json) => i.ProjectId === "Projects-2" && i.EnvironmentId === "Environments-4",
    );
    expect(checkoutProd).toMatchObject({
      State: "Executing",
      HasPendingInterruptions: true,
      ReleaseVersion: "2.6.2",
    });
    const prev = dash.PreviousItems.find(
      (i: Json) => i.ProjectId === "Projects-2" && i.EnvironmentId === "Environments-4",
    );
    expect(prev).toMatchObject({ State: "Success", ReleaseVersion: "2.6.1", IsPrevious: true });
  });

  it("live status: Degraded after the seeded Helm timeout, NotSupported for Tentacle projects", async () => {
    const helm = await get(
      "/api/spaces/Spaces-1/projects/product-catalog/environments/Environments-4/untenanted/livestatus",
    );
    expect(helm.Summary).toMatchObject({ HealthStatus: "Degraded", SyncStatus: "OutOfSync" });
    expect(helm.MachineStatuses[0].Resources[0].SourceType).toBe("KubernetesMonitor");
    const summary = await get(
      "/api/spaces/Spaces-1/projects/Projects-4/environments/Environments-4/untenanted/livestatus?summaryOnly=true",
    );
    expect(summary.MachineStatuses).toEqual([]);
    const erp = await get(
      "/api/Spaces-1/projects/erp-sync/environments/Environments-1/untenanted/livestatus",
    );
    expect(erp.Summary.Status).toBe("NotSupported");
    const nope = await call(
      sb,
      "GET",
      "/api/Spaces-1/projects/Projects-2/environments/Environments-5/untenanted/livestatus",
    );
    expect(nope.status).toBe(404);
  });

  it("the legacy POST …/deployments creates a deployment (201) that runs", async () => {
    const rel = (await get("/api/Spaces-1/projects/Projects-9/releases?take=1")).Items[0];
    const r = await call(sb, "POST", "/api/Spaces-1/deployments", {
      ReleaseId: rel.Id,
      EnvironmentId: "Environments-1",
      Comments: "legacy",
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ ReleaseId: rel.Id, EnvironmentId: "Environments-1", Comments: "legacy" });
    const done = await until(async () => {
      const t = await get(`/api/tasks/${r.json.TaskId}`);
      return t.IsCompleted ? t : undefined;
    });
    expect(done.State).toBe("Success");
    const after = await get(
      "/api/spaces/Spaces-1/projects/Projects-9/environments/Environments-1/untenanted/livestatus",
    );
    expect(after.MachineStatuses[0].Resources[0].HealthStatusMessage).toContain(`:${rel.Version}`);
  });
});

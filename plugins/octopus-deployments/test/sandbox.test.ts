/**
 * Integration: the plugin in a real host (testkit) against the sandbox Octopus, plus fault
 * injection through the host HttpClient's fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@octopus-mcp/sandbox";
import { startTestHost, type TestHost } from "@octopus-mcp/testkit";
import { createDeploymentsPlugin } from "../src/index.js";

let sb: Sandbox;
let host: TestHost;

function hostOptions(extra: Record<string, unknown> = {}) {
  return {
    plugins: [{ plugin: createDeploymentsPlugin, config: { pollIntervalMs: 20 } }],
    tenants: {
      default: { octopus: { serverUrl: sb.octopusUrl, credentialId: "octopus" } },
      other: { octopus: { serverUrl: sb.octopusUrl, credentialId: "octopus", spaces: ["Platform"] } },
    },
    credentials: { default: { octopus: sb.apiKey }, other: { octopus: sb.apiKey } },
    autoStop: false,
    ...extra,
  };
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, scale: 1, seed: 1, taskStepMs: 5 });
  host = await startTestHost(hostOptions() as never);
});

afterAll(async () => {
  await host?.stop();
  await sb?.stop();
});

describe("deployments plugin on the sandbox", () => {
  it("serves all 13 tools and stays under the tools/list budget", async () => {
    const tools = await host.listTools();
    const mine = tools.filter((t) => t.name.startsWith("deployments_"));
    expect(mine).toHaveLength(13);
    const size = JSON.stringify(mine).length;
    console.log(`deployments tools/list via host: ${size} characters`);
    expect(size).toBeLessThan(12_000);
  });

  it("lists spaces and environments", async () => {
    const spaces = await host.callTool<{ items: { id: string; name: string }[] }>("deployments_list_spaces");
    expect(spaces.ok && spaces.data.items.map((s) => s.name)).toEqual(["Default", "Platform"]);
    const envs = await host.callTool<{ items: { name: string }[] }>("deployments_list_environments", {
      space: "Default",
    });
    expect(envs.ok && envs.data.items.map((e) => e.name)).toEqual([
      "Dev",
      "Test",
      "Staging",
      "Production",
      "Customer Preview",
    ]);
  });

  it("caller tenants see only their allowed spaces", async () => {
    const other = host.asTenant("other");
    const spaces = await other.callTool<{ items: { name: string }[] }>("deployments_list_spaces");
    expect(spaces.ok && spaces.data.items.map((s) => s.name)).toEqual(["Platform"]);
    const denied = await other.callTool("deployments_list_environments", { space: "Default" });
    expect(denied.ok).toBe(false);
    expect(!denied.ok && denied.error.error).toBe("forbidden");
  });

  it("finds projects and suggests misspelt names", async () => {
    const found = await host.callTool<{ items: { name: string; slug: string }[] }>(
      "deployments_find_projects",
      { name: "check" },
    );
    expect(found.ok && found.data.items.map((p) => p.slug)).toEqual(["checkout"]);
    const miss = await host.callTool("deployments_find_releases", { project: "Chekout" });
    expect(miss.ok).toBe(false);
    expect(!miss.ok && miss.error.error).toBe("not_found");
    expect(!miss.ok && miss.error.message).toContain('Did you mean "Checkout" (Projects-2)');
  });

  it("finds releases newest first with paging", async () => {
    const r = await host.callTool<{
      items: { version: string }[];
      page: { total: number; nextCursor?: string };
    }>("deployments_find_releases", { project: "checkout", limit: 3 });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.data.items).toHaveLength(3);
    expect(r.data.page.total).toBe(30);
    const next = await host.callTool<{ items: { version: string }[] }>("deployments_find_releases", {
      project: "checkout",
      limit: 3,
      cursor: r.data.page.nextCursor,
    });
    expect(next.ok && next.data.items[0]?.version).not.toBe(r.data.items[0]?.version);
  });

  it("lists deployments to Production and gets one by portal link under 1,500 characters", async () => {
    const list = await host.callTool<{
      items: { id: string; environment: string; state: string; taskId: string }[];
    }>("deployments_list_deployments", { project: "Checkout", environments: ["Production"], limit: 5 });
    if (!list.ok) throw new Error(JSON.stringify(list.error));
    expect(list.data.items.length).toBeGreaterThan(0);
    expect(list.data.items.every((d) => d.environment === "Production")).toBe(true);
    const first = list.data.items[0];
    const url = `${sb.octopusUrl}/app#/Spaces-1/projects/checkout/deployments/${first?.id}`;
    const one = await host.callTool<{ id: string; taskId: string; state: string }>(
      "deployments_get_deployment",
      { deployment: url },
    );
    if (!one.ok) throw new Error(JSON.stringify(one.error));
    expect(one.data.id).toBe(first?.id);
    expect(one.data.taskId).toBe(first?.taskId);
    expect(JSON.stringify(one.data).length).toBeLessThan(1500);
  });

  it("explains a notable failed deployment (failing step of a 50-step process)", async () => {
    const failed = sb.state.notable.find((n) => n.project === "erp-sync" && n.state === "Failed");
    expect(failed).toBeDefined();
    const r = await host.callTool<{ state: string; project: string; failingStep?: { step: string } }>(
      "deployments_get_deployment",
      {
        deployment: failed?.deploymentId,
      },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.data).toMatchObject({ state: "Failed", project: "ERP Sync" });
    expect(r.data.failingStep?.step).toContain("Payroll Export");
    expect(JSON.stringify(r.data).length).toBeLessThan(1500);
  });

  it("finds a deployment in another space only with that space, and says so", async () => {
    const platform = sb.state.notable.find((n) => n.project === "cluster-addons");
    const miss = await host.callTool("deployments_get_deployment", { deployment: platform?.deploymentId });
    expect(!miss.ok && miss.error.error).toBe("not_found");
    expect(!miss.ok && miss.error.message).toContain('pass "space"');
    const hit = await host.callTool<{ id: string; space: string }>("deployments_get_deployment", {
      deployment: platform?.deploymentId,
      space: "Platform",
    });
    expect(hit.ok && hit.data.space).toBe("Platform");
  });

  it("shows the dashboard untenanted and per Octopus tenant", async () => {
    const d = await host.callTool<{
      environments: string[];
      items: { project: string; octopusTenant?: string; versions: Record<string, string> }[];
    }>("deployments_get_dashboard", {});
    if (!d.ok) throw new Error(JSON.stringify(d.error));
    expect(d.data.environments).toContain("Production");
    expect(d.data.items.some((i) => i.project === "Checkout")).toBe(true);
    expect(d.data.items.every((i) => i.octopusTenant === undefined)).toBe(true);
    const t = await host.callTool<{ items: { project: string; octopusTenant?: string }[] }>(
      "deployments_get_dashboard",
      {
        project: "customer-portal",
        octopusTenants: ["Globex"],
      },
    );
    if (!t.ok) throw new Error(JSON.stringify(t.error));
    expect(t.data.items).toEqual([
      expect.objectContaining({ project: "Customer Portal", octopusTenant: "Globex" }),
    ]);
  });

  it("compares releases, summarises process, variables and live status", async () => {
    const releases = await host.callTool<{ items: { version: string }[] }>("deployments_find_releases", {
      project: "checkout",
      limit: 2,
    });
    if (!releases.ok) throw new Error(JSON.stringify(releases.error));
    const [newer, older] = releases.data.items;
    const cmp = await host.callTool<{ from: { version: string }; to: { version: string } }>(
      "deployments_compare_releases",
      {
        project: "checkout",
        from: older?.version,
        to: newer?.version,
      },
    );
    if (!cmp.ok) throw new Error(JSON.stringify(cmp.error));
    expect(cmp.data.to.version).toBe(newer?.version);
    const proc = await host.callTool<{ steps: unknown[] }>("deployments_get_deployment_process", {
      project: "checkout",
    });
    expect(proc.ok && proc.data.steps.length).toBeGreaterThan(0);
    const vars = await host.callTool<{ items: { value?: string }[] }>("deployments_get_project_variables", {
      project: "checkout",
    });
    expect(vars.ok).toBe(true);
    const live = await host.callTool<{ summary: Record<string, unknown> }>("deployments_get_live_status", {
      project: "checkout",
      environment: "Production",
    });
    if (!live.ok) throw new Error(JSON.stringify(live.error));
    expect(live.data.summary).toBeDefined();
  });

  it("rejects invalid arguments at the host", async () => {
    const r = await host.callTool("deployments_list_deployments", { limit: 0, bogus: true });
    expect(!r.ok && r.error.error).toBe("invalid_arguments");
  });

  it("creates a release and deploys it with progress until completion", async () => {
    const created = await host.callTool<{ id: string; version: string }>("deployments_create_release", {
      project: "cart",
      version: "9.9.9-mcp",
    });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    expect(created.data.version).toBe("9.9.9-mcp");
    const progress: string[] = [];
    const deployed = await host.callTool<{
      completed: boolean;
      deployments: { state: string; environment: string }[];
    }>(
      "deployments_deploy_release",
      { project: "cart", release: "9.9.9-mcp", environments: ["Dev"], waitSeconds: 60 },
      { onProgress: (p) => progress.push(p.message ?? "") },
    );
    if (!deployed.ok) throw new Error(JSON.stringify(deployed.error));
    expect(deployed.data.completed).toBe(true);
    expect(deployed.data.deployments[0]?.environment).toBe("Dev");
    expect(["Success", "Failed"]).toContain(deployed.data.deployments[0]?.state);
    expect(progress.length).toBeGreaterThan(0);
  });

  it("deploys a tenanted project by tenant tag and names each Octopus tenant", async () => {
    const releases = await host.callTool<{ items: { version: string }[] }>("deployments_find_releases", {
      project: "customer-portal",
      limit: 1,
    });
    if (!releases.ok) throw new Error(JSON.stringify(releases.error));
    const version = releases.data.items[0]?.version;
    const missingTenants = await host.callTool("deployments_deploy_release", {
      project: "customer-portal",
      release: version,
      environments: ["Test"],
    });
    expect(!missingTenants.ok && missingTenants.error.error).toBe("invalid_arguments");
    const r = await host.callTool<{
      completed: boolean;
      deployments: { octopusTenant?: string; environment?: string; state?: string }[];
    }>("deployments_deploy_release", {
      project: "customer-portal",
      release: version,
      environments: ["Test"],
      tenantTags: ["Region/US"],
      waitSeconds: 30,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.data.deployments.length).toBeGreaterThan(0);
    for (const d of r.data.deployments) {
      expect(["Globex", "Initech", "Wayne Enterprises"]).toContain(d.octopusTenant);
      expect(d.environment).toBe("Test");
    }
    expect(r.data.completed).toBe(true);
  });
});

describe("upstream faults", () => {
  async function faulty(status: number, headers: Record<string, string> = {}) {
    const fetchImpl: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes("/environments"))
        return new Response(JSON.stringify({ ErrorMessage: "boom" }), { status, headers });
      return fetch(input, init);
    };
    return startTestHost({
      ...(hostOptions({ fetch: fetchImpl, config: { http: { maxRetries: 0 } } }) as object),
      autoStop: false,
    } as never);
  }

  it("maps 500 to upstream_unavailable and 429 to rate_limit", async () => {
    for (const [status, code] of [
      [500, "upstream_unavailable"],
      [429, "rate_limit"],
    ] as const) {
      const h = await faulty(status, status === 429 ? { "Retry-After": "1" } : {});
      try {
        const r = await h.callTool("deployments_list_environments", {});
        expect(!r.ok && r.error.error).toBe(code);
      } finally {
        await h.stop();
      }
    }
  });

  it("maps a hanging upstream to timeout", async () => {
    const hanging: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.includes("/environments")) return fetch(input, init);
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason ?? new Error("aborted")));
      });
    };
    const h = await startTestHost({
      ...(hostOptions({
        fetch: hanging,
        config: { calls: { timeoutMs: 300 }, http: { timeoutMs: 200, maxRetries: 0 } },
      }) as object),
    } as never);
    try {
      const r = await h.callTool("deployments_list_environments", {});
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.error).toBe("timeout");
    } finally {
      await h.stop();
    }
  });
});

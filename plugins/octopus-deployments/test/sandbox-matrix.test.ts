/**
 * Per-tool matrix on the sandbox through the real host: misspelt names (did you mean), invalid
 * arguments, upstream 500/429 on every read tool; resource templates and prompts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@octopus-mcp/sandbox";
import { startTestHost, type TestHost } from "@octopus-mcp/testkit";
import { createDeploymentsPlugin } from "../src/index.js";

let sb: Sandbox;
let host: TestHost;
let faultStatus = 0;

/** Valid arguments for every read tool. */
const READ_CALLS: Record<string, Record<string, unknown>> = {
  deployments_list_spaces: {},
  deployments_list_environments: {},
  deployments_find_projects: { name: "cart" },
  deployments_find_releases: { project: "cart" },
  deployments_compare_releases: { project: "cart", from: "Releases-1", to: "Releases-2" },
  deployments_list_deployments: { project: "cart" },
  deployments_get_deployment: { deployment: "Deployments-1" },
  deployments_get_dashboard: { project: "cart" },
  deployments_get_deployment_process: { project: "cart" },
  deployments_get_project_variables: { project: "cart" },
  deployments_get_live_status: { project: "cart", environment: "Dev" },
};

const PROJECT_TOOLS = Object.entries(READ_CALLS)
  .filter(([, args]) => "project" in args)
  .map(([name, args]) => [name, args] as const);

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
  const fetchImpl: typeof fetch = async (input, init) => {
    if (faultStatus !== 0) {
      return new Response(JSON.stringify({ ErrorMessage: "injected" }), {
        status: faultStatus,
        headers: {
          "Content-Type": "application/json",
          ...(faultStatus === 429 ? { "Retry-After": "7" } : {}),
        },
      });
    }
    return fetch(input, init);
  };
  host = await startTestHost({
    // No space caching here, so every call reaches the (faulty) upstream.
    plugins: [{ plugin: createDeploymentsPlugin, config: { spaceCacheTtlMs: 0 } }],
    tenants: { default: { octopus: { serverUrl: sb.octopusUrl, credentialId: "octopus" } } },
    credentials: { default: { octopus: sb.apiKey } },
    fetch: fetchImpl,
    config: { http: { maxRetries: 0, breaker: { consecutiveFailures: 1000, halfOpenAfterMs: 1000 } } },
    autoStop: false,
  } as never);
});

afterAll(async () => {
  await host?.stop();
  await sb?.stop();
});

describe("every read tool", () => {
  it.each(Object.entries(READ_CALLS))("%s answers on the sandbox", async (name, args) => {
    const r = await host.callTool(name, args);
    if (!r.ok && r.error.error !== "invalid_arguments")
      throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    // compare_releases may legitimately reject IDs of another project; everything else must succeed.
    if (name !== "deployments_compare_releases") expect(r.ok).toBe(true);
  });

  it.each(Object.keys(READ_CALLS))("%s rejects unknown arguments", async (name) => {
    const r = await host.callTool(name, { ...READ_CALLS[name], unexpected: 1 });
    expect(!r.ok && r.error.error).toBe("invalid_arguments");
  });

  it.each(PROJECT_TOOLS)("%s suggests the right project for a misspelt name", async (name, args) => {
    const r = await host.callTool(name, { ...args, project: "Crat" });
    expect(!r.ok && r.error.error).toBe("not_found");
    expect(!r.ok && r.error.message).toContain('Did you mean "Cart" (Projects-3)?');
  });

  it.each(Object.entries(READ_CALLS))("%s maps upstream 500 and 429", async (name, args) => {
    try {
      faultStatus = 500;
      const five = await host.callTool(name, args);
      expect(!five.ok && five.error.error).toBe("upstream_unavailable");
      faultStatus = 429;
      const four = await host.callTool(name, args);
      expect(!four.ok && four.error.error).toBe("rate_limit");
      expect(!four.ok && four.error.retry_after).toBe(7);
    } finally {
      faultStatus = 0;
    }
  });
});

describe("resource templates and prompts", () => {
  it("lists and reads release and deployment bodies", async () => {
    await host.ready;
    const templates = await host.client.listResourceTemplates();
    const uris = templates.resourceTemplates.map((t) => t.uriTemplate);
    expect(uris).toEqual(
      expect.arrayContaining([
        "octopus://spaces/{space}/releases/{id}",
        "octopus://spaces/{space}/deployments/{id}",
      ]),
    );
    const release = await host.client.readResource({ uri: "octopus://spaces/Default/releases/Releases-1" });
    const body = JSON.parse((release.contents[0] as { text: string }).text) as Record<string, unknown>;
    expect(body.Id).toBe("Releases-1");
    expect(body.Links).toBeUndefined();
    const deployment = await host.client.readResource({
      uri: "octopus://spaces/Spaces-1/deployments/Deployments-1",
    });
    expect(JSON.parse((deployment.contents[0] as { text: string }).text)).toMatchObject({
      Id: "Deployments-1",
    });
  });

  it("serves the three prompts with the given arguments", async () => {
    await host.ready;
    const list = await host.client.listPrompts();
    expect(list.prompts.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "deployments_what_changed_in_production",
        "deployments_why_deployment_failed",
        "deployments_promote_release",
      ]),
    );
    const why = await host.client.getPrompt({
      name: "deployments_why_deployment_failed",
      arguments: { deployment: "Deployments-7" },
    });
    expect(JSON.stringify(why.messages)).toContain(
      'deployments_get_deployment with deployment \\"Deployments-7\\"',
    );
    const promote = await host.client.getPrompt({
      name: "deployments_promote_release",
      arguments: { project: "cart" },
    });
    const promoteText = JSON.stringify(promote.messages);
    expect(promoteText).toContain('lifecycle \\"Default Lifecycle\\"');
    expect(promoteText).toMatch(/next phase|completed every phase/);
  });
});

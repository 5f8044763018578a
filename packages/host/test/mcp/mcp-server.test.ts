import { NotFoundError, type ToolDefinition } from "@octopus-mcp/core";
import { ErrorCode, type McpError } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { MemoryAuditSink } from "../../src/audit/audit-log.js";
import { argumentsSha256 } from "../../src/audit/canonical-json.js";
import { createCallGovernance } from "../../src/transport/call-governance.js";
import { echoTool, fixturePlugin } from "../fixtures/fixture-plugins.js";
import { buildHost, connectClient, startHost } from "../fixtures/test-host.js";

const tiers: ToolDefinition[] = [
  echoTool("d", { name: "d_list", access: "read" }),
  echoTool("d", { name: "d_deploy", access: "write", title: "Deploy a release" }),
  echoTool("d", { name: "d_delete", access: "delete" }),
];

describe("tools/list", () => {
  it("paginates with opaque cursors in deterministic (name) order", async () => {
    const tools = ["e", "c", "a", "d", "b"].map((n) => echoTool("p", { name: `p_${n}` }));
    const { host } = buildHost({
      plugins: [fixturePlugin({ namespace: "p", tools })],
      extra: { listPageSize: 2 },
    });
    await host.start();
    const client = await connectClient(host);
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor !== undefined ? { cursor } : undefined);
      pages.push(page.tools.map((t) => t.name));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(pages).toEqual([["p_a", "p_b"], ["p_c", "p_d"], ["p_e"]]);
    const bad = await client.listTools({ cursor: "not-a-cursor" }).catch((e: unknown) => e);
    expect((bad as McpError).code).toBe(ErrorCode.InvalidParams);
  });

  it("serves annotations derived from access (explicit ones win), title and outputSchema", async () => {
    const withOutput = echoTool("d", {
      name: "d_get",
      outputSchema: { type: "object", properties: { text: { type: "string" } } },
      annotations: { openWorldHint: false },
    });
    const { client } = await startHost({
      config: { policy: { allowDeletes: true } },
      plugins: [fixturePlugin({ namespace: "d", tools: [...tiers, withOutput] })],
    });
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    expect(byName.d_list?.annotations).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(byName.d_deploy?.annotations).toMatchObject({
      title: "Deploy a release",
      readOnlyHint: false,
      destructiveHint: false,
    });
    expect(byName.d_deploy?.title).toBe("Deploy a release");
    expect(byName.d_delete?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.d_get?.annotations?.openWorldHint).toBe(false);
    expect(byName.d_get?.outputSchema).toEqual({ type: "object", properties: { text: { type: "string" } } });
    expect(byName.d_list?.outputSchema).toBeUndefined();
  });
});

describe("access policy", () => {
  it("read-only hides write and delete tools and blocks calls to them", async () => {
    const { client } = await startHost({
      config: { policy: { readOnly: true, allowDeletes: true } },
      plugins: [fixturePlugin({ namespace: "d", tools: tiers })],
    });
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["d_list"]);
    const blocked = await client.callTool({ name: "d_deploy", arguments: { text: "x" } });
    expect(blocked.isError).toBe(true);
    expect(blocked.structuredContent).toMatchObject({ success: false, error: "read_only" });
  });

  it("delete tools need allowDeletes", async () => {
    const { client } = await startHost({ plugins: [fixturePlugin({ namespace: "d", tools: tiers })] });
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["d_deploy", "d_list"]);
    const blocked = await client.callTool({ name: "d_delete", arguments: { text: "x" } });
    expect(blocked.structuredContent).toMatchObject({ error: "read_only" });
  });

  it("a caller tenant's policy only tightens the host's; tool deny lists apply", async () => {
    const { host } = buildHost({
      config: {
        policy: { allowDeletes: true },
        tenants: {
          default: {},
          viewer: { policy: { readOnly: true } },
          loose: { policy: { allowDeletes: true, readOnly: false, tools: { deny: ["d_l*"] } } },
        },
      },
      plugins: [fixturePlugin({ namespace: "d", tools: tiers })],
    });
    await host.start();
    const names = async (tenant: string) =>
      (await (await connectClient(host, tenant)).listTools()).tools.map((t) => t.name);
    expect(await names("default")).toEqual(["d_delete", "d_deploy", "d_list"]);
    expect(await names("viewer")).toEqual(["d_list"]);
    expect(await names("loose")).toEqual(["d_delete", "d_deploy"]);
    const denied = await (
      await connectClient(host, "loose")
    ).callTool({ name: "d_list", arguments: { text: "x" } });
    expect(denied.structuredContent).toMatchObject({ error: "forbidden" });
  });

  it("refuses a blocked tool by policy before looking at its arguments (invalid ones included)", async () => {
    const audit = new MemoryAuditSink();
    const governance = createCallGovernance({ env: {}, auditSink: audit, processMetrics: false });
    const { host } = buildHost({
      config: {
        policy: { readOnly: true },
        tenants: { default: {}, narrow: { policy: { tools: { deny: ["d_list"] } } } },
      },
      plugins: [fixturePlugin({ namespace: "d", tools: tiers })],
      extra: { hooks: governance.hooks },
    });
    await host.start();
    const client = await connectClient(host);
    // Missing required `text`, an unknown property and a non-boolean confirm: still read_only.
    const blocked = await client.callTool({ name: "d_deploy", arguments: { extra: 1, confirm: "yes" } });
    expect(blocked.structuredContent).toMatchObject({ success: false, error: "read_only" });
    const denied = await (await connectClient(host, "narrow")).callTool({ name: "d_list", arguments: {} });
    expect(denied.structuredContent).toMatchObject({ success: false, error: "forbidden" });
    // An allowed tool with invalid arguments is still invalid_arguments.
    const invalid = await client.callTool({ name: "d_list", arguments: {} });
    expect(invalid.structuredContent).toMatchObject({ error: "invalid_arguments" });
    // The audit line of the refusal hashes the arguments as sent, without the host-owned confirm.
    const records = audit.records();
    expect(records.map((r) => [r.tool, r.outcome, r.confirmedHow])).toEqual([
      ["d_deploy", "read_only", null],
      ["d_list", "forbidden", null],
      ["d_list", "invalid_arguments", null],
    ]);
    expect(records[0]?.argumentsSha256).toBe(argumentsSha256({ extra: 1 }));
  });
});

describe("resources, templates, prompts, instructions, capabilities", () => {
  it("serves what plugins register, inside the caller-tenant scope", async () => {
    const { client } = await startHost({
      plugins: [
        fixturePlugin({
          namespace: "r",
          tools: [echoTool("r")],
          register: (registry) => {
            registry.addInstructions("Use r_echo to echo.");
            registry.addResource({
              uri: "octopus://spaces",
              name: "r_spaces",
              mimeType: "application/json",
              read: async (uri, ctx) => [
                { uri: uri.href, text: JSON.stringify({ tenant: ctx.tenant.tenantId }) },
              ],
            });
            registry.addResourceTemplate({
              uriTemplate: "octopus://spaces/{space}/releases/{id}",
              name: "r_release",
              read: async (uri, vars) => {
                if (vars.id === "missing") throw new NotFoundError("no such release");
                return [{ uri: uri.href, text: `${vars.space}/${vars.id}` }];
              },
            });
            registry.addPrompt({
              name: "r_triage",
              description: "Triage a failed deployment",
              arguments: [{ name: "deployment", description: "Deployment ID", required: true }],
              get: async (args) => ({
                messages: [{ role: "user", content: { type: "text", text: `Triage ${args.deployment}` } }],
              }),
            });
          },
        }),
      ],
    });
    expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: {}, prompts: {} });
    expect(client.getInstructions()).toBe("Use r_echo to echo.");
    expect((await client.listResources()).resources).toEqual([
      { uri: "octopus://spaces", name: "r_spaces", mimeType: "application/json" },
    ]);
    expect((await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)).toEqual([
      "octopus://spaces/{space}/releases/{id}",
    ]);
    expect((await client.readResource({ uri: "octopus://spaces" })).contents[0]).toMatchObject({
      text: '{"tenant":"default"}',
    });
    expect(
      (await client.readResource({ uri: "octopus://spaces/Spaces-1/releases/Releases%2042" })).contents[0],
    ).toMatchObject({
      text: "Spaces-1/Releases 42",
    });
    const notFound = await client
      .readResource({ uri: "octopus://spaces/S/releases/missing" })
      .catch((e: unknown) => e);
    expect((notFound as McpError).code).toBe(-32002);
    const unknown = await client.readResource({ uri: "octopus://nothing" }).catch((e: unknown) => e);
    expect((unknown as McpError).code).toBe(-32002);
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(["r_triage"]);
    const prompt = await client.getPrompt({ name: "r_triage", arguments: { deployment: "Deployments-1" } });
    expect(prompt.messages[0]?.content).toEqual({ type: "text", text: "Triage Deployments-1" });
    const missingArg = await client.getPrompt({ name: "r_triage", arguments: {} }).catch((e: unknown) => e);
    expect((missingArg as McpError).code).toBe(ErrorCode.InvalidParams);
  });

  it("declares only the capabilities that exist", async () => {
    const { client } = await startHost({
      plugins: [fixturePlugin({ namespace: "t", tools: [echoTool("t")] })],
    });
    const capabilities = client.getServerCapabilities();
    expect(capabilities?.tools).toBeDefined();
    expect(capabilities?.resources).toBeUndefined();
    expect(capabilities?.prompts).toBeUndefined();
    expect(client.getInstructions()).toBeUndefined();
  });
});

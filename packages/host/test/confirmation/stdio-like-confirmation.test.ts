/**
 * Confirmation on a persistent connection (stdio, in-memory): the same MCP Server sees the
 * client's `initialize`, so elicitation is used when the client declared it, and `confirm: true`
 * otherwise. The host is the real one with the call governance hooks installed as the CLI does.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import {
  ElicitRequestSchema,
  type CallToolResult,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { MemoryAuditSink } from "../../src/audit/audit-log.js";
import { createCallGovernance } from "../../src/transport/call-governance.js";
import { buildHost } from "../fixtures/test-host.js";
import { fixturePlugin } from "../fixtures/fixture-plugins.js";

const calls: unknown[] = [];
const plugin = fixturePlugin({
  namespace: "demo",
  tools: [
    {
      name: "demo_restart",
      description: "Restart a service.",
      access: "write",
      inputSchema: {
        type: "object",
        properties: { service: { type: "string", description: "Service" } },
        required: ["service"],
        additionalProperties: false,
      },
      confirmationMessage: (a: { service: string }) => `Restart ${a.service}`,
      handler: (args: unknown) => (calls.push(args), { restarted: true }),
    },
  ],
});

async function connected(elicit?: () => ElicitResult) {
  const audit = new MemoryAuditSink();
  const governance = createCallGovernance({
    env: {},
    transport: "stdio",
    auditSink: audit,
    processMetrics: false,
  });
  const { host } = buildHost({ plugins: [plugin], extra: { hooks: governance.hooks } });
  await host.start();
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "t", version: "1" }, { capabilities: elicit ? { elicitation: {} } : {} });
  if (elicit) client.setRequestHandler(ElicitRequestSchema, () => elicit());
  await Promise.all([host.connect(serverTransport), client.connect(clientTransport)]);
  return { client, audit };
}

const text = (r: unknown) =>
  JSON.parse(((r as CallToolResult).content[0] as { text: string }).text) as Record<string, unknown>;

describe("confirmation on a persistent connection", () => {
  it("asks through elicitation and runs the tool only after accept", async () => {
    calls.length = 0;
    const prompts: string[] = [];
    const { client, audit } = await connected(() => {
      prompts.push("asked");
      return { action: "accept", content: { approve: true } };
    });
    const result = await client.callTool({ name: "demo_restart", arguments: { service: "api" } });
    expect(result.isError).toBeFalsy();
    expect(calls).toEqual([{ service: "api" }]);
    expect(prompts).toHaveLength(1);
    expect(audit.records()[0]).toMatchObject({
      tool: "demo_restart",
      confirmedHow: "elicitation",
      outcome: "success",
      callerTenantId: "default",
    });
  });

  it("cancel refuses with confirmation_required and the handler never runs", async () => {
    calls.length = 0;
    const { client } = await connected(() => ({ action: "cancel" }));
    const result = await client.callTool({ name: "demo_restart", arguments: { service: "api" } });
    expect(text(result)).toMatchObject({
      error: "confirmation_required",
      details: { reason: "cancelled", summary: "Restart api" },
    });
    expect(calls).toEqual([]);
  });

  it("without elicitation needs confirm: true", async () => {
    calls.length = 0;
    const { client } = await connected();
    expect(text(await client.callTool({ name: "demo_restart", arguments: { service: "db" } }))).toMatchObject(
      {
        error: "confirmation_required",
      },
    );
    const ok = await client.callTool({ name: "demo_restart", arguments: { service: "db", confirm: true } });
    expect(ok.isError).toBeFalsy();
    expect(calls).toEqual([{ service: "db" }]);
  });
});

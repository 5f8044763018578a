import { ConfirmationRequiredError } from "@octopus-mcp/core";
import { describe, expect, it } from "vitest";
import type { ToolCallHook, ToolCallInfo, ToolCallOutcome } from "../../src/host/call-hooks.js";
import { type PluginStartupError } from "../../src/plugins/plugin-failure.js";
import { echoTool, fixturePlugin } from "../fixtures/fixture-plugins.js";
import { buildHost, startHost } from "../fixtures/test-host.js";

const writeTool = echoTool("w", {
  name: "w_deploy",
  access: "write",
  handler: (args: Record<string, unknown>) => ({ received: args }),
});

describe("tool-call hooks and the host-owned confirm argument", () => {
  it("lists write tools with an optional confirm boolean; read tools unchanged", async () => {
    const { client } = await startHost({
      plugins: [fixturePlugin({ namespace: "w", tools: [writeTool, echoTool("w")] })],
    });
    const { tools } = await client.listTools();
    const deploy = tools.find((t) => t.name === "w_deploy");
    expect(deploy?.inputSchema.properties?.confirm).toMatchObject({ type: "boolean" });
    expect(deploy?.inputSchema.required).toEqual(["text"]);
    expect(tools.find((t) => t.name === "w_echo")?.inputSchema.properties).not.toHaveProperty("confirm");
  });

  it("strips confirm before validation and the handler, and hands it to hooks", async () => {
    const seen: Array<{ info: ToolCallInfo; outcome?: ToolCallOutcome }> = [];
    const hook: ToolCallHook = {
      beforeHandler: (info) => void seen.push({ info }),
      afterCall: (info, outcome) => void seen.push({ info: info as ToolCallInfo, outcome }),
    };
    const { client } = await startHost({
      plugins: [fixturePlugin({ namespace: "w", tools: [writeTool] })],
      extra: { hooks: [hook] },
    });
    const result = await client.callTool({ name: "w_deploy", arguments: { text: "1.2.3", confirm: true } });
    expect(result.structuredContent).toEqual({ received: { text: "1.2.3" } });
    expect(seen[0]?.info).toMatchObject({ confirm: true, arguments: { text: "1.2.3" }, tenantId: "default" });
    expect(seen[1]?.outcome).toMatchObject({ kind: "ok" });
    expect(seen[0]?.info.correlationId).toBe(seen[1]?.info.correlationId);

    const bad = await client.callTool({ name: "w_deploy", arguments: { text: "1.2.3", confirm: "yes" } });
    expect(bad.structuredContent).toMatchObject({
      error: "invalid_arguments",
      violations: [{ path: "/confirm", rule: "type" }],
    });
  });

  it("a beforeHandler hook refuses a call with a typed error; afterCall sees the code", async () => {
    let handled = false;
    const outcomes: ToolCallOutcome[] = [];
    const hook: ToolCallHook = {
      beforeHandler: (info) => {
        if (info.tool.definition.access !== "read" && info.confirm !== true) {
          throw new ConfirmationRequiredError("Confirm deploying 1.2.3 to Production.");
        }
      },
      afterCall: (_info, outcome) => void outcomes.push(outcome),
    };
    const tool = { ...writeTool, handler: () => ((handled = true), {}) };
    const { client } = await startHost({
      plugins: [fixturePlugin({ namespace: "w", tools: [tool] })],
      extra: { hooks: [hook] },
    });
    const result = await client.callTool({ name: "w_deploy", arguments: { text: "1.2.3" } });
    expect(result.structuredContent).toEqual({
      success: false,
      error: "confirmation_required",
      message: "Confirm deploying 1.2.3 to Production.",
    });
    expect(handled).toBe(false);
    expect(outcomes).toEqual([expect.objectContaining({ kind: "error", code: "confirmation_required" })]);
  });

  it("refuses write tools that declare their own confirm property (reserved-argument)", async () => {
    const tool = echoTool("w", {
      name: "w_deploy",
      access: "write",
      inputSchema: {
        type: "object",
        properties: { confirm: { type: "boolean", description: "Mine" } },
        additionalProperties: false,
      },
    });
    const { host } = buildHost({ plugins: [fixturePlugin({ namespace: "w", tools: [tool] })] });
    const error = (await host.start().catch((e: unknown) => e)) as PluginStartupError;
    expect(error.failures[0]?.message).toContain('/inputSchema/properties/confirm: rule "reserved-argument"');
  });
});

import { startTestHost } from "@octopus-mcp/testkit";
import { describe, expect, it } from "vitest";
import { createTemplatePlugin, TEMPLATE_MANIFEST } from "../src/index.js";

describe("template plugin lifecycle", () => {
  it("registers one read tool under its namespace, with the config default applied", async () => {
    const host = await startTestHost({ plugins: [createTemplatePlugin] });
    const tools = await host.listTools();
    expect(tools.map((t) => t.name)).toEqual(["template_get_server_info"]);
    expect(tools[0]?.annotations?.readOnlyHint).toBe(true);
  });

  it("is refused by the host when its config section breaks the config schema", async () => {
    await expect(
      startTestHost({ plugins: [{ plugin: createTemplatePlugin, config: { requestTimeoutMs: 5 } }] }),
    ).rejects.toThrow(/requestTimeoutMs/);
  });

  it("does no work in onRegister and returns a fresh instance per call", () => {
    const a = createTemplatePlugin();
    const b = createTemplatePlugin();
    expect(a).not.toBe(b);
    expect(a.manifest).toBe(TEMPLATE_MANIFEST);
    const registered: unknown[] = [];
    const container = { registerInstance: (_token: unknown, value: unknown) => registered.push(value) };
    const result: unknown = a.onRegister(container as never, { requestTimeoutMs: 1000 });
    expect(result).toBeUndefined();
    expect(registered).toEqual([{ requestTimeoutMs: 1000 }]);
  });
});

import { startTestHost } from "@octopus-mcp/testkit";
import { describe, expect, it } from "vitest";
import { createDeployNotifierPlugin, DEPLOY_NOTIFIER_MANIFEST } from "../src/index.js";

describe("deploy-notifier plugin lifecycle", () => {
  it("registers one write tool under its namespace", async () => {
    const host = await startTestHost({ plugins: [createDeployNotifierPlugin] });
    const tools = await host.listTools();
    expect(tools.map((t) => t.name)).toEqual(["deploy_notifier_post_deployment_summary"]);
    expect(tools[0]?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
  });

  it("is hidden under a read-only policy", async () => {
    const host = await startTestHost({
      plugins: [createDeployNotifierPlugin],
      config: { policy: { readOnly: true } },
    });
    expect(await host.listTools()).toEqual([]);
  });

  it("is refused when its config section holds an unknown key", async () => {
    await expect(
      startTestHost({
        plugins: [{ plugin: createDeployNotifierPlugin, config: { webhookUrl: "https://example.com" } }],
      }),
    ).rejects.toThrow(/webhookUrl/);
  });

  it("registers only its config in onRegister", () => {
    const plugin = createDeployNotifierPlugin();
    expect(plugin).not.toBe(createDeployNotifierPlugin());
    expect(plugin.manifest).toBe(DEPLOY_NOTIFIER_MANIFEST);
    const registered: unknown[] = [];
    const container = { registerInstance: (_token: unknown, value: unknown) => registered.push(value) };
    expect(
      plugin.onRegister(container as never, { webhookUrlCredentialId: "x", requestTimeoutMs: 1000 }),
    ).toBeUndefined();
    expect(registered).toEqual([{ webhookUrlCredentialId: "x", requestTimeoutMs: 1000 }]);
  });
});

// Testing a plugin: a real host in-process, an MCP client connected over memory.
import { checkToolDefinitions, startTestHost } from "@octopus-mcp/testkit";
import { describe, expect, it } from "vitest";
import { createHelloPlugin, greetTool } from "../src/hello-plugin.js";

describe("hello plugin", () => {
  it("follows the host's schema rules", () => {
    expect(checkToolDefinitions("hello", [greetTool])).toEqual([]);
  });

  it("greets, per caller tenant", async () => {
    const host = await startTestHost({
      plugins: [createHelloPlugin],
      tenants: { acme: {}, globex: {} },
      tenant: "acme",
    });

    const r = await host.callTool("hello_greet", { name: "Ada", language: "de" });
    expect(r).toMatchObject({ ok: true, data: { text: "Hallo, Ada!", callerTenant: "acme" } });

    const other = await host.asTenant("globex").callTool("hello_greet", { name: "Ada" });
    expect(other).toMatchObject({ ok: true, data: { text: "Hello, Ada!", callerTenant: "globex" } });

    const missing = await host.callTool("hello_greet", { name: "Ada", language: "xx" });
    expect(missing).toMatchObject({ ok: false, error: { error: "not_found" } });

    const invalid = await host.callTool("hello_greet", { name: "" });
    expect(invalid).toMatchObject({ ok: false, error: { error: "invalid_arguments" } });

    const resource = await host.client.readResource({ uri: "hello://languages" });
    expect(resource.contents[0]).toMatchObject({ text: '["en","de","fr"]' });
    const prompt = await host.client.getPrompt({ name: "hello_welcome", arguments: { name: "Ada" } });
    expect(prompt.messages[0]?.content).toEqual({ type: "text", text: "Greet Ada in English and German." });
  }); // the host stops when the test ends
});

import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkToolDefinitions } from "../../src/registry/tool-check.js";
import { echoTool, fixturePlugin } from "../fixtures/fixture-plugins.js";
import { startHost } from "../fixtures/test-host.js";

type Result = CallToolResult & { structuredContent?: Record<string, unknown> };

function body(result: Result): Record<string, unknown> {
  const text = result.content[0]?.type === "text" ? result.content[0].text : "";
  return JSON.parse(text) as Record<string, unknown>;
}

const listTool = echoTool("a", {
  name: "a_list",
  inputSchema: {
    type: "object",
    properties: { take: { type: "integer", minimum: 1, description: "Page size" } },
    additionalProperties: false,
  },
  outputSchema: {
    type: "object",
    properties: { items: { type: "array", items: { type: "string" } } },
    required: ["items"],
  },
  handler: () => ({ items: ["x"] }),
});

/**
 * Passes every start-up check but does not compile: a relative `$ref` against an `$id` base is
 * left to Ajv (strict-schema-check.ts), and Ajv cannot resolve it.
 */
const unresolvableIdRef = {
  $id: "https://example.test/schemas/echo.json",
  type: "object",
  properties: { text: { $ref: "text.json", description: "Text" } },
  additionalProperties: false,
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("validators compiled on first use", () => {
  it("start-up compiles nothing; the first call compiles that tool's validators, later calls reuse them", async () => {
    const compile = vi.spyOn(Ajv2020.prototype, "compile");
    // Start-up uses the precompiled meta-schema validator; the compiling Ajv does not re-validate.
    const validateSchema = vi.spyOn(Ajv2020.prototype, "validateSchema");
    const { host, client } = await startHost({
      plugins: [fixturePlugin({ namespace: "a", tools: [echoTool("a"), listTool] })],
    });
    expect(compile).not.toHaveBeenCalled();
    const echo = host.registry.getTool("a_echo");
    const list = host.registry.getTool("a_list");
    expect(echo?.validateArguments.isCompiled).toBe(false);
    expect(list?.validateArguments.isCompiled).toBe(false);
    expect(list?.validateOutput?.isCompiled).toBe(false);

    // The first call is invalid: the validator compiles and answers as it always did.
    const invalid = (await client.callTool({ name: "a_echo", arguments: { text: 1 } })) as Result;
    expect(invalid.isError).toBe(true);
    expect(invalid.structuredContent).toMatchObject({
      success: false,
      error: "invalid_arguments",
      violations: [expect.objectContaining({ path: "/text", rule: "type" })],
    });
    expect(compile).toHaveBeenCalledTimes(1);
    expect(echo?.validateArguments.isCompiled).toBe(true);
    expect(list?.validateArguments.isCompiled).toBe(false);

    const compiled = echo?.validateArguments.compile();
    const ok = (await client.callTool({ name: "a_echo", arguments: { text: "hi" } })) as Result;
    expect(ok.structuredContent).toEqual({ text: "hi" });
    expect(compile).toHaveBeenCalledTimes(1);
    expect(echo?.validateArguments.compile()).toBe(compiled);

    // Output schemas likewise: compiled on the first result that needs them.
    const listed = (await client.callTool({ name: "a_list", arguments: {} })) as Result;
    expect(listed.structuredContent).toEqual({ items: ["x"] });
    expect(list?.validateOutput?.isCompiled).toBe(true);
    expect(compile).toHaveBeenCalledTimes(3);
    await client.callTool({ name: "a_list", arguments: { take: 2 } });
    expect(compile).toHaveBeenCalledTimes(3);
    expect(validateSchema).not.toHaveBeenCalled();
  });

  it("an input schema that fails to compile on first use fails the call with internal_error and logs plugin, tool, pointer and reason", async () => {
    let called = false;
    const tool = echoTool("a", { inputSchema: unresolvableIdRef, handler: () => ((called = true), {}) });
    const { client, log } = await startHost({ plugins: [fixturePlugin({ namespace: "a", tools: [tool] })] });
    const compile = vi.spyOn(Ajv2020.prototype, "compile");

    for (let i = 0; i < 2; i++) {
      const result = (await client.callTool({ name: "a_echo", arguments: { text: "hi" } })) as Result;
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toMatchObject({ success: false, error: "internal_error" });
      expect(String(result.structuredContent?.message)).toContain("correlationId");
      expect(body(result)).toEqual(result.structuredContent);
    }
    expect(called).toBe(false);
    expect(compile).toHaveBeenCalledTimes(1); // a failed compilation is not retried per call
    const errors = log.lines.filter((l) => l.level === "error" || l.level === "50");
    const logged = errors.map((l) => (l.err as { message?: string } | undefined)?.message ?? "");
    expect(logged).toContain(
      'Plugin "@fixtures/plugin-a" tool "a_echo": /inputSchema: rule "schema-compiles": does not compile under Ajv strict mode ' +
        "(JSON Schema 2020-12): can't resolve reference text.json from id https://example.test/schemas/echo.json " +
        "(found when the validator was first compiled)",
    );
  });

  it("an output schema that fails to compile on first use fails the call with internal_error", async () => {
    const tool = {
      ...listTool,
      outputSchema: { ...unresolvableIdRef, properties: { items: { $ref: "items.json" } } },
    };
    const { client, log } = await startHost({ plugins: [fixturePlugin({ namespace: "a", tools: [tool] })] });
    const result = (await client.callTool({ name: "a_list", arguments: {} })) as Result;
    expect(result.isError).toBe(true);
    expect(body(result)).toMatchObject({ success: false, error: "internal_error" });
    expect(log.raw).toContain('tool \\"a_list\\": /outputSchema: rule \\"schema-compiles\\"');
  });

  it("checkToolDefinitions compiles eagerly, so plugin tests still catch what start-up leaves to first use", () => {
    expect(checkToolDefinitions("a", [echoTool("a", { inputSchema: unresolvableIdRef })], "@x/a")).toEqual([
      'Plugin "@x/a" tool "a_echo": /inputSchema: rule "schema-compiles": does not compile under Ajv strict mode ' +
        "(JSON Schema 2020-12): can't resolve reference text.json from id https://example.test/schemas/echo.json",
    ]);
  });
});

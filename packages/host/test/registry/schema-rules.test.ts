import { defineTool, type ToolDefinition } from "@octopus-mcp/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { z as z4 } from "zod/v4";
import { zodToJsonSchema } from "zod-to-json-schema";
import { PluginStartupError } from "../../src/plugins/plugin-failure.js";
import { echoTool, fixturePlugin } from "../fixtures/fixture-plugins.js";
import { buildHost } from "../fixtures/test-host.js";

/** Starts a host with plugin "a" serving `tool`; returns the startup error message. */
async function startupError(tool: Partial<ToolDefinition> & { name?: string }): Promise<string> {
  const { host } = buildHost({ plugins: [fixturePlugin({ namespace: "a", tools: [echoTool("a", tool)] })] });
  const error = await host.start().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PluginStartupError);
  const failure = (error as PluginStartupError).failures[0];
  expect(failure).toMatchObject({ plugin: "@fixtures/plugin-a", phase: "validate" });
  return failure?.message ?? "";
}

const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: "object",
  properties,
  additionalProperties: false,
  ...extra,
});

describe("tool name rules", () => {
  it("name-pattern: snake_case only", async () => {
    const message = await startupError({ name: "a_Echo" });
    expect(message).toContain('Plugin "@fixtures/plugin-a" tool "a_Echo": /name: rule "name-pattern"');
  });

  it("namespace-prefix: the name starts with <namespace>_", async () => {
    const message = await startupError({ name: "other_echo" });
    expect(message).toContain(
      'tool "other_echo": /name: rule "namespace-prefix": name must start with the plugin namespace "a_"',
    );
  });

  it("name-length: at most 64 characters", async () => {
    const name = `a_${"x".repeat(63)}`;
    const message = await startupError({ name });
    expect(message).toContain(
      `tool "${name}": /name: rule "name-length": name has 65 characters; at most 64 allowed`,
    );
  });

  it("unique-name: the same tool name from two plugins fails the later plugin", async () => {
    const { host } = buildHost({
      plugins: [
        fixturePlugin({ namespace: "a", tools: [echoTool("a", { name: "a_b_echo" })] }),
        fixturePlugin({ namespace: "a_b", tools: [echoTool("a_b", { name: "a_b_echo" })] }),
      ],
    });
    const error = (await host.start().catch((e: unknown) => e)) as PluginStartupError;
    expect(error.failures).toHaveLength(1);
    expect(error.failures[0]?.message).toBe(
      'Plugin "@fixtures/plugin-a_b" tool "a_b_echo": /name: rule "unique-name": already registered by plugin "@fixtures/plugin-a"',
    );
  });
});

describe("input schema rules", () => {
  it("root-object: root type must be object", async () => {
    const message = await startupError({ inputSchema: { type: "string" } });
    expect(message).toContain(
      'tool "a_echo": /inputSchema/type: rule "root-object": root must have "type": "object" (found type "string")',
    );
  });

  it("root-object: an empty schema (zod 4 through zod-to-json-schema) is rejected with the cause named", async () => {
    const converted = zodToJsonSchema(z4.object({ text: z4.string().describe("Text") }) as never);
    // The sharp edge itself: zod-to-json-schema 3.x returns no type and no properties for zod 4.
    expect(converted).not.toHaveProperty("type");
    expect(converted).not.toHaveProperty("properties");
    const message = await startupError({ inputSchema: converted });
    expect(message).toContain('/inputSchema/type: rule "root-object"');
    expect(message).toContain(
      "The schema is empty: this is what zod-to-json-schema returns for a zod 4 schema",
    );
  });

  it("defineTool converts zod 3 and zod 4 schemas into schemas the host accepts", async () => {
    const tools = [
      defineTool({
        name: "a_zod3",
        description: "zod 3",
        access: "read",
        inputSchema: z
          .object({ text: z.string().describe("Text"), n: z.number().int().optional().describe("N") })
          .strict(),
        handler: ({ text }) => ({ text }),
      }),
      defineTool({
        name: "a_zod4",
        description: "zod 4",
        access: "read",
        inputSchema: z4.strictObject({ text: z4.string().describe("Text") }) as unknown as Record<
          string,
          unknown
        >,
        handler: () => ({}),
      }),
    ] as ToolDefinition[];
    const { host } = buildHost({ plugins: [fixturePlugin({ namespace: "a", tools })] });
    await host.start();
    expect(host.registry.tools.map((t) => t.definition.name)).toEqual(["a_zod3", "a_zod4"]);
  });

  it("schema-compiles: Ajv strict mode rejects unknown keywords, reported at the keyword", async () => {
    const message = await startupError({
      inputSchema: obj({ q: { type: "string", description: "Query", maxLenght: 3 } }),
    });
    expect(message).toBe(
      'Plugin "@fixtures/plugin-a" tool "a_echo": /inputSchema/properties/q/maxLenght: rule "schema-compiles": ' +
        'does not compile under Ajv strict mode (JSON Schema 2020-12): strict mode: unknown keyword: "maxLenght"',
    );
  });

  it("schema-compiles: unknown formats fail start-up", async () => {
    const message = await startupError({
      inputSchema: obj({ at: { type: "string", description: "When", format: "timestamp" } }),
    });
    expect(message).toBe(
      'Plugin "@fixtures/plugin-a" tool "a_echo": /inputSchema/properties/at/format: rule "schema-compiles": ' +
        'does not compile under Ajv strict mode (JSON Schema 2020-12): unknown format "timestamp" ignored in schema at path "#/properties/at"',
    );
  });

  it("schema-compiles: values the meta-schema refuses fail start-up", async () => {
    const message = await startupError({
      inputSchema: obj({ q: { type: "string", description: "Query", maxLength: -1 } }),
    });
    expect(message).toBe(
      'Plugin "@fixtures/plugin-a" tool "a_echo": /inputSchema/properties/q/maxLength: rule "schema-compiles": ' +
        "does not compile under Ajv strict mode (JSON Schema 2020-12): schema is invalid: must be >= 0",
    );
  });

  it("schema-compiles: keywords without their type (strictTypes) fail start-up", async () => {
    const message = await startupError({
      inputSchema: obj({ n: { description: "Count", minimum: 1 } }),
    });
    expect(message).toContain(
      '/inputSchema/properties/n/minimum: rule "schema-compiles": does not compile under Ajv strict mode (JSON Schema 2020-12): ' +
        'strict mode: missing type "number" for keyword "minimum" at "#/properties/n" (strictTypes)',
    );
  });

  it("required-declared: every required entry is a declared property", async () => {
    const message = await startupError({
      inputSchema: obj({ q: { type: "string", description: "Query" } }, { required: ["q", "space"] }),
    });
    expect(message).toContain(
      'tool "a_echo": /inputSchema/required/1: rule "required-declared": required entry "space" is not declared',
    );
  });

  it("property-description: every property is described", async () => {
    const message = await startupError({ inputSchema: obj({ q: { type: "string" } }) });
    expect(message).toContain(
      'tool "a_echo": /inputSchema/properties/q: rule "property-description": property "q" has no "description"',
    );
  });

  it("property-description: nested object properties are checked too", async () => {
    const message = await startupError({
      inputSchema: obj({
        filter: { description: "Filter", ...obj({ env: { type: "string" } }) },
        items: { type: "array", description: "Items", items: obj({ id: { type: "string" } }) },
      }),
    });
    expect(message).toContain('/inputSchema/properties/filter/properties/env: rule "property-description"');
    expect(message).toContain(
      '/inputSchema/properties/items/items/properties/id: rule "property-description"',
    );
  });

  it("no-additional-properties: additionalProperties must not be true", async () => {
    const message = await startupError({
      inputSchema: {
        type: "object",
        properties: { q: { type: "string", description: "Q" } },
        additionalProperties: true,
      },
    });
    expect(message).toContain(
      'tool "a_echo": /inputSchema/additionalProperties: rule "no-additional-properties"',
    );
  });

  it("every problem of a plugin is listed, not only the first", async () => {
    const message = await startupError({
      name: "a_Bad",
      inputSchema: obj({ q: { type: "string" } }, { required: ["z"] }),
    });
    expect(message.split("\n")).toHaveLength(3);
  });
});

describe("output schema rules", () => {
  it("root-object: outputSchema root type must be object", async () => {
    const message = await startupError({ outputSchema: { type: "array", items: { type: "string" } } });
    expect(message).toContain('tool "a_echo": /outputSchema/type: rule "root-object"');
  });

  it("schema-compiles applies to outputSchema", async () => {
    const message = await startupError({ outputSchema: { type: "object", propertiez: {} } });
    expect(message).toContain('/outputSchema/propertiez: rule "schema-compiles"');
    expect(message).toContain('unknown keyword: "propertiez"');
  });
});

describe("resources and prompts", () => {
  it("are namespaced and unique", async () => {
    const read = async () => [];
    const { host } = buildHost({
      plugins: [
        fixturePlugin({
          namespace: "a",
          register: (r) => {
            r.addResource({ uri: "octopus://spaces", name: "a_spaces", read });
            r.addPrompt({ name: "a_triage", description: "Triage", get: async () => ({ messages: [] }) });
          },
        }),
        fixturePlugin({
          namespace: "b",
          register: (r) => r.addResource({ uri: "octopus://spaces", name: "b_spaces", read }),
        }),
        fixturePlugin({
          namespace: "c",
          register: (r) =>
            r.addPrompt({ name: "triage", description: "Triage", get: async () => ({ messages: [] }) }),
        }),
      ],
    });
    const error = (await host.start().catch((e: unknown) => e)) as PluginStartupError;
    expect(error.failures.map((f) => f.message)).toEqual([
      'Plugin "@fixtures/plugin-b" resource "b_spaces": /uri: rule "unique-uri": uri "octopus://spaces" is already registered by plugin "@fixtures/plugin-a"',
      'Plugin "@fixtures/plugin-c" prompt "triage": /name: rule "namespace-prefix": name must start with the plugin namespace "c_" followed by a verb, e.g. "c_list_things"',
    ]);
  });
});

/**
 * Conformance fixture plugin (namespace `test`): the tools, resources and prompts that the server
 * scenarios of `@modelcontextprotocol/conformance` 0.1.16 call by name (reference/mcp-protocol.md
 * §8.2, modelled on the conformance repo's `examples/servers/typescript/everything-server.ts`).
 * It is built only with the public plugin contract of `@octopus-mcp/core`, so what it cannot
 * express (image/audio/embedded-resource tool content, sampling, elicitation on demand, MCP log
 * notifications, non-text prompt messages) shows up as a failing scenario with a written reason in
 * `expected-failures.yaml` instead of being special-cased in the host.
 *
 * Loaded only by `conformance/serve.mjs`; never part of the default distribution.
 */
import { definePlugin, defineTool, InternalError } from "../packages/core/dist/index.js";

/** A 1x1 transparent PNG, base64 (the same bytes the conformance everything-server uses). */
const PNG_1X1 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** No-argument tools take an empty, closed object (reference §3). */
const NO_ARGS = { type: "object", properties: {}, additionalProperties: false };

/** The fixture's tools; results are wrapped by the host as structuredContent + a JSON text block. */
function fixtureTools() {
  return [
    defineTool({
      name: "test_simple_text",
      description: "Conformance fixture: returns a fixed text (scenario tools-call-simple-text).",
      access: "read",
      inputSchema: NO_ARGS,
      outputSchema: {
        type: "object",
        properties: { text: { type: "string", description: "The fixed text." } },
        required: ["text"],
        additionalProperties: false,
      },
      handler: () => ({ text: "This is a simple text response for testing." }),
    }),
    defineTool({
      name: "test_error_handling",
      description: "Conformance fixture: always fails (scenario tools-call-error).",
      access: "read",
      inputSchema: NO_ARGS,
      handler: () => {
        throw new InternalError("This tool intentionally returns an error for testing");
      },
    }),
    defineTool({
      name: "test_tool_with_progress",
      description:
        "Conformance fixture: reports progress 0, 50, 100 of 100 (scenario tools-call-with-progress).",
      access: "read",
      inputSchema: NO_ARGS,
      handler: async (_args, context) => {
        for (const progress of [0, 50, 100]) {
          await context.progress({
            progress,
            total: 100,
            message: `Completed step ${progress / 50 + 1} of 3`,
          });
        }
        return { steps: 3 };
      },
    }),
  ];
}

/** Fixed resources and the one template the resource scenarios read. */
function registerResources(registry) {
  registry.addResource({
    uri: "test://static-text",
    name: "test_static_text",
    title: "Static text resource",
    description: "Conformance fixture: a fixed text resource (scenario resources-read-text).",
    mimeType: "text/plain",
    read: async (uri) => [
      { uri: uri.href, mimeType: "text/plain", text: "This is the content of the static text resource." },
    ],
  });
  registry.addResource({
    uri: "test://static-binary",
    name: "test_static_binary",
    title: "Static binary resource",
    description: "Conformance fixture: a fixed PNG resource (scenario resources-read-binary).",
    mimeType: "image/png",
    read: async (uri) => [{ uri: uri.href, mimeType: "image/png", blob: PNG_1X1 }],
  });
  registry.addResourceTemplate({
    uriTemplate: "test://template/{id}/data",
    name: "test_template_data",
    title: "Template data resource",
    description:
      "Conformance fixture: JSON naming the {id} it was read with (scenario resources-templates-read).",
    mimeType: "application/json",
    read: async (uri, variables) => [
      {
        uri: uri.href,
        mimeType: "application/json",
        text: JSON.stringify({ id: variables.id, templateTest: true, data: `Data for ID: ${variables.id}` }),
      },
    ],
  });
}

/** Text prompts (the plugin contract's prompts are text-only). */
function registerPrompts(registry) {
  registry.addPrompt({
    name: "test_simple_prompt",
    description: "Conformance fixture: a fixed prompt (scenario prompts-get-simple).",
    get: async () => ({
      messages: [{ role: "user", content: { type: "text", text: "This is a simple prompt for testing." } }],
    }),
  });
  registry.addPrompt({
    name: "test_prompt_with_arguments",
    description: "Conformance fixture: a prompt using arg1 and arg2 (scenario prompts-get-with-args).",
    arguments: [
      { name: "arg1", description: "First test argument", required: true },
      { name: "arg2", description: "Second test argument", required: true },
    ],
    get: async (args) => ({
      messages: [
        {
          role: "user",
          content: { type: "text", text: `Prompt with arguments: arg1='${args.arg1}', arg2='${args.arg2}'` },
        },
      ],
    }),
  });
}

/** Factory (a fresh plugin per host), as `PluginModuleExport` prefers. */
export default function createConformanceFixturePlugin() {
  return definePlugin({
    manifest: {
      name: "@octopus-mcp/conformance-fixture",
      version: "0.1.0",
      namespace: "test",
      description: "Fixtures for the MCP conformance suite's server scenarios (test only).",
      hostVersion: "^0.1.0",
    },
    onRegister: () => {},
    onStartAsync: async (context) => {
      for (const tool of fixtureTools()) context.registry.addTool(tool);
      registerResources(context.registry);
      registerPrompts(context.registry);
    },
    onStopAsync: async () => {},
  });
}

/**
 * Second fixture plugin, namespace `json`: the pending scenario json-schema-2020-12 needs a tool
 * named `json_schema_2020_12_tool`, which the host's `<namespace>_` rule allows only under
 * namespace `json`. It checks that `$schema`, `$defs` and `additionalProperties` reach
 * `tools/list` unchanged (SEP-1613). Every property is described, as the host's schema rules ask.
 */
export function createJsonSchemaFixturePlugin() {
  return definePlugin({
    manifest: {
      name: "@octopus-mcp/conformance-fixture-json-schema",
      version: "0.1.0",
      namespace: "json",
      description: "JSON Schema 2020-12 fixture for the MCP conformance suite (test only).",
      hostVersion: "^0.1.0",
    },
    onRegister: () => {},
    onStartAsync: async (context) => {
      context.registry.addTool(
        defineTool({
          name: "json_schema_2020_12_tool",
          description: "Conformance fixture: a tool whose input schema uses JSON Schema 2020-12 features.",
          access: "read",
          inputSchema: {
            $schema: "https://json-schema.org/draft/2020-12/schema",
            type: "object",
            $defs: {
              address: {
                type: "object",
                description: "A postal address.",
                properties: {
                  street: { type: "string", description: "Street and number." },
                  city: { type: "string", description: "City." },
                },
                additionalProperties: false,
              },
            },
            properties: {
              name: { type: "string", description: "A name." },
              address: { $ref: "#/$defs/address", description: "An address." },
            },
            additionalProperties: false,
          },
          handler: (args) => ({ received: args }),
        }),
      );
    },
    onStopAsync: async () => {},
  });
}

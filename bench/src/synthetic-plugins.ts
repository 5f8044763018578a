/**
 * Synthetic plugins for the registry-scale figure: `count` plugins (namespaces `synth0`, `synth1`,
 * ...) with `tools` tools each, with realistic schemas (a few typed, described properties, an enum,
 * bounds and an output schema) so validation does representative work.
 */
import { definePlugin, type IOctopusPlugin } from "@octopus-mcp/core";

function toolOf(namespace: string, index: number) {
  return {
    name: `${namespace}_tool_${index}`,
    description: `Synthetic tool ${index} of ${namespace}: lists things with filters and a cursor.`,
    access: "read" as const,
    inputSchema: {
      type: "object" as const,
      properties: {
        // Descriptions differ per tool, as real schemas do (a cache keyed by schema text must not hit).
        space: {
          type: "string",
          description: `Space name or ID for ${namespace} tool ${index}.`,
          minLength: 1,
          maxLength: 200,
        },
        state: { type: "string", description: "Filter by state.", enum: ["Success", "Failed", "Executing"] },
        take: { type: "integer", description: "Page size.", minimum: 1, maximum: 100 },
        cursor: { type: "string", description: "Cursor from a previous page.", maxLength: 500 },
      },
      required: ["space"],
      additionalProperties: false,
    },
    outputSchema: {
      type: "object" as const,
      properties: {
        items: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } },
        total: { type: "integer" },
      },
      required: ["items", "total"],
    },
    handler: () => ({ items: [], total: 0 }),
  };
}

/** `count` synthetic plugins of `tools` tools each. */
export function syntheticPlugins(count: number, tools: number): IOctopusPlugin[] {
  return Array.from({ length: count }, (_, p) => {
    const namespace = `synth${p}`;
    return definePlugin({
      manifest: {
        name: `@octopus-mcp/bench-synthetic-${p}`,
        version: "1.0.0",
        namespace,
        description: `Synthetic plugin ${p}.`,
        hostVersion: ">=0.0.0",
      },
      onRegister() {},
      async onStartAsync(context) {
        for (let t = 0; t < tools; t++) context.registry.addTool(toolOf(namespace, t));
      },
      async onStopAsync() {},
    });
  });
}

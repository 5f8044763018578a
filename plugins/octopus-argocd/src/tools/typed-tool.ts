/**
 * Typed wrapper over core's `defineTool`: the handler's arguments are `z.infer` of the zod input
 * schema (core's zod overload infers `unknown` here), then the definition goes to `defineTool`
 * unchanged, which converts the schemas to JSON Schema.
 */
import { defineTool, type ToolDefinition, type ToolDefinitionInput } from "@octopus-mcp/core";
import type { z } from "zod";

export function typedTool<S extends z.ZodTypeAny, R>(
  definition: Omit<ToolDefinitionInput<z.infer<S>, R>, "inputSchema"> & { readonly inputSchema: S },
): ToolDefinition {
  return defineTool<z.infer<S>, R>(
    definition as unknown as ToolDefinitionInput<z.infer<S>, R>,
  ) as unknown as ToolDefinition;
}

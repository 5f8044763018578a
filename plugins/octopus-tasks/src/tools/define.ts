/**
 * Typed wrapper over core's `defineTool`: handler arguments are `z.infer` of the zod input schema
 * (core's zod overload does not infer them in this setup), then delegates to `defineTool` unchanged.
 */
import { defineTool, type ToolDefinition, type ToolDefinitionInput } from "@octopus-mcp/core";
import type { z } from "zod";

export function tool<S extends z.ZodTypeAny, R>(
  definition: Omit<ToolDefinitionInput<z.infer<S>, R>, "inputSchema"> & { readonly inputSchema: S },
): ToolDefinition {
  return defineTool<z.infer<S>, R>(
    definition as unknown as ToolDefinitionInput<z.infer<S>, R>,
  ) as unknown as ToolDefinition;
}

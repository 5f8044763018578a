/**
 * A typed wrapper over core's `defineTool`: infers handler arguments with `z.infer` (core's zod
 * overload currently types them as the schema object itself), then delegates unchanged.
 */
import type { z } from "zod";
import { defineTool, type ToolDefinition, type ToolDefinitionInput } from "@octopus-mcp/core";

/** A tool of any argument/result type, as handed to the registrar. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = ToolDefinition<any, any>;

export function tool<S extends z.ZodTypeAny, R>(
  definition: Omit<ToolDefinitionInput<z.infer<S>, R>, "inputSchema"> & { readonly inputSchema: S },
): AnyTool {
  return defineTool<z.infer<S>, R>(definition as unknown as ToolDefinitionInput<z.infer<S>, R>);
}

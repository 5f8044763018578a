/**
 * Typed wrapper over core's `defineTool`: the handler's arguments are `z.infer` of the zod input
 * schema (core's zod overload infers `unknown` here). The host validates arguments against the
 * JSON Schema; the handler additionally gets them through `schema.parse`, so zod-only semantics
 * (trimming, defaults) hold whoever calls it. A zod failure is an `invalid_arguments` error.
 */
import {
  defineTool,
  InvalidArgumentsError,
  isToolHandlerClass,
  type ToolDefinition,
  type ToolDefinitionInput,
  type ToolHandlerFunction,
} from "@octopus-mcp/core";
import type { z } from "zod";

export function typedTool<S extends z.ZodTypeAny, R>(
  definition: Omit<ToolDefinitionInput<z.infer<S>, R>, "inputSchema"> & { readonly inputSchema: S },
): ToolDefinition {
  const schema = definition.inputSchema;
  const handler = definition.handler;
  if (isToolHandlerClass(handler))
    throw new Error(`${definition.name}: typedTool takes function handlers only.`);
  const parsed: ToolHandlerFunction<unknown, R> = async (args, context) => {
    const result = schema.safeParse(args ?? {});
    if (!result.success) {
      const violations = result.error.issues.map((issue) => ({
        path: `/${issue.path.join("/")}`,
        rule: issue.code,
        message: issue.message,
      }));
      throw new InvalidArgumentsError(
        `Invalid arguments: ${violations.map((v) => `${v.path} ${v.message}`).join("; ")}`,
        violations,
      );
    }
    return (handler as ToolHandlerFunction<z.infer<S>, R>)(result.data as z.infer<S>, context);
  };
  return defineTool({
    ...(definition as unknown as ToolDefinitionInput<unknown, R>),
    handler: parsed,
  }) as unknown as ToolDefinition;
}

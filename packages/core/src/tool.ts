/**
 * Tool definitions. A tool is declared with {@link defineTool}; the host validates its schema at
 * startup, validates each call's arguments, enforces `access`, and wraps the handler's return value
 * as `structuredContent` plus a JSON text block.
 */
import type { ITenantContext } from "./tenant.js";
import type { Logger } from "./logger.js";
import { toJsonSchema, type JsonSchema, type SchemaInput } from "./schema.js";
import type { ZodTypeAny, infer as ZodInfer } from "zod";

/**
 * The tier a tool belongs to, enforced by the host (not a hint): `--read-only` hides and blocks
 * `write` and `delete`; `delete` additionally needs `--allow-deletes`.
 */
export type ToolAccess = "read" | "write" | "delete";

/** MCP tool annotations (spec 2025-11-25, `ToolAnnotations`); untrusted hints for clients. */
export interface ToolAnnotations {
  readonly title?: string;
  readonly readOnlyHint?: boolean;
  readonly destructiveHint?: boolean;
  readonly idempotentHint?: boolean;
  readonly openWorldHint?: boolean;
}

/** A progress update for `notifications/progress`. `progress` must increase on each call. */
export interface ProgressUpdate {
  readonly progress: number;
  readonly total?: number;
  readonly message?: string;
}

/** What a handler receives besides its arguments. */
export interface ToolCallContext {
  /** Aborted on client cancellation, call timeout, or host shutdown. Pass it to every I/O call. */
  readonly signal: AbortSignal;
  /** Bound to `tenantId`, `correlationId`, `plugin`, `tool`. */
  readonly logger: Logger;
  readonly tenant: ITenantContext;
  /** Sends `notifications/progress` when the client asked for progress; a no-op otherwise. */
  progress(update: ProgressUpdate): Promise<void>;
}

/** A function handler. Return plain data; throw typed errors from this package. */
export type ToolHandlerFunction<A, R> = (args: A, context: ToolCallContext) => Promise<R> | R;

/** A class handler, resolved from the plugin's DI container once per call. */
export interface IToolHandler<A, R> {
  handle(args: A, context: ToolCallContext): Promise<R> | R;
}

/** Constructor of a class handler. Give each constructor parameter an explicit `@inject(TOKEN)`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ToolHandlerClass<A, R> = new (...args: any[]) => IToolHandler<A, R>;

/** A tool as registered with the host (schemas already JSON Schema). */
export interface ToolDefinition<A = Record<string, unknown>, R = unknown> {
  /** `<namespace>_<verb>[_<noun>]`, snake_case, at most 64 characters. */
  readonly name: string;
  readonly title?: string;
  /** What it returns and when to use it. Short: it is paid for in every agent's context. */
  readonly description: string;
  /** Root `type: "object"`, every property described, `additionalProperties` not `true`. */
  readonly inputSchema: JsonSchema;
  /** Shape of `structuredContent` when stable; root `type: "object"`. */
  readonly outputSchema?: JsonSchema;
  readonly access: ToolAccess;
  /** MCP hints; derived from `access` when omitted. */
  readonly annotations?: ToolAnnotations;
  /**
   * For write/delete tools: one sentence saying what the call will do, shown to the user when the
   * host asks for confirmation, e.g. `Deploy release 1.4.2 of Checkout to Production`.
   */
  readonly confirmationMessage?: (args: A) => string;
  readonly handler: ToolHandlerFunction<A, R> | ToolHandlerClass<A, R>;
}

/** `defineTool` input: schemas may be zod (3 or 4) or JSON Schema. */
export interface ToolDefinitionInput<A, R> extends Omit<
  ToolDefinition<A, R>,
  "inputSchema" | "outputSchema"
> {
  readonly inputSchema: SchemaInput;
  readonly outputSchema?: SchemaInput;
}

/**
 * `defineTool` input with a zod (3) input schema: the handler's arguments are `z.infer` of it
 * (the output type: the host applies schema defaults before the handler runs).
 */
export type ZodToolDefinitionInput<S extends ZodTypeAny, R> = Omit<
  ToolDefinitionInput<ZodInfer<S>, R>,
  "inputSchema"
> & { readonly inputSchema: S };

/**
 * Declares a tool. With a zod schema the handler's arguments are typed from it.
 * @example
 * defineTool({
 *   name: "demo_echo", description: "Echo the text back.", access: "read",
 *   inputSchema: z.object({ text: z.string().describe("Text to echo") }).strict(),
 *   handler: ({ text }) => ({ text }),
 * });
 */
export function defineTool<S extends ZodTypeAny, R = unknown>(
  definition: ZodToolDefinitionInput<S, R>,
): ToolDefinition<ZodInfer<S>, R>;
export function defineTool<A = Record<string, unknown>, R = unknown>(
  definition: ToolDefinitionInput<A, R>,
): ToolDefinition<A, R>;
export function defineTool<A, R>(definition: ToolDefinitionInput<A, R>): ToolDefinition<A, R> {
  const { inputSchema, outputSchema, ...rest } = definition;
  return {
    ...rest,
    inputSchema: toJsonSchema(inputSchema),
    ...(outputSchema !== undefined ? { outputSchema: toJsonSchema(outputSchema) } : {}),
  };
}

/** True when `handler` is a class (resolved from DI) rather than a function. */
export function isToolHandlerClass<A, R>(
  handler: ToolHandlerFunction<A, R> | ToolHandlerClass<A, R>,
): handler is ToolHandlerClass<A, R> {
  return (
    typeof handler === "function" &&
    /^class[\s{]/.test(Function.prototype.toString.call(handler)) &&
    typeof (handler.prototype as { handle?: unknown } | undefined)?.handle === "function"
  );
}

/** The MCP annotations the host serves for a tool: explicit ones win over those derived from `access`. */
export function annotationsFor(access: ToolAccess, explicit: ToolAnnotations = {}): ToolAnnotations {
  const derived: ToolAnnotations =
    access === "read"
      ? { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true }
      : access === "write"
        ? { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true }
        : { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
  return { ...derived, ...explicit };
}

/**
 * Runs one `tools/call` (architecture "Per call"): resolve the tool, validate the arguments with
 * the validator compiled at startup, apply the access policy, run hooks and the handler inside the
 * caller-tenant scope with a timeout and an AbortSignal, and map the result or error to an MCP
 * `CallToolResult`. Transport-independent: the MCP layer hands in the identity, signal and progress.
 */
import {
  InternalError,
  InvalidArgumentsError,
  ReadOnlyError,
  ForbiddenError,
  TimeoutError,
  UpstreamUnavailableError,
  isOctopusMcpError,
  isToolHandlerClass,
  type Logger,
  type ProgressUpdate,
  type ToolCallContext,
  type ToolErrorBody,
  type ToolErrorCode,
} from "@octopus-mcp/core";
import { ErrorCode, McpError, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { splitConfirmArgument } from "../confirmation/confirm-argument.js";
import type { HostConfig } from "../config/types.js";
import { decideAccess, effectivePolicy } from "../registry/access-policy.js";
import type { RegisteredTool } from "../registry/registered-items.js";
import type { ToolRegistry } from "../registry/tool-registry.js";
import { TenantContext, type TenantScope } from "../tenancy/tenant-scope.js";
import { summarizeViolations, toViolations } from "./argument-violations.js";
import type { CallerIdentity, ToolCallHook, ToolCallInfo, ToolCallTransport } from "./call-hooks.js";
import { newScopeData } from "./request-scope.js";

/** What the MCP layer hands to the pipeline for one call. */
export interface ToolCallRequest {
  readonly name: string;
  readonly arguments: unknown;
  readonly identity: CallerIdentity;
  /** Client cancellation (SDK `extra.signal`). */
  readonly signal: AbortSignal;
  /** Sends `notifications/progress`; absent when the request carried no progressToken. */
  readonly progress?: (update: ProgressUpdate) => Promise<void>;
  readonly transport?: ToolCallTransport;
}

export interface ToolCallPipelineOptions {
  readonly registry: ToolRegistry;
  readonly scope: TenantScope;
  readonly config: HostConfig;
  /** Host root logger; the per-call line and handler loggers derive from it. */
  readonly logger: Logger;
  readonly hooks: readonly ToolCallHook[];
  /** Aborted when the host shuts down. */
  readonly shutdownSignal: AbortSignal;
}

/** Why a call's signal aborted. */
type AbortCause = "cancelled" | "timeout" | "shutdown";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export class ToolCallPipeline {
  readonly #tenantContext: TenantContext;

  constructor(private readonly options: ToolCallPipelineOptions) {
    this.#tenantContext = new TenantContext(options.scope);
  }

  /** Whether `tool` is visible to and callable by `tenantId` under the host and tenant policy. */
  isAllowed(tool: RegisteredTool, tenantId: string): boolean {
    return decideAccess(
      { name: tool.definition.name, access: tool.definition.access, namespace: tool.plugin.namespace },
      effectivePolicy(this.options.config.policy, this.options.config.tenants[tenantId]?.policy),
    ).allowed;
  }

  /**
   * Runs the call. Never rejects for a tool's fault: failures are `isError: true` results.
   * @throws McpError(InvalidParams, -32602) for an unknown tool name.
   */
  async call(request: ToolCallRequest): Promise<CallToolResult> {
    const tool = this.options.registry.getTool(request.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.name}`);
    const { config, scope } = this.options;
    const scopeData = newScopeData(config, request.identity, tool.plugin.name, tool.definition.name);
    const started = performance.now();
    const callLogger = this.options.logger;

    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), config.calls.timeoutMs);
    const signal = AbortSignal.any([request.signal, timeout.signal, this.options.shutdownSignal]);
    const abortCause = (): AbortCause =>
      timeout.signal.aborted ? "timeout" : this.options.shutdownSignal.aborted ? "shutdown" : "cancelled";

    const info: ToolCallInfo = {
      tool,
      arguments: {},
      tenantId: scopeData.tenantId,
      subject: scopeData.subject,
      correlationId: scopeData.correlationId,
      signal,
      transport: request.transport ?? {},
    };

    const finish = (
      result: CallToolResult,
      code: ToolErrorCode | undefined,
      args: unknown,
    ): CallToolResult => {
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      const outcome =
        code === undefined
          ? { kind: "ok" as const, durationMs }
          : { kind: "error" as const, code, durationMs };
      callLogger.info(
        {
          tenantId: scopeData.tenantId,
          correlationId: scopeData.correlationId,
          plugin: tool.plugin.name,
          tool: tool.definition.name,
          durationMs,
          outcome: code ?? "ok",
        },
        "tool call",
      );
      for (const hook of this.options.hooks) {
        try {
          hook.afterCall?.({ ...info, arguments: args }, outcome);
        } catch (error) {
          callLogger.error({ err: error, tool: tool.definition.name }, "afterCall hook threw");
        }
      }
      return result;
    };

    try {
      return await scope.run(scopeData, async () => {
        // 1. Arguments: split off the host-owned `confirm` of write/delete tools, then validate a
        //    clone (Ajv applies schema defaults in place).
        let confirm: boolean | undefined;
        let toolArguments: unknown = request.arguments ?? {};
        if (isPlainObject(toolArguments)) {
          try {
            ({ confirm, toolArguments } = splitConfirmArgument(tool.definition.access, toolArguments));
          } catch (error) {
            if (!isOctopusMcpError(error)) throw error;
            return finish(this.#errorResult(tool, error.toBody()), error.code, request.arguments);
          }
        }
        const args: unknown = structuredClone(toolArguments);
        let argumentsValid: boolean;
        try {
          argumentsValid = tool.validateArguments(args);
        } catch (error) {
          // Validators compile on first use; a schema Ajv refuses is the plugin's bug (InternalError).
          const body = this.#errorBody(tool, error, undefined, scopeData.correlationId);
          return finish(this.#errorResult(tool, body), body.error, request.arguments);
        }
        if (!argumentsValid) {
          const violations = toViolations(tool.validateArguments.errors);
          const error = new InvalidArgumentsError(
            summarizeViolations(tool.definition.name, violations),
            violations,
          );
          return finish(this.#errorResult(tool, error.toBody()), "invalid_arguments", request.arguments);
        }
        const validArgs = args as Record<string, unknown>;
        const callInfo: ToolCallInfo = { ...info, arguments: validArgs, confirm };

        // 2. Access policy.
        const decision = decideAccess(
          { name: tool.definition.name, access: tool.definition.access, namespace: tool.plugin.namespace },
          effectivePolicy(config.policy, config.tenants[scopeData.tenantId]?.policy),
        );
        if (!decision.allowed) {
          const error =
            decision.code === "read_only"
              ? new ReadOnlyError(decision.message)
              : new ForbiddenError(decision.message);
          return finish(this.#errorResult(tool, error.toBody()), error.code, validArgs);
        }

        // 3. Hooks and handler, raced against the call's signal.
        try {
          const value = await raceSignal(signal, async () => {
            for (const hook of this.options.hooks) await hook.beforeHandler?.(callInfo);
            return await this.#invoke(tool, validArgs, signal, request);
          });
          return finish(this.#successResult(tool, value, scopeData.correlationId), undefined, validArgs);
        } catch (error) {
          const body = this.#errorBody(
            tool,
            error,
            signal.aborted ? abortCause() : undefined,
            scopeData.correlationId,
          );
          return finish(this.#errorResult(tool, body), body.error, validArgs);
        }
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async #invoke(
    tool: RegisteredTool,
    args: Record<string, unknown>,
    signal: AbortSignal,
    request: ToolCallRequest,
  ): Promise<unknown> {
    let lastProgress = Number.NEGATIVE_INFINITY;
    const context: ToolCallContext = {
      signal,
      logger: this.options.logger,
      tenant: this.#tenantContext,
      progress: async (update) => {
        // notifications/progress values must increase (MCP 2025-11-25, utilities/progress).
        if (!request.progress || !(update.progress > lastProgress) || signal.aborted) return;
        lastProgress = update.progress;
        await request.progress(update);
      },
    };
    const handler = tool.definition.handler;
    if (isToolHandlerClass(handler)) {
      const instance = tool.plugin.container.resolve(handler);
      return await instance.handle(args, context);
    }
    return await (handler as (a: unknown, c: ToolCallContext) => unknown)(args, context);
  }

  #successResult(tool: RegisteredTool, value: unknown, correlationId: string): CallToolResult {
    if (isPlainObject(value)) {
      if (tool.validateOutput && !tool.validateOutput(value)) {
        const violations = toViolations(tool.validateOutput.errors);
        this.options.logger.error(
          { tool: tool.definition.name, plugin: tool.plugin.name, violations },
          "tool result does not match its outputSchema (plugin bug)",
        );
        return this.#errorResult(tool, internalBody(tool.definition.name, correlationId));
      }
      return { structuredContent: value, content: [{ type: "text", text: JSON.stringify(value) }] };
    }
    if (tool.validateOutput) {
      this.options.logger.error(
        { tool: tool.definition.name, plugin: tool.plugin.name },
        "tool with outputSchema returned a non-object",
      );
      return this.#errorResult(tool, internalBody(tool.definition.name, correlationId));
    }
    const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "null");
    return { content: [{ type: "text", text }] };
  }

  #errorBody(
    tool: RegisteredTool,
    error: unknown,
    abort: AbortCause | undefined,
    correlationId: string,
  ): ToolErrorBody {
    const name = tool.definition.name;
    if (abort === "timeout") {
      return new TimeoutError(
        `Tool "${name}" did not finish within ${this.options.config.calls.timeoutMs} ms; narrow the request or retry later.`,
      ).toBody();
    }
    if (abort === "shutdown") {
      return new UpstreamUnavailableError(
        `The host is shutting down; tool "${name}" was interrupted. Retry shortly.`,
      ).toBody();
    }
    if (abort === "cancelled") {
      return {
        success: false,
        error: "internal_error",
        message: `Tool "${name}" was cancelled by the client.`,
      };
    }
    if (isOctopusMcpError(error)) {
      if (error.code === "internal_error") {
        this.options.logger.error(
          { err: error, tool: name, plugin: tool.plugin.name },
          "tool reported an internal error",
        );
        return internalBody(name, correlationId);
      }
      this.options.logger.warn(
        { tool: name, plugin: tool.plugin.name, errorCode: error.code, errorMessage: error.message },
        "tool error",
      );
      return error.toBody();
    }
    this.options.logger.error(
      { err: error, tool: name, plugin: tool.plugin.name },
      "tool handler threw an unexpected error",
    );
    return internalBody(name, correlationId);
  }

  /**
   * An `isError: true` result. SDK 1.32 clients validate `structuredContent` against a tool's
   * `outputSchema` even on errors (client/index.js `callTool`), so for tools that declare one the
   * body travels only in the JSON text block.
   */
  #errorResult(tool: RegisteredTool, body: ToolErrorBody): CallToolResult {
    const text = JSON.stringify(body);
    if (tool.definition.outputSchema !== undefined)
      return { isError: true, content: [{ type: "text", text }] };
    return { isError: true, structuredContent: { ...body }, content: [{ type: "text", text }] };
  }
}

function internalBody(toolName: string, correlationId: string): ToolErrorBody {
  return new InternalError(
    `Tool "${toolName}" failed with an internal error. The operator can find details in the host log under correlationId ${correlationId}.`,
  ).toBody();
}

/** Runs `fn` but settles as soon as `signal` aborts (a handler that ignores its signal cannot hold the call). */
async function raceSignal<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  if (signal.aborted) throw signal.reason;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
  });
  const work = fn();
  work.catch(() => undefined);
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}

/**
 * Runs one `tools/call` (architecture "Per call"): resolve the tool, apply the access policy,
 * validate the arguments with the tool's validator (compiled on the tool's first call), run hooks
 * and the handler inside the caller-tenant scope with a timeout and an AbortSignal, and map the
 * result or error to an MCP `CallToolResult`. Transport-independent: the MCP layer hands in the
 * identity, signal and progress.
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
  type ToolHandlerClass,
} from "@octopus-mcp/core";
import { ErrorCode, McpError, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { splitConfirmArgument, withoutConfirmArgument } from "../confirmation/confirm-argument.js";
import type { AccessPolicy, HostConfig } from "../config/types.js";
import { decideAccess, effectivePolicy, type AccessDecision } from "../registry/access-policy.js";
import type { RegisteredTool } from "../registry/registered-items.js";
import type { ToolRegistry } from "../registry/tool-registry.js";
import { TenantContext, type TenantScope, type TenantScopeData } from "../tenancy/tenant-scope.js";
import { summarizeViolations, toViolations } from "./argument-violations.js";
import type {
  CallerIdentity,
  ToolCallHook,
  ToolCallInfo,
  ToolCallOutcome,
  ToolCallTransport,
} from "./call-hooks.js";
import { CallLifetime, type AbortCause } from "./call-lifetime.js";
import { cloneArguments } from "./clone-arguments.js";
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

/** The hooks' arguments of `afterCall`: what the call info holds, with the arguments as validated or as sent. */
type AfterCallInfo = Parameters<NonNullable<ToolCallHook["afterCall"]>>[0];

const NO_TRANSPORT: ToolCallTransport = Object.freeze({});

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export class ToolCallPipeline {
  readonly #tenantContext: TenantContext;
  /** The hooks that have a `beforeHandler` / an `afterCall`, in order (looked up once, not per call). */
  readonly #beforeHooks: readonly ToolCallHook[];
  readonly #afterHooks: readonly ToolCallHook[];
  /** Calls waiting on asynchronous work; aborted together when the host shuts down. */
  readonly #inFlight = new Set<CallLifetime>();
  /**
   * Access decisions per tool and caller-tenant policy object (`undefined`: no tenant policy). The
   * config and the registry do not change once the host serves, so a decision never goes stale;
   * keyed by policy object, not tenant id, so unknown tenant ids cannot grow it.
   */
  readonly #decisions = new WeakMap<RegisteredTool, Map<AccessPolicy | undefined, AccessDecision>>();
  readonly #handlerKinds = new WeakMap<object, boolean>();

  constructor(private readonly options: ToolCallPipelineOptions) {
    this.#tenantContext = new TenantContext(options.scope);
    this.#beforeHooks = options.hooks.filter((hook) => typeof hook.beforeHandler === "function");
    this.#afterHooks = options.hooks.filter((hook) => typeof hook.afterCall === "function");
    const shutdown = options.shutdownSignal;
    if (!shutdown.aborted) {
      shutdown.addEventListener("abort", () => CallLifetime.abortAll(this.#inFlight, shutdown.reason), {
        once: true,
      });
    }
  }

  /** Whether `tool` is visible to and callable by `tenantId` under the host and tenant policy. */
  isAllowed(tool: RegisteredTool, tenantId: string): boolean {
    return this.#decide(tool, tenantId).allowed;
  }

  #decide(tool: RegisteredTool, tenantId: string): AccessDecision {
    const { config } = this.options;
    const tenantPolicy = config.tenants[tenantId]?.policy;
    let byPolicy = this.#decisions.get(tool);
    if (byPolicy === undefined) this.#decisions.set(tool, (byPolicy = new Map()));
    let decision = byPolicy.get(tenantPolicy);
    if (decision === undefined) {
      decision = decideAccess(
        { name: tool.definition.name, access: tool.definition.access, namespace: tool.plugin.namespace },
        effectivePolicy(config.policy, tenantPolicy),
      );
      byPolicy.set(tenantPolicy, decision);
    }
    return decision;
  }

  /**
   * Runs the call. Never rejects for a tool's fault: failures are `isError: true` results.
   * @throws McpError(InvalidParams, -32602) for an unknown tool name (as a rejected promise).
   */
  call(request: ToolCallRequest): Promise<CallToolResult> {
    const tool = this.options.registry.getTool(request.name);
    if (!tool) return Promise.reject(new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.name}`));
    const { config } = this.options;
    const scopeData = newScopeData(config, request.identity, tool.plugin.name, tool.definition.name);
    const started = performance.now();
    const lifetime = new CallLifetime({
      cancelSignal: request.signal,
      shutdownSignal: this.options.shutdownSignal,
      timeoutMs: config.calls.timeoutMs,
      startedAt: started,
      inFlight: this.#inFlight,
    });
    try {
      // Synchronous while the hooks and the handler are: no async frame, promise or await per call.
      const result = this.options.scope.run(scopeData, () =>
        this.#run(tool, request, scopeData, lifetime, started),
      );
      return result instanceof Promise ? result : Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #run(
    tool: RegisteredTool,
    request: ToolCallRequest,
    scopeData: TenantScopeData,
    lifetime: CallLifetime,
    started: number,
  ): CallToolResult | Promise<CallToolResult> {
    const transport = request.transport ?? NO_TRANSPORT;
    const finish = (
      result: CallToolResult,
      code: ToolErrorCode | undefined,
      args: unknown,
    ): CallToolResult => {
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      const logger = this.options.logger;
      logger.info(
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
      const hooks = this.#afterHooks;
      if (hooks.length === 0) return result;
      const outcome: ToolCallOutcome =
        code === undefined ? { kind: "ok", durationMs } : { kind: "error", code, durationMs };
      // One object for every hook (hooks receive it read-only); the signal is created only if read.
      const info: AfterCallInfo = {
        tool,
        arguments: args,
        tenantId: scopeData.tenantId,
        subject: scopeData.subject,
        correlationId: scopeData.correlationId,
        get signal() {
          return lifetime.signal;
        },
        transport,
      };
      for (const hook of hooks) {
        try {
          hook.afterCall?.(info, outcome);
        } catch (error) {
          logger.error({ err: error, tool: tool.definition.name }, "afterCall hook threw");
        }
      }
      return result;
    };

    // 1. Access policy first: a tool the caller may not use is refused as such, whatever its
    //    arguments (the truthful answer for the agent, and cheaper than validating them). Hooks
    //    see the arguments as sent, without the host-owned `confirm`.
    const decision = this.#decide(tool, scopeData.tenantId);
    if (!decision.allowed) {
      const error =
        decision.code === "read_only"
          ? new ReadOnlyError(decision.message)
          : new ForbiddenError(decision.message);
      return finish(
        this.#errorResult(tool, error.toBody()),
        error.code,
        withoutConfirmArgument(tool.definition.access, request.arguments ?? {}),
      );
    }

    // 2. Arguments: split off the host-owned `confirm` of write/delete tools, then validate a
    //    copy (Ajv applies schema defaults in place; the copy is also what the handler gets).
    let confirm: boolean | undefined;
    let toolArguments: unknown = request.arguments ?? {};
    if (tool.definition.access !== "read" && isPlainObject(toolArguments)) {
      try {
        ({ confirm, toolArguments } = splitConfirmArgument(tool.definition.access, toolArguments));
      } catch (error) {
        if (!isOctopusMcpError(error)) throw error;
        return finish(this.#errorResult(tool, error.toBody()), error.code, request.arguments);
      }
    }
    const args: unknown = cloneArguments(toolArguments);
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

    // 3. Hooks and handler; when they yield, raced against cancellation, timeout and shutdown.
    const callInfo: ToolCallInfo = {
      tool,
      arguments: validArgs,
      confirm,
      tenantId: scopeData.tenantId,
      subject: scopeData.subject,
      correlationId: scopeData.correlationId,
      get signal() {
        return lifetime.signal;
      },
      transport,
    };
    const succeeded = (value: unknown): CallToolResult =>
      finish(this.#successResult(tool, value, scopeData.correlationId), undefined, validArgs);
    const failed = (error: unknown): CallToolResult => {
      const body = this.#errorBody(tool, error, lifetime.cause, scopeData.correlationId);
      return finish(this.#errorResult(tool, body), body.error, validArgs);
    };
    try {
      const pending = lifetime.run(() =>
        this.#hooksThenHandler(tool, callInfo, validArgs, lifetime, request),
      );
      return isPromiseLike(pending) ? settle(pending, succeeded, failed) : succeeded(pending);
    } catch (error) {
      return failed(error);
    }
  }

  /**
   * Every `beforeHandler`, then the handler. Stays synchronous while they are (no promise and no
   * microtask per hook); continues asynchronously from the first hook that returns a promise.
   */
  #hooksThenHandler(
    tool: RegisteredTool,
    callInfo: ToolCallInfo,
    args: Record<string, unknown>,
    lifetime: CallLifetime,
    request: ToolCallRequest,
  ): unknown {
    const hooks = this.#beforeHooks;
    for (let i = 0; i < hooks.length; i++) {
      const pending = hooks[i]?.beforeHandler?.(callInfo);
      if (isPromiseLike(pending)) {
        return (async () => {
          await pending;
          for (let j = i + 1; j < hooks.length; j++) await hooks[j]?.beforeHandler?.(callInfo);
          return await this.#invoke(tool, args, lifetime, request);
        })();
      }
    }
    return this.#invoke(tool, args, lifetime, request);
  }

  /** `isToolHandlerClass` reads the function's source text: answered once per handler. */
  #isHandlerClass(
    handler: RegisteredTool["definition"]["handler"],
  ): handler is ToolHandlerClass<unknown, unknown> {
    let isClass = this.#handlerKinds.get(handler);
    if (isClass === undefined) this.#handlerKinds.set(handler, (isClass = isToolHandlerClass(handler)));
    return isClass;
  }

  /** Calls the handler; returns what it returns (a value or a promise). */
  #invoke(
    tool: RegisteredTool,
    args: Record<string, unknown>,
    lifetime: CallLifetime,
    request: ToolCallRequest,
  ): unknown {
    let lastProgress = Number.NEGATIVE_INFINITY;
    const context: ToolCallContext = {
      get signal() {
        return lifetime.signal;
      },
      logger: this.options.logger,
      tenant: this.#tenantContext,
      progress: async (update) => {
        // notifications/progress values must increase (MCP 2025-11-25, utilities/progress).
        if (!request.progress || !(update.progress > lastProgress) || lifetime.aborted) return;
        lastProgress = update.progress;
        await request.progress(update);
      },
    };
    const handler = tool.definition.handler;
    if (this.#isHandlerClass(handler)) {
      const instance = tool.plugin.container.resolve(handler);
      return instance.handle(args, context);
    }
    return (handler as (a: unknown, c: ToolCallContext) => unknown)(args, context);
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

/** Finishes a call whose hooks or handler returned a promise (inside the caller-tenant scope). */
async function settle(
  pending: PromiseLike<unknown>,
  succeeded: (value: unknown) => CallToolResult,
  failed: (error: unknown) => CallToolResult,
): Promise<CallToolResult> {
  try {
    return succeeded(await pending);
  } catch (error) {
    return failed(error);
  }
}

function internalBody(toolName: string, correlationId: string): ToolErrorBody {
  return new InternalError(
    `Tool "${toolName}" failed with an internal error. The operator can find details in the host log under correlationId ${correlationId}.`,
  ).toBody();
}

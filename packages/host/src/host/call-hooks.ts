/**
 * The seam for what later wraps every tool call (issue 7: confirmation/elicitation, audit log,
 * metrics) without touching the pipeline: hooks see the resolved tool, the validated arguments
 * and the caller, may refuse a call before its handler runs, and observe every outcome.
 */
import type { ToolErrorCode } from "@octopus-mcp/core";
import type { RegisteredTool } from "../registry/registered-items.js";

/** The caller of a request, as established by the transport. */
export interface CallerIdentity {
  /** Caller tenant: stdio = `localTenant`; HTTP = the JWT `tid` claim. */
  readonly tenantId: string;
  /** JWT `sub` when authenticated. */
  readonly subject?: string;
}

/** One tool call as hooks see it. */
export interface ToolCallInfo {
  readonly tool: RegisteredTool;
  /** Arguments after validation (schema defaults applied), without the host-owned `confirm`. */
  readonly arguments: Readonly<Record<string, unknown>>;
  /**
   * The host-owned `confirm` argument of write/delete tools (the confirmation fallback for clients
   * without elicitation): `true`/`false` when sent, `undefined` when absent or for read tools.
   */
  readonly confirm?: boolean | undefined;
  readonly tenantId: string;
  readonly subject: string | undefined;
  readonly correlationId: string;
  /** Aborted on client cancellation, call timeout or shutdown. */
  readonly signal: AbortSignal;
  /** Transport facts for hooks that talk back to the client (e.g. elicitation needs the request id). */
  readonly transport: ToolCallTransport;
}

/** What the MCP layer knows about the request carrying the call. */
export interface ToolCallTransport {
  /** JSON-RPC id of the `tools/call` request. */
  readonly requestId?: string | number;
  /** Client capabilities from `initialize` (e.g. whether it supports elicitation). */
  readonly clientCapabilities?: Readonly<Record<string, unknown>>;
  /**
   * Sends a request to the client tied to this call (e.g. `elicitation/create`); absent when the
   * transport cannot. Signature of the SDK's `RequestHandlerExtra.sendRequest`.
   */
  readonly sendRequest?: (...args: never[]) => Promise<unknown>;
}

/** `ok`, an error code from the structured body, or `invalid_arguments`/`read_only` refusals. */
export type ToolCallOutcome =
  | { readonly kind: "ok"; readonly durationMs: number }
  | { readonly kind: "error"; readonly code: ToolErrorCode; readonly durationMs: number };

export interface ToolCallHook {
  /**
   * Runs after the access policy and argument validation, inside the caller-tenant scope, before
   * the handler. Throw a typed error (e.g. `ConfirmationRequiredError`) to refuse the call.
   */
  beforeHandler?(call: ToolCallInfo): Promise<void> | void;
  /**
   * Runs once per call that reached a tool (also refused ones). `call.arguments` are the validated
   * arguments; for a call the access policy refused (checked before validation), the arguments as
   * sent without the host-owned `confirm`; for invalid arguments, exactly as sent. Must not throw;
   * errors are logged.
   */
  afterCall?(
    call: Omit<ToolCallInfo, "arguments"> & { readonly arguments: unknown },
    outcome: ToolCallOutcome,
  ): void;
}

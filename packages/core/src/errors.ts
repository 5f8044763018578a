/**
 * Typed domain errors. Plugins throw these; the host maps each to the structured error body
 * ({@link ToolErrorBody}) returned to the agent as an `isError: true` tool result.
 *
 * Anything that is not an {@link OctopusMcpError} becomes `internal_error` with a generic message;
 * its stack goes to the log only, never to the agent.
 */

/** The closed set of machine-readable error codes an agent can act on. */
export type ToolErrorCode =
  | "invalid_arguments"
  | "not_found"
  | "unauthorized"
  | "forbidden"
  | "rate_limit"
  | "timeout"
  | "upstream_unavailable"
  | "conflict"
  | "confirmation_required"
  | "read_only"
  | "internal_error";

/** Every code, in a stable order (used for JSON Schema enums and docs). */
export const TOOL_ERROR_CODES: readonly ToolErrorCode[] = [
  "invalid_arguments",
  "not_found",
  "unauthorized",
  "forbidden",
  "rate_limit",
  "timeout",
  "upstream_unavailable",
  "conflict",
  "confirmation_required",
  "read_only",
  "internal_error",
];

/** One offending argument in an `invalid_arguments` error. */
export interface ArgumentViolation {
  /** JSON pointer into the arguments, e.g. `/environments/0`; `""` for the whole object. */
  readonly path: string;
  /** The rule that failed, e.g. `required`, `enum`, `pattern`. */
  readonly rule: string;
  /** Human-readable explanation with the fix. */
  readonly message: string;
}

/**
 * The structured error body: `structuredContent` of an `isError: true` result and, serialised, its
 * text block. Shape agreed in the architecture brief, e.g.
 * `{ "success": false, "error": "rate_limit", "message": "...", "retry_after": 60 }`.
 */
export interface ToolErrorBody {
  readonly success: false;
  readonly error: ToolErrorCode;
  readonly message: string;
  /** Seconds the agent should wait before retrying (rate limits, conflicts). */
  readonly retry_after?: number;
  /** Offending arguments, for `invalid_arguments`. */
  readonly violations?: readonly ArgumentViolation[];
  /** Extra machine-readable facts (never secrets), e.g. the confirmation summary. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Options shared by every typed error. */
export interface OctopusMcpErrorOptions {
  readonly cause?: unknown;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Base class of all typed errors. `code` decides the agent-facing error code. */
export abstract class OctopusMcpError extends Error {
  abstract readonly code: ToolErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(message: string, options: OctopusMcpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details;
  }

  /** The agent-facing body. Subclasses add their own fields. */
  toBody(): ToolErrorBody {
    return {
      success: false,
      error: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** Arguments broke the tool's input schema or a semantic rule. */
export class InvalidArgumentsError extends OctopusMcpError {
  readonly code = "invalid_arguments" as const;
  constructor(
    message: string,
    readonly violations: readonly ArgumentViolation[] = [],
    options?: OctopusMcpErrorOptions,
  ) {
    super(message, options);
  }
  override toBody(): ToolErrorBody {
    return { ...super.toBody(), ...(this.violations.length ? { violations: this.violations } : {}) };
  }
}

/** The named thing does not exist (or the caller may not see it). */
export class NotFoundError extends OctopusMcpError {
  readonly code = "not_found" as const;
}

/** The upstream rejected the credential (HTTP 401), or no credential is configured. */
export class UnauthorizedError extends OctopusMcpError {
  readonly code = "unauthorized" as const;
}

/** The credential is valid but lacks permission (HTTP 403). */
export class ForbiddenError extends OctopusMcpError {
  readonly code = "forbidden" as const;
}

/** The upstream throttled us (HTTP 429). `retryAfterSeconds` comes from `Retry-After` when sent. */
export class RateLimitError extends OctopusMcpError {
  readonly code = "rate_limit" as const;
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
    options?: OctopusMcpErrorOptions,
  ) {
    super(message, options);
  }
  override toBody(): ToolErrorBody {
    return {
      ...super.toBody(),
      ...(this.retryAfterSeconds !== undefined ? { retry_after: this.retryAfterSeconds } : {}),
    };
  }
}

/** An operation exceeded its time budget (the call timeout or an upstream timeout). */
export class TimeoutError extends OctopusMcpError {
  readonly code = "timeout" as const;
}

/** The upstream is down, unreachable, returned 5xx, or its circuit breaker is open. */
export class UpstreamUnavailableError extends OctopusMcpError {
  readonly code = "upstream_unavailable" as const;
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
    options?: OctopusMcpErrorOptions,
  ) {
    super(message, options);
  }
  override toBody(): ToolErrorBody {
    return {
      ...super.toBody(),
      ...(this.retryAfterSeconds !== undefined ? { retry_after: this.retryAfterSeconds } : {}),
    };
  }
}

/** The target is in a state that forbids the operation now (HTTP 409, Argo CD FailedPrecondition). */
export class ConflictError extends OctopusMcpError {
  readonly code = "conflict" as const;
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
    options?: OctopusMcpErrorOptions,
  ) {
    super(message, options);
  }
  override toBody(): ToolErrorBody {
    return {
      ...super.toBody(),
      ...(this.retryAfterSeconds !== undefined ? { retry_after: this.retryAfterSeconds } : {}),
    };
  }
}

/** A write or delete needs confirmation (elicitation, or `confirm: true` when elicitation is unavailable). */
export class ConfirmationRequiredError extends OctopusMcpError {
  readonly code = "confirmation_required" as const;
}

/** The tool is blocked by a read-only or no-deletes policy. */
export class ReadOnlyError extends OctopusMcpError {
  readonly code = "read_only" as const;
}

/** A bug or an unexpected condition. The message reaching the agent is always generic. */
export class InternalError extends OctopusMcpError {
  readonly code = "internal_error" as const;
}

/**
 * A credential ID has no secret in the caller tenant's namespace. Maps to `unauthorized`: the agent
 * cannot fix it, the operator must configure the credential. The message names the ID, never a value.
 */
export class CredentialNotFoundError extends OctopusMcpError {
  readonly code = "unauthorized" as const;
  constructor(
    readonly credentialId: string,
    readonly tenantId: string,
    options?: OctopusMcpErrorOptions,
  ) {
    super(
      `Credential "${credentialId}" is not configured for caller tenant "${tenantId}". ` +
        `The operator must provide it (environment variable or credentials file).`,
      options,
    );
  }
}

/** `ITenantContext` was read outside a tool call (e.g. in `onStartAsync`). */
export class TenantContextUnavailableError extends Error {
  constructor(what: string) {
    super(
      `${what} was read outside a tool call. The caller tenant exists only while the host runs a ` +
        `tool, resource or prompt handler; read it there, not in onRegister/onStartAsync or a timer.`,
    );
    this.name = "TenantContextUnavailableError";
  }
}

/** True for any typed error of this package (also across duplicated package copies). */
export function isOctopusMcpError(error: unknown): error is OctopusMcpError {
  return (
    error instanceof OctopusMcpError ||
    (typeof error === "object" &&
      error !== null &&
      typeof (error as { code?: unknown }).code === "string" &&
      TOOL_ERROR_CODES.includes((error as { code: ToolErrorCode }).code) &&
      typeof (error as { toBody?: unknown }).toBody === "function")
  );
}

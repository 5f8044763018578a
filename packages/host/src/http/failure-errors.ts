/**
 * Typed errors for requests that produced no usable response: network errors, attempt timeouts,
 * an open circuit breaker, a full bulkhead queue, redirects away from the upstream.
 */
import { BrokenCircuitError, BulkheadRejectedError } from "cockatiel";
import { TimeoutError, UnauthorizedError, UpstreamUnavailableError } from "@octopus-mcp/core";
import { AttemptFailure, type Outcome } from "./http-attempt.js";
import { type RequestDescription } from "./upstream-errors.js";

export interface FailureContext extends RequestDescription {
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly halfOpenAfterMs: number;
}

/** The caller's abort reason, or a standard AbortError when it gave none. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

/**
 * Maps what the policy pipeline threw to what the caller gets: a core typed error, or the
 * caller's abort reason. Anything else (already typed errors included) is returned unchanged.
 */
export function errorForFailure(error: unknown, context: FailureContext): unknown {
  const where = `${context.method} ${context.path}`;
  if (error instanceof AttemptFailure) {
    if (error.kind === "aborted") return context.signal ? abortReason(context.signal) : error;
    if (error.kind === "timeout") {
      return new TimeoutError(`${context.upstream} did not answer ${where} within ${context.timeoutMs} ms.`);
    }
    const cause = (error.reason as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
    const detail = typeof cause?.code === "string" ? cause.code : String(cause?.message ?? "network error");
    return new UpstreamUnavailableError(
      `${context.upstream} is unreachable for ${where} (${detail}).`,
      undefined,
      {
        cause: error.reason,
      },
    );
  }
  if (error instanceof BrokenCircuitError) {
    const seconds = Math.ceil(context.halfOpenAfterMs / 1000);
    return new UpstreamUnavailableError(
      `${context.upstream} is failing repeatedly; requests to it are paused (circuit breaker open) and resume ` +
        `with a trial request within ${seconds} s.`,
      seconds,
    );
  }
  if (error instanceof BulkheadRejectedError) {
    return new UpstreamUnavailableError(
      `Too many concurrent requests to ${context.upstream}; retry shortly.`,
      1,
    );
  }
  return error;
}

/**
 * The outcome of a redirect that is not followed: to another origin (credentials are never sent
 * there; typically an SSO login page) or one too many.
 */
export function redirectOutcome(
  response: Response,
  target: URL,
  context: RequestDescription & { readonly origin: string; readonly maxRedirects: number },
): Outcome {
  const where = `${context.upstream} redirected ${context.method} ${context.path}`;
  const details = { status: response.status };
  return {
    status: response.status,
    headers: response.headers,
    contentType: null,
    body: undefined,
    retryAfterMs: undefined,
    error:
      target.origin !== context.origin
        ? new UnauthorizedError(
            `${where} to ${target.origin}${target.pathname}: an SSO or login proxy answered instead of the API ` +
              "(credentials are never sent to another origin); let the host reach the API directly and check the server URL.",
            { details },
          )
        : new UpstreamUnavailableError(`${where} more than ${context.maxRedirects} times.`, undefined, {
            details,
          }),
  };
}

/**
 * The host's `HttpClient` (core/src/http.ts is the spec): Node's fetch (undici) behind cockatiel 3
 * policies, per request `retry -> circuit breaker -> bulkhead -> per-attempt timeout -> fetch`.
 *
 * - Retries only idempotent requests (GET/HEAD/PUT/DELETE unless `idempotent` says otherwise) on
 *   429/502/503/504, network errors and attempt timeouts, with exponential backoff and
 *   decorrelated jitter. A `Retry-After` (seconds or HTTP-date) replaces the backoff delay; one
 *   beyond `maxBackoffMs` ends the retries at once, and the error carries `retry_after`.
 * - One breaker and one bulkhead per (caller tenant, or "host" outside a scope; upstream origin):
 *   5xx responses, network errors and timeouts count; an open breaker fails fast with
 *   `UpstreamUnavailableError` without sending anything.
 * - The caller's AbortSignal stops everything at once (no further attempt, no waiting out a
 *   backoff); the promise rejects with the signal's reason.
 * - Redirects are followed within the same origin only, so credentials never travel elsewhere; a
 *   cross-origin redirect (an SSO login page, typically) is an `UnauthorizedError`.
 * - `request()` reads the whole body within the attempt timeout (at most `maxResponseBytes`);
 *   `stream()`'s attempt timeout covers the response head only, the body is read at the caller's
 *   pace (iterate it, cancel it, or abort the signal). Each attempt counts for the breaker.
 * - Errors carry the upstream's own message, redacted, never request headers. One debug log line
 *   per attempt (method, origin + path, status, attempt, durationMs), never headers or query.
 */
import {
  DelegateBackoff,
  ExponentialBackoff,
  handleWhen,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  type IBackoff,
  type IRetryBackoffContext,
} from "cockatiel";
import {
  InvalidArgumentsError,
  isOctopusMcpError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type HttpStreamResponse,
  type Logger,
} from "@octopus-mcp/core";
import { type HostConfig } from "../config/types.js";
import { type SecretRedactor } from "../logging/secret-redactor.js";
import { type TenantScope } from "../tenancy/tenant-scope.js";
import { AttemptFailure, BreakerCountedOutcome, readOutcome, type Outcome } from "./http-attempt.js";
import { abortReason, errorForFailure, redirectOutcome } from "./failure-errors.js";
import { buildRequestUrl } from "./request-url.js";
import { toAsyncBody } from "./response-body.js";
import { errorForResponse, grpcCode } from "./upstream-errors.js";
import { UpstreamPolicyRegistry, type BreakerState } from "./upstream-policies.js";

/** Observability hooks (metrics). Called synchronously; a hook that throws is logged and ignored. */
export interface HttpClientHooks {
  /** After each attempt. */
  onRequest?(info: HttpAttemptInfo): void;
  /** Before each retry's delay. */
  onRetry?(info: HttpRetryInfo): void;
  onBreakerStateChange?(key: string, state: BreakerState): void;
}

export interface HttpAttemptInfo {
  /** `<caller tenant or "host"> <origin>`: the breaker/bulkhead key. */
  readonly key: string;
  readonly method: string;
  readonly origin: string;
  readonly path: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** HTTP status, or why there was none. */
  readonly status: number | "network_error" | "timeout" | "aborted";
  readonly durationMs: number;
}

export interface HttpRetryInfo {
  readonly key: string;
  /** The attempt about to be made (2 = first retry). */
  readonly attempt: number;
  readonly delayMs: number;
  /** HTTP status or failure kind that caused the retry. */
  readonly reason: number | "network_error" | "timeout";
}

export interface HostHttpClientOptions {
  readonly settings: HostConfig["http"];
  /** The caller tenant (breaker/bulkhead key) comes from here; "host" outside a scope. */
  readonly scope: TenantScope;
  readonly logger: Logger;
  /** Applied to every error message. */
  readonly redactor: SecretRedactor;
  /** Default `globalThis.fetch` (undici). Tests inject faults here. */
  readonly fetch?: typeof globalThis.fetch;
  readonly hooks?: HttpClientHooks;
}

/** Statuses retried for idempotent requests. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const MAX_REDIRECTS = 5;
/** `http.maxResponseBytes` default (32 MiB), for settings built by hand. */
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Argo CD answers "permission denied" (gRPC 7) with 503 at times: not an outage. */
const GRPC_PERMISSION_DENIED = 7;

interface PreparedRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly idempotent: boolean;
  readonly timeoutMs: number;
  readonly upstream: string;
  readonly throwOnHttpError: boolean;
  readonly signal: AbortSignal | undefined;
  readonly key: string;
  readonly streaming: boolean;
}

function describe(request: PreparedRequest) {
  return { upstream: request.upstream, method: request.method, path: request.url.pathname };
}

export class HostHttpClient implements HttpClient {
  readonly #options: HostHttpClientOptions;
  readonly #fetch: typeof globalThis.fetch;
  readonly #policies: UpstreamPolicyRegistry;

  constructor(options: HostHttpClientOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#policies = new UpstreamPolicyRegistry(
      options.settings,
      (error) =>
        error instanceof BreakerCountedOutcome ||
        (error instanceof AttemptFailure && error.kind !== "aborted") ||
        error instanceof TaskCancelledError,
      (key, state) => {
        const fields = { upstreamKey: key, breaker: state };
        if (state === "open") options.logger.warn(fields, "circuit breaker open: failing fast");
        else options.logger.info(fields, `circuit breaker ${state}`);
        this.#callHook("onBreakerStateChange", () => options.hooks?.onBreakerStateChange?.(key, state));
      },
    );
  }

  #callHook(name: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.#options.logger.warn({ hook: name, err: error }, "HTTP client hook threw; ignored");
    }
  }

  /** Breaker state for a caller tenant (`undefined` = outside a scope) and an origin. */
  breakerState(tenantId: string | undefined, origin: string): BreakerState {
    return this.#policies.state(UpstreamPolicyRegistry.key(tenantId, origin));
  }

  async request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    const outcome = await this.#execute(this.#prepare(request, false));
    return { status: outcome.status, headers: outcome.headers, body: outcome.body as T };
  }

  async stream(request: HttpRequest): Promise<HttpStreamResponse> {
    const outcome = await this.#execute(this.#prepare(request, true));
    const body = toAsyncBody(
      outcome.stream ?? new Blob([typeof outcome.body === "string" ? outcome.body : ""]).stream(),
    );
    return { status: outcome.status, headers: outcome.headers, body };
  }

  #prepare(request: HttpRequest, streaming: boolean): PreparedRequest {
    let url: URL;
    try {
      url = buildRequestUrl(request.url, request.query);
    } catch (error) {
      throw new InvalidArgumentsError(
        this.#options.redactor.redact(`Invalid upstream URL: ${(error as Error).message}`),
      );
    }
    const method = request.method ?? "GET";
    const headers = new Headers(request.headers);
    if (!headers.has("accept")) headers.set("accept", "application/json");
    let body: string | undefined;
    if (request.body !== undefined && method !== "GET" && method !== "HEAD") {
      if (typeof request.body === "string") body = request.body;
      else {
        body = JSON.stringify(request.body);
        if (!headers.has("content-type")) headers.set("content-type", "application/json");
      }
    }
    return {
      url,
      method,
      headers,
      body,
      idempotent: request.idempotent ?? !(method === "POST" || method === "PATCH"),
      timeoutMs: request.timeoutMs ?? this.#options.settings.timeoutMs,
      upstream: request.upstreamName ?? url.origin,
      throwOnHttpError: request.throwOnHttpError ?? true,
      signal: request.signal,
      key: UpstreamPolicyRegistry.key(this.#options.scope.current()?.tenantId, url.origin),
      streaming,
    };
  }

  async #execute(request: PreparedRequest): Promise<Outcome> {
    const { signal } = request;
    if (signal?.aborted) throw abortReason(signal);
    const run = this.#runPolicies(request)
      .then((outcome) => this.#finish(request, outcome))
      .catch((error: unknown) => {
        throw this.#mapFailure(request, error);
      });
    if (!signal) return run;
    // cockatiel's retry delay cannot be interrupted: race it so an abort returns at once. The
    // loop stops before its next attempt (each attempt checks the signal first).
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abortReason(signal));
      signal.addEventListener("abort", onAbort, { once: true });
    });
    run.catch(() => undefined);
    try {
      return await Promise.race([run, aborted]);
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }

  #runPolicies(request: PreparedRequest): Promise<Outcome> {
    const { settings, hooks } = this.#options;
    const { breaker, bulkhead } = this.#policies.get(request.key);
    const exponential = new ExponentialBackoff({
      initialDelay: settings.initialBackoffMs,
      maxDelay: settings.maxBackoffMs,
    });
    // Exponential backoff with decorrelated jitter, unless the upstream said how long to wait.
    const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>, IBackoff<unknown>>(
      (context, state) => {
        const next = state ? state.next(context) : exponential.next();
        const retryAfterMs =
          "value" in context.result ? (context.result.value as Outcome).retryAfterMs : undefined;
        return { delay: retryAfterMs ?? next.duration, state: next };
      },
    );
    const retryPolicy = retry(
      handleWhen((error) => error instanceof AttemptFailure && error.kind !== "aborted").orWhenResult(
        (value) => this.#isRetryable(value as Outcome),
      ),
      { maxAttempts: request.idempotent ? settings.maxRetries : 0, backoff },
    );
    retryPolicy.onRetry((event) => {
      const reason =
        "error" in event
          ? (event.error as AttemptFailure).kind === "timeout"
            ? "timeout"
            : "network_error"
          : (event.value as Outcome).status;
      const info: HttpRetryInfo = {
        key: request.key,
        attempt: event.attempt + 1,
        delayMs: event.delay,
        reason,
      };
      this.#callHook("onRetry", () => hooks?.onRetry?.(info));
    });
    const attemptTimeout = timeout(request.timeoutMs, {
      strategy: TimeoutStrategy.Aggressive,
      // A streamed body outlives its attempt: returning must not abort it.
      abortOnReturn: false,
    });
    return retryPolicy.execute(async ({ attempt }) => {
      try {
        return await breaker.execute(async () => {
          try {
            const outcome = await bulkhead.execute(() =>
              attemptTimeout.execute(({ signal }) => this.#attempt(request, attempt + 1, signal)),
            );
            if (outcome.status >= 500 && grpcCode(outcome.body) !== GRPC_PERMISSION_DENIED) {
              throw new BreakerCountedOutcome(outcome);
            }
            return outcome;
          } catch (error) {
            if (error instanceof TaskCancelledError) {
              throw new AttemptFailure(request.signal?.aborted ? "aborted" : "timeout", error);
            }
            throw error;
          }
        });
      } catch (error) {
        // Counted by the breaker; the retry policy and the caller see it as a response.
        if (error instanceof BreakerCountedOutcome) return error.outcome;
        throw error;
      }
    });
  }

  #isRetryable(outcome: Outcome): boolean {
    if (!RETRYABLE_STATUSES.has(outcome.status) || grpcCode(outcome.body) === GRPC_PERMISSION_DENIED)
      return false;
    return outcome.retryAfterMs === undefined || outcome.retryAfterMs <= this.#options.settings.maxBackoffMs;
  }

  async #attempt(request: PreparedRequest, attempt: number, timeoutSignal: AbortSignal): Promise<Outcome> {
    if (request.signal?.aborted) throw new AttemptFailure("aborted", request.signal.reason);
    const signal = request.signal ? AbortSignal.any([timeoutSignal, request.signal]) : timeoutSignal;
    const started = performance.now();
    let status: HttpAttemptInfo["status"] = "network_error";
    try {
      let url = request.url;
      for (let redirects = 0; ; redirects++) {
        const response = await this.#fetch(url, {
          method: request.method,
          headers: request.headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          redirect: "manual",
          signal,
        });
        status = response.status;
        const location = response.headers.get("location");
        if (response.status >= 300 && response.status < 400 && location !== null) {
          await response.body?.cancel();
          const target = new URL(location, url);
          if (target.origin === request.url.origin && redirects < MAX_REDIRECTS) {
            url = target;
            continue;
          }
          return redirectOutcome(response, target, {
            ...describe(request),
            origin: request.url.origin,
            maxRedirects: MAX_REDIRECTS,
          });
        }
        return await readOutcome(response, {
          ...describe(request),
          streaming: request.streaming,
          acceptsHtml: /html/i.test(request.headers.get("accept") ?? ""),
          maxResponseBytes: this.#options.settings.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        });
      }
    } catch (error) {
      if (request.signal?.aborted) {
        status = "aborted";
        throw new AttemptFailure("aborted", request.signal.reason);
      }
      if (timeoutSignal.aborted) {
        status = "timeout";
        throw new AttemptFailure("timeout", error);
      }
      throw new AttemptFailure("network_error", error);
    } finally {
      const info: HttpAttemptInfo = {
        key: request.key,
        method: request.method,
        origin: request.url.origin,
        path: request.url.pathname,
        attempt,
        status,
        durationMs: Math.round(performance.now() - started),
      };
      this.#options.logger.debug(
        {
          method: info.method,
          url: `${info.origin}${info.path}`,
          status,
          attempt,
          durationMs: info.durationMs,
        },
        "upstream request",
      );
      this.#callHook("onRequest", () => this.#options.hooks?.onRequest?.(info));
    }
  }

  /** The final outcome as the caller gets it: 2xx returned, the rest thrown (or returned, when asked). */
  #finish(request: PreparedRequest, outcome: Outcome): Outcome {
    if (outcome.error) throw outcome.error;
    if ((outcome.status >= 200 && outcome.status < 300) || !request.throwOnHttpError) return outcome;
    const retryAfterSeconds =
      outcome.retryAfterMs === undefined ? undefined : Math.max(0, Math.ceil(outcome.retryAfterMs / 1000));
    throw errorForResponse({ ...outcome, retryAfterSeconds }, describe(request));
  }

  /** Any failure as a typed error with a redacted message (or the caller's abort reason). */
  #mapFailure(request: PreparedRequest, error: unknown): unknown {
    const mapped = errorForFailure(error, {
      ...describe(request),
      timeoutMs: request.timeoutMs,
      signal: request.signal,
      halfOpenAfterMs: this.#options.settings.breaker.halfOpenAfterMs,
    });
    if (!isOctopusMcpError(mapped)) return mapped;
    const redacted = this.#options.redactor.redact(mapped.message);
    if (redacted !== mapped.message) mapped.message = redacted;
    return mapped;
  }
}

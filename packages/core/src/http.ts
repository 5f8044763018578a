/**
 * Outbound HTTP as plugins see it. The host's implementation adds timeouts, retries with backoff
 * and jitter for idempotent requests (429/502/503/504, honouring `Retry-After`), a circuit breaker
 * per (caller tenant, upstream origin), a concurrency cap per upstream, AbortSignal propagation and
 * secret redaction. Failures surface as the typed errors of this package.
 */

/** Query values; arrays repeat the key (`a=1&a=2`), `undefined` is omitted. */
export type QueryValue = string | number | boolean | undefined | readonly (string | number | boolean)[];

export interface HttpRequest {
  /** Default `GET`. */
  readonly method?: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Absolute URL. */
  readonly url: string | URL;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value (serialised, `Content-Type: application/json`) or a string sent verbatim. */
  readonly body?: unknown;
  /** Per-attempt timeout in ms. Default from host config (`http.timeoutMs`, 30000). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /**
   * Whether retrying is safe. Default: true for GET/HEAD/PUT/DELETE, false for POST/PATCH.
   * Non-idempotent requests are never retried automatically.
   */
  readonly idempotent?: boolean;
  /** What the upstream is called in error messages, e.g. `Octopus` or `Argo CD "prod"`. Default: the origin. */
  readonly upstreamName?: string;
  /**
   * When false, non-2xx responses are returned instead of thrown (the caller maps them).
   * Transport failures still throw. Default true.
   */
  readonly throwOnHttpError?: boolean;
}

export interface HttpResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON when the response is JSON, otherwise the text; `undefined` for 204/HEAD. */
  readonly body: T;
}

export interface HttpStreamResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body as a byte stream; read it to the end or cancel it to release the connection. */
  readonly body: AsyncIterable<Uint8Array> & { cancel(): Promise<void> };
}

export interface HttpClient {
  /**
   * Sends a request.
   * @throws UnauthorizedError (401), ForbiddenError (403), NotFoundError (404), ConflictError (409),
   *   RateLimitError (429, after retries), UpstreamUnavailableError (5xx, network, open breaker),
   *   TimeoutError, InvalidArgumentsError (400/422 with the upstream's message).
   */
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  /** Like `request` but the body is streamed (bounded memory for multi-megabyte logs). */
  stream(request: HttpRequest): Promise<HttpStreamResponse>;
}

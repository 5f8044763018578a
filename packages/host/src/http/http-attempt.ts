/**
 * One HTTP attempt of the host's HttpClient: what it produced ({@link Outcome}) or why it produced
 * nothing ({@link AttemptFailure}), and how a response is read into an outcome.
 */
import { InvalidArgumentsError, UpstreamUnavailableError, type OctopusMcpError } from "@octopus-mcp/core";
import { parseRetryAfterMs } from "./request-url.js";
import { readBodyText, readLimitedText } from "./response-body.js";
import { errorForResponse, isHtml, type RequestDescription } from "./upstream-errors.js";

/** Error bodies are read up to this many bytes for their message. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export type FailureKind = "network_error" | "timeout" | "aborted";

/** An attempt that ended without a response. */
export class AttemptFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly reason?: unknown,
  ) {
    super(kind);
    this.name = "AttemptFailure";
  }
}

/** A response the circuit breaker must count as a failure (5xx); unwrapped outside the breaker. */
export class BreakerCountedOutcome extends Error {
  constructor(readonly outcome: Outcome) {
    super(`upstream answered ${outcome.status}`);
    this.name = "BreakerCountedOutcome";
  }
}

/** An attempt that got a response. */
export interface Outcome {
  readonly status: number;
  readonly headers: Headers;
  readonly contentType: string | null;
  /** Parsed JSON or text (`request`), the error text (`stream`, non-2xx), or `undefined`. */
  readonly body: unknown;
  /** The unread body (`stream`, 2xx only). */
  readonly stream?: ReadableStream<Uint8Array> | null;
  /** `Retry-After` in ms, when sent. */
  readonly retryAfterMs: number | undefined;
  /** An error decided while reading a 2xx (invalid JSON, an HTML login page, a foreign redirect). */
  readonly error?: OctopusMcpError;
}

function isJsonContentType(contentType: string | null): boolean {
  return contentType !== null && /^application\/(?:[\w.+-]*\+)?json\b/i.test(contentType);
}

/**
 * Reads `response` into an outcome. `request()` reads the whole body (inside the attempt, so the
 * attempt timeout covers it); `stream()` leaves a 2xx body unread and reads error bodies only up
 * to {@link MAX_ERROR_BODY_BYTES}.
 */
export async function readOutcome(
  response: Response,
  request: RequestDescription & {
    readonly streaming: boolean;
    readonly acceptsHtml: boolean;
    /** Limit of a body read into memory (`request()` only). */
    readonly maxResponseBytes: number;
  },
): Promise<Outcome> {
  const contentType = response.headers.get("content-type");
  const common = {
    status: response.status,
    headers: response.headers,
    contentType,
    retryAfterMs: parseRetryAfterMs(response.headers.get("retry-after")),
  };
  const htmlError = (body: string): Outcome => ({
    ...common,
    body,
    error: errorForResponse({ ...common, body, retryAfterSeconds: undefined }, request),
  });
  if (request.streaming) {
    if (!response.ok) return { ...common, body: await readLimitedText(response.body, MAX_ERROR_BODY_BYTES) };
    if (!request.acceptsHtml && isHtml(contentType, undefined)) {
      return htmlError(await readLimitedText(response.body, MAX_ERROR_BODY_BYTES));
    }
    return { ...common, body: undefined, stream: response.body };
  }
  const { text, complete } = await readBodyText(response.body, request.maxResponseBytes);
  if (!complete) {
    return {
      ...common,
      body: undefined,
      error: new InvalidArgumentsError(
        `${request.upstream} answered ${request.method} ${request.path} with more than ${request.maxResponseBytes} bytes ` +
          "(http.maxResponseBytes); ask for less (paging, filters) or stream it.",
        [],
        { details: { status: response.status } },
      ),
    };
  }
  if (request.method === "HEAD" || response.status === 204 || response.status === 205 || text === "") {
    return { ...common, body: undefined };
  }
  if (isJsonContentType(contentType)) {
    try {
      return { ...common, body: JSON.parse(text) as unknown };
    } catch {
      if (response.ok) {
        return {
          ...common,
          body: text,
          error: new UpstreamUnavailableError(
            `${request.upstream} sent invalid JSON for ${request.method} ${request.path}.`,
            undefined,
            { details: { status: response.status } },
          ),
        };
      }
    }
  }
  if (response.ok && !request.acceptsHtml && isHtml(contentType, text)) return htmlError(text);
  return { ...common, body: text };
}

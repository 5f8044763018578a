/**
 * Maps upstream HTTP failures to core's typed errors, with the upstream's own message where it
 * sends one: Octopus `{ ErrorMessage, Errors[] }` (reference/octopus-api.md §7), Argo CD
 * `{ code (gRPC), error, message }` (reference/argocd.md §6), or `{ message }`/`{ detail }`.
 * An HTML page where an API response was expected means an SSO / login proxy in front of the
 * upstream. Messages never contain request headers; callers redact them.
 */
import { STATUS_CODES } from "node:http";
import {
  ConflictError,
  ForbiddenError,
  InvalidArgumentsError,
  NotFoundError,
  type OctopusMcpError,
  RateLimitError,
  TimeoutError,
  UnauthorizedError,
  UpstreamUnavailableError,
} from "@octopus-mcp/core";

/** gRPC status codes Argo CD puts in `code` (grpc/codes). */
const GRPC = {
  NotFound: 5,
  PermissionDenied: 7,
  FailedPrecondition: 9,
  Aborted: 10,
  Unauthenticated: 16,
} as const;

const MAX_MESSAGE_CHARS = 500;

/** True for `text/html` responses or bodies that look like an HTML page. */
export function isHtml(contentType: string | null, body: unknown): boolean {
  if (contentType?.toLowerCase().includes("text/html")) return true;
  return typeof body === "string" && /^\s*<(?:!doctype html|html[\s>])/i.test(body);
}

/** The upstream's own error text, if its body has one. */
export function upstreamMessage(body: unknown): string | undefined {
  if (typeof body === "string") {
    const text = body.trim();
    return text && !/^\s*</.test(text) ? truncate(text) : undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.ErrorMessage === "string") {
    const errors = Array.isArray(record.Errors)
      ? record.Errors.filter((e): e is string => typeof e === "string")
      : [];
    const head = record.ErrorMessage.trim();
    if (!errors.length) return head ? truncate(head) : undefined;
    return truncate(head ? `${head.replace(/[.:]\s*$/, "")}: ${errors.join("; ")}` : errors.join("; "));
  }
  for (const key of ["message", "error", "detail", "title", "error_description"]) {
    const value = record[key];
    if (typeof value === "string" && value.trim()) return truncate(value.trim());
  }
  return undefined;
}

/** Argo CD's gRPC code in an error body, if any. */
export function grpcCode(body: unknown): number | undefined {
  const code = (body as { code?: unknown } | null | undefined)?.code;
  return typeof body === "object" && typeof code === "number" ? code : undefined;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}

export interface FailedResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: unknown;
  /** Seconds from `Retry-After`, if sent. */
  readonly retryAfterSeconds: number | undefined;
}

/** Where the failure happened, for the message: `Octopus`, `GET /api/spaces`. */
export interface RequestDescription {
  readonly upstream: string;
  readonly method: string;
  readonly path: string;
}

const PROXY_HINT =
  "an SSO or login proxy in front of it answered instead of the API: let the host reach the API directly " +
  "or configure the proxy to pass API requests, and check the server URL";

/** The typed error for a non-2xx response (or an unexpected HTML page). */
export function errorForResponse(response: FailedResponse, request: RequestDescription): OctopusMcpError {
  const { status, body } = response;
  const statusText = `${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ""}`;
  const where = `${request.upstream} returned ${statusText} for ${request.method} ${request.path}`;
  const details = { status };
  const html = isHtml(response.contentType, body);
  // An HTML page on success or auth statuses is a login page of a proxy in front of the API.
  if (html && (status < 300 || status === 401 || status === 403 || status === 407)) {
    return new UnauthorizedError(`${where} with an HTML page instead of an API response: ${PROXY_HINT}.`, {
      details,
    });
  }
  const upstreamText = html
    ? "an HTML page from a proxy or web server, not an API response"
    : upstreamMessage(body);
  const message = upstreamText ? `${where}: ${upstreamText}` : `${where}.`;
  const code = grpcCode(body);
  if (code === GRPC.FailedPrecondition || code === GRPC.Aborted) {
    return new ConflictError(message, response.retryAfterSeconds, { details });
  }
  if (code === GRPC.PermissionDenied) return new ForbiddenError(message, { details });
  if (code === GRPC.Unauthenticated) return new UnauthorizedError(message, { details });
  switch (status) {
    case 400:
    case 422:
      return new InvalidArgumentsError(message, [], { details });
    case 401:
      return new UnauthorizedError(message, { details });
    case 403:
      return new ForbiddenError(message, { details });
    case 404:
    case 410:
      return new NotFoundError(message, { details });
    case 408:
      return new TimeoutError(message, { details });
    case 409:
    case 412:
    case 423:
      return new ConflictError(message, response.retryAfterSeconds, { details });
    case 429:
      return new RateLimitError(
        `${message}${response.retryAfterSeconds !== undefined ? ` Retry in ${response.retryAfterSeconds} s.` : ""}`,
        response.retryAfterSeconds,
        { details },
      );
    default:
      if (status >= 500)
        return new UpstreamUnavailableError(message, response.retryAfterSeconds, { details });
      if (code === GRPC.NotFound) return new NotFoundError(message, { details });
      return new InvalidArgumentsError(message, [], { details });
  }
}

/**
 * Maps Argo CD HTTP failures to the host's typed errors (reference argocd.md §6). Argo CD answers
 * with grpc-gateway's `runtimeError` body `{code, error, message}`; identity-aware proxies in front
 * of it answer with HTML login pages (often after a 302), which must never be parsed as JSON.
 */
import {
  ConflictError,
  ForbiddenError,
  InvalidArgumentsError,
  NotFoundError,
  RateLimitError,
  UnauthorizedError,
  UpstreamUnavailableError,
  type OctopusMcpError,
} from "@octopus-mcp/core";

/** gRPC status codes Argo CD puts in `code` (google.golang.org/grpc/codes). */
export const GRPC = {
  InvalidArgument: 3,
  NotFound: 5,
  PermissionDenied: 7,
  FailedPrecondition: 9,
  Unauthenticated: 16,
} as const;

/** Seconds an agent should wait before retrying a sync that hit a running operation. */
export const OPERATION_IN_PROGRESS_RETRY_SECONDS = 10;

/** What the failed request was about, for precise messages. */
export interface ArgoRequestSubject {
  /** Instance name from the caller tenant's settings. */
  readonly instance: string;
  /** Credential ID of the token (named in 401 messages so the operator knows what to rotate). */
  readonly credentialId: string;
  /** Application name when the request targeted one. */
  readonly application?: string;
  /** What was attempted, e.g. `get`, `sync`, `list applications`. */
  readonly action: string;
}

/** The parts of a response the mapper needs. */
export interface ArgoResponseLike {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** True when the response is an HTML page (an SSO / identity-aware proxy, not Argo CD's API). */
export function isHtmlResponse(response: ArgoResponseLike): boolean {
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("text/html")) return true;
  return typeof response.body === "string" && /^\s*(<!doctype html|<html|<head|<body)/i.test(response.body);
}

/** `{code, message}` from a grpc-gateway error body, when it is one. */
export function grpcError(body: unknown): { code?: number; message?: string } {
  if (typeof body !== "object" || body === null) return {};
  const b = body as { code?: unknown; message?: unknown; error?: unknown };
  const message =
    typeof b.message === "string" ? b.message : typeof b.error === "string" ? b.error : undefined;
  return {
    ...(typeof b.code === "number" ? { code: b.code } : {}),
    ...(message !== undefined ? { message } : {}),
  };
}

/**
 * The typed error for a response, or undefined when it is a usable JSON success.
 * Redirects (3xx) and HTML bodies are reported as an SSO proxy in the way.
 */
export function mapArgoCdResponse(
  response: ArgoResponseLike,
  subject: ArgoRequestSubject,
): OctopusMcpError | undefined {
  const upstream = `Argo CD "${subject.instance}"`;
  const { status } = response;
  if ((status >= 300 && status < 400) || isHtmlResponse(response)) {
    const location = response.headers.get("location");
    return new UnauthorizedError(
      `${upstream} answered with ${status >= 300 && status < 400 ? `a redirect${location ? ` to ${safeLocation(location)}` : ""}` : "an HTML page"} instead of JSON: ` +
        `an SSO or identity-aware proxy in front of Argo CD is asking for a login. ` +
        `Use the Argo CD API URL that bypasses the proxy, or have the operator configure the proxy's service token.`,
      { details: { httpStatus: status, instance: subject.instance } },
    );
  }
  if (status >= 200 && status < 300) return undefined;
  const grpc = grpcError(response.body);
  const argoMessage = grpc.message ? ` Argo CD said: "${truncate(grpc.message, 300)}".` : "";
  const details = {
    httpStatus: status,
    instance: subject.instance,
    ...(grpc.code !== undefined ? { grpcCode: grpc.code } : {}),
  };
  const app = subject.application !== undefined ? `application "${subject.application}"` : undefined;

  if (
    grpc.code === GRPC.FailedPrecondition ||
    /another operation is already in progress/i.test(grpc.message ?? "")
  ) {
    return new ConflictError(
      `${upstream}: ${app ?? "the application"} cannot ${subject.action} now because another operation is already in progress. ` +
        `Wait for it to finish (argocd_get_application shows the operation phase) and retry.${argoMessage}`,
      OPERATION_IN_PROGRESS_RETRY_SECONDS,
      { details },
    );
  }
  if (status === 401 || grpc.code === GRPC.Unauthenticated) {
    return new UnauthorizedError(
      `${upstream} rejected the token (HTTP 401): it is invalid or expired. ` +
        `The operator must generate a new Argo CD token and store it as credential "${subject.credentialId}".`,
      { details },
    );
  }
  if (status === 403 || (status === 503 && grpc.code === GRPC.PermissionDenied)) {
    // Argo CD answers "permission denied" both for missing objects and missing RBAC (CVE-2022-41354).
    if (app !== undefined && subject.action === "get") {
      return new NotFoundError(
        `${upstream}: ${app} does not exist, or the token has no permission to see it (Argo CD answers 403 for both ` +
          `and does not say which). Check the name with argocd_find_applications.`,
        { details },
      );
    }
    return new ForbiddenError(
      `${upstream}: permission denied for ${subject.action}${app ? ` on ${app}` : ""}. Either the ${app ?? "object"} does not exist ` +
        `or the token's account lacks the RBAC grant (Argo CD does not say which); Octopus's recommended account ` +
        `needs applications get+sync, clusters get and logs get.${argoMessage}`,
      { details },
    );
  }
  if (status === 404) {
    return new NotFoundError(`${upstream}: ${app ?? "the requested object"} was not found.${argoMessage}`, {
      details,
    });
  }
  if (status === 429) {
    const retryAfter = Number(response.headers.get("retry-after"));
    return new RateLimitError(
      `${upstream} is throttling requests.`,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      { details },
    );
  }
  if (status === 400 || status === 422) {
    return new InvalidArgumentsError(
      `${upstream} rejected the request to ${subject.action}.${argoMessage}`,
      [],
      { details },
    );
  }
  if (status === 409) {
    return new ConflictError(
      `${upstream}: conflict while trying to ${subject.action}.${argoMessage}`,
      undefined,
      { details },
    );
  }
  return new UpstreamUnavailableError(
    `${upstream} failed with HTTP ${status} while trying to ${subject.action}.${argoMessage}`,
    undefined,
    {
      details,
    },
  );
}

/** Origin and path of a redirect target, never its query (it may carry state or tokens). */
function safeLocation(location: string): string {
  try {
    const url = new URL(location);
    return `${url.origin}${url.pathname}`;
  } catch {
    return location.split("?")[0] ?? "";
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

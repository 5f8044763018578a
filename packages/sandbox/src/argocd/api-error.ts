/**
 * Argo CD API errors: gRPC status codes mapped to HTTP by grpc-gateway, with Argo's JSON body
 * `{error, code, message}` (swagger `runtimeError`; argocd.md §4.2 and §6).
 */

/** gRPC status codes used by the sandbox (google.golang.org/grpc/codes). */
export const GrpcCode = {
  Unknown: 2,
  InvalidArgument: 3,
  NotFound: 5,
  PermissionDenied: 7,
  FailedPrecondition: 9,
  Unimplemented: 12,
  Internal: 13,
  Unauthenticated: 16,
} as const;

/** grpc-gateway's HTTP status per gRPC code (`runtime.HTTPStatusFromCode`). */
const HTTP_STATUS: Record<number, number> = {
  2: 500,
  3: 400,
  5: 404,
  7: 403,
  9: 400,
  12: 501,
  13: 500,
  16: 401,
};

const HTTP_STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  500: "Internal Server Error",
  501: "Not Implemented",
};

/** An error the Argo CD API answers with; `status` is the HTTP status grpc-gateway derives from `code`. */
export class ArgoApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "ArgoApiError";
    this.status = HTTP_STATUS[code] ?? 500;
  }

  /** The unary-call body: `{error, code, message}` (`error` repeats the message, as Argo does). */
  toBody(): { error: string; code: number; message: string } {
    return { error: this.message, code: this.code, message: this.message };
  }

  /** The body of a failed server-streaming call (logs): `{"error": runtimeStreamError}`. */
  toStreamBody(): { error: { grpc_code: number; http_code: number; message: string; http_status: string } } {
    return {
      error: {
        grpc_code: this.code,
        http_code: this.status,
        message: this.message,
        http_status: HTTP_STATUS_TEXT[this.status] ?? "Internal Server Error",
      },
    };
  }
}

/**
 * "permission denied": what Argo CD answers both for a missing application and for one the token may not
 * see, deliberately the same (CVE-2022-41354; argocd.md §6).
 */
export function permissionDenied(detail?: string): ArgoApiError {
  return new ArgoApiError(
    GrpcCode.PermissionDenied,
    detail ? `permission denied: ${detail}` : "permission denied",
  );
}

/** `applications.argoproj.io "<name>" not found` (only when the caller named the `project`; argocd.md §6). */
export function applicationNotFound(name: string): ArgoApiError {
  return new ArgoApiError(GrpcCode.NotFound, `applications.argoproj.io "${name}" not found`);
}

export function invalidArgument(message: string): ArgoApiError {
  return new ArgoApiError(GrpcCode.InvalidArgument, message);
}

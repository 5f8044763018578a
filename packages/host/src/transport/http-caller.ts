/**
 * What the HTTP transport hands to the rest of the host for each request: the authenticated
 * caller, and the MCP Server it connects per request (stateless) or per session (stateful).
 */
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";

/** The caller of one HTTP request (from the JWT, or the anonymous loopback tenant). */
export interface HttpCaller {
  /** Caller tenant ID (JWT `tid`). */
  readonly tenantId: string;
  /** JWT `sub`. */
  readonly subject: string | undefined;
  readonly clientId: string | undefined;
  readonly scopes: readonly string[];
  /** `exp` in seconds since the epoch, when authenticated. */
  readonly expiresAt: number | undefined;
}

/** The part of the SDK's low-level `Server` the transport uses. */
export interface McpServerLike {
  connect(transport: Transport): Promise<void>;
  close(): Promise<void>;
}

/** Builds an MCP Server serving the host's registry to `caller`. Called per POST (stateless) or per session. */
export type McpServerFactory = (caller: HttpCaller) => McpServerLike;

/**
 * The SDK `AuthInfo` attached to the request (`req.auth`), which the SDK passes to handlers as
 * `extra.authInfo`: `extra.tenantId`/`extra.subject` carry the caller. `token` is left empty on
 * purpose: handlers never need the raw bearer token, so it is not handed on.
 */
export function authInfoFor(caller: HttpCaller): AuthInfo {
  return {
    token: "",
    clientId: caller.clientId ?? caller.subject ?? caller.tenantId,
    scopes: [...caller.scopes],
    ...(caller.expiresAt !== undefined ? { expiresAt: caller.expiresAt } : {}),
    extra: { tenantId: caller.tenantId, subject: caller.subject },
  };
}

/** Reads the caller back from `extra.authInfo` in an MCP request handler; `undefined` when absent. */
export function callerFromAuthInfo(
  authInfo: AuthInfo | undefined,
): { tenantId: string; subject: string | undefined } | undefined {
  const tenantId = authInfo?.extra?.["tenantId"];
  if (typeof tenantId !== "string") return undefined;
  const subject = authInfo?.extra?.["subject"];
  return { tenantId, subject: typeof subject === "string" ? subject : undefined };
}

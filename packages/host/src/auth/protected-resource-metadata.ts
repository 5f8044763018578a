/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728) for the MCP endpoint, and the
 * `WWW-Authenticate: Bearer ...` challenge (RFC 6750 §3, RFC 9728 §5.1) that points clients at it,
 * so MCP clients can discover the authorization server (MCP spec 2025-11-25, Authorization).
 */

/** `auth` settings that describe this resource to clients. */
export interface ProtectedResourceSettings {
  /**
   * The MCP endpoint's public URL (the RFC 8707 resource identifier), e.g.
   * `https://mcp.example.com/mcp`. Default: the listening address plus `/mcp`.
   */
  readonly resource?: string;
  /** Issuer URLs of the authorization servers that mint accepted tokens. Required for remote use. */
  readonly authorizationServers: readonly string[];
  /** Scopes clients may request. */
  readonly scopesSupported?: readonly string[];
  /** Human-readable name shown by clients. */
  readonly resourceName?: string;
  /** URL of operator documentation. */
  readonly resourceDocumentation?: string;
}

/** The RFC 9728 §2 metadata document. */
export interface ProtectedResourceMetadata {
  readonly resource: string;
  readonly authorization_servers: readonly string[];
  readonly bearer_methods_supported: readonly ["header"];
  readonly scopes_supported?: readonly string[];
  readonly resource_name?: string;
  readonly resource_documentation?: string;
}

/** Well-known path prefix of RFC 9728 §3. */
export const PROTECTED_RESOURCE_WELL_KNOWN = "/.well-known/oauth-protected-resource";

/** Builds the metadata document for `resource` (an absolute URL). */
export function protectedResourceMetadata(
  settings: ProtectedResourceSettings,
  resource: string,
): ProtectedResourceMetadata {
  return {
    resource,
    authorization_servers: [...settings.authorizationServers],
    bearer_methods_supported: ["header"],
    ...(settings.scopesSupported ? { scopes_supported: [...settings.scopesSupported] } : {}),
    ...(settings.resourceName ? { resource_name: settings.resourceName } : {}),
    ...(settings.resourceDocumentation ? { resource_documentation: settings.resourceDocumentation } : {}),
  };
}

/**
 * The metadata URL for a resource URL: the well-known segment is inserted between the host and
 * the resource's path (RFC 9728 §3.1), e.g. `https://h/mcp` -> `https://h/.well-known/oauth-protected-resource/mcp`.
 */
export function protectedResourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "");
  return `${url.origin}${PROTECTED_RESOURCE_WELL_KNOWN}${path}`;
}

/** The paths (both the path-suffixed and the bare form, which older clients request) serving the document. */
export function protectedResourceMetadataPaths(resource: string): string[] {
  const suffixed = new URL(protectedResourceMetadataUrl(resource)).pathname;
  return suffixed === PROTECTED_RESOURCE_WELL_KNOWN ? [suffixed] : [suffixed, PROTECTED_RESOURCE_WELL_KNOWN];
}

/**
 * The `WWW-Authenticate` value of a 401: `Bearer resource_metadata="..."` plus `error` and
 * `error_description` when a token was sent but refused (RFC 6750 §3.1).
 */
export function bearerChallenge(metadataUrl: string, error?: string, description?: string): string {
  const parts = [`resource_metadata="${quoteSafe(metadataUrl)}"`];
  if (error) parts.push(`error="${quoteSafe(error)}"`);
  if (error && description) parts.push(`error_description="${quoteSafe(description)}"`);
  return `Bearer ${parts.join(", ")}`;
}

function quoteSafe(text: string): string {
  // RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E (no quote, no backslash).
  return text.replace(/[^\x20-\x7e]|["\\]/g, "");
}

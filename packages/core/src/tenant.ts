/**
 * The caller tenant: the organisation making the MCP request. Not to be confused with an
 * *Octopus tenant* (a customer you deploy to), which is plain domain data.
 */

/** The Octopus server a caller tenant talks to (`tenants.<id>.octopus` in the host config). */
export interface OctopusServerSettings {
  /** Base URL of the Octopus Server, e.g. `https://octopus.example.com` (no `/api`). */
  readonly serverUrl: string;
  /** Credential ID of an API key (`API-...`) or a bearer access token; resolved via `ICredentialResolver`. */
  readonly credentialId: string;
  /** How the credential is sent: `apiKey` -> `X-Octopus-ApiKey`, `bearer` -> `Authorization: Bearer`. Default `apiKey`. */
  readonly credentialType?: "apiKey" | "bearer";
  /** Space names or IDs this tenant may use; all when absent. */
  readonly spaces?: readonly string[];
  /** Space used when a tool call names none (name or ID). */
  readonly defaultSpace?: string;
}

/** One Argo CD instance a caller tenant may reach (`tenants.<id>.argocd.instances[]`). */
export interface ArgoCdInstanceSettings {
  readonly name: string;
  /** e.g. `https://argocd.example.com` (the API is under `/api/v1`). */
  readonly baseUrl: string;
  readonly credentialId: string;
  /** Octopus environment slugs this instance serves; all when absent. */
  readonly environments?: readonly string[];
  /** Octopus tenant slugs this instance serves; all when absent. */
  readonly octopusTenants?: readonly string[];
}

/** The host-config section of one caller tenant, as plugins see it. */
export interface CallerTenantSettings {
  readonly octopus?: OctopusServerSettings;
  readonly argocd?: { readonly instances: readonly ArgoCdInstanceSettings[] };
  /** Git credentials by repository URL prefix -> credential ID. */
  readonly git?: { readonly credentials?: Readonly<Record<string, string>> };
  /** Per-plugin tenant overrides, keyed by plugin namespace. */
  readonly plugins?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * The caller tenant of the request being served. Backed by AsyncLocalStorage in the host, so it
 * is correct across concurrent calls. Every getter throws `TenantContextUnavailableError` when read
 * outside a tool, resource or prompt handler.
 */
export interface ITenantContext {
  /** JWT `tid` claim (HTTP) or the configured `localTenant` (stdio; default `"default"`). */
  readonly tenantId: string;
  /** Unique per MCP request; appears on every log and audit line of the request. */
  readonly correlationId: string;
  /** JWT `sub` claim when the transport authenticated a user. */
  readonly subject: string | undefined;
  /** The caller tenant's config section (Octopus server, Argo CD instances, ...). */
  readonly settings: CallerTenantSettings;
}

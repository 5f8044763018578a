/**
 * DI tokens for host services, registered in the root container and visible in every plugin's
 * child container. `Symbol.for` keeps them equal across duplicated copies of this package.
 * Inject them explicitly (`@inject(TOKENS.HttpClient)`): decorator metadata is not emitted by
 * Vitest or most bundlers, and interfaces have no runtime type.
 */
export const TOKENS = {
  /** `Logger` bound to `{ plugin }` (plugin scope). */
  Logger: Symbol.for("octopus-mcp.Logger"),
  /** `HttpClient`: resilient, tenant-aware outbound HTTP. */
  HttpClient: Symbol.for("octopus-mcp.HttpClient"),
  /** `ICredentialResolver` for the current caller tenant. */
  CredentialResolver: Symbol.for("octopus-mcp.CredentialResolver"),
  /** `ITenantContext` of the current request. */
  TenantContext: Symbol.for("octopus-mcp.TenantContext"),
  /** `IOctopusConfig`: the plugin's own validated config section (plugin scope). */
  PluginConfig: Symbol.for("octopus-mcp.PluginConfig"),
  /** `PluginManifest` of the plugin (plugin scope). */
  PluginManifest: Symbol.for("octopus-mcp.PluginManifest"),
} as const;

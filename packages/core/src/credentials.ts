/**
 * Secrets are never in config: config holds credential IDs, and plugins resolve them at call time
 * through this interface. Implementations resolve within the *current caller tenant's* namespace
 * and register every resolved value for log redaction.
 */
export interface ICredentialResolver {
  /**
   * Resolves the secret for `credentialId` in the current caller tenant.
   * @throws CredentialNotFoundError when the tenant has no such credential.
   * @throws TenantContextUnavailableError when called outside a tool/resource/prompt handler.
   */
  getPasswordAsync(credentialId: string | number): Promise<string>;
}

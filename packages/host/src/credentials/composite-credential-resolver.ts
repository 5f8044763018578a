/** Tries several credential resolvers in order; the first that knows the ID wins. */
import { CredentialNotFoundError, type ICredentialResolver } from "@octopus-mcp/core";
import { type TenantScope } from "../tenancy/tenant-scope.js";

export class CompositeCredentialResolver implements ICredentialResolver {
  constructor(
    private readonly resolvers: readonly ICredentialResolver[],
    private readonly scope: TenantScope,
  ) {}

  /**
   * Asks each resolver in turn; a `CredentialNotFoundError` moves on to the next, any other error
   * is thrown as is.
   * @throws CredentialNotFoundError when none has it, TenantContextUnavailableError outside a scope.
   */
  async getPasswordAsync(credentialId: string | number): Promise<string> {
    const { tenantId } = this.scope.require("ICredentialResolver.getPasswordAsync");
    for (const resolver of this.resolvers) {
      try {
        return await resolver.getPasswordAsync(credentialId);
      } catch (error) {
        // By name too: a plugin may bundle its own copy of core.
        if (
          !(error instanceof CredentialNotFoundError) &&
          (error as Error | undefined)?.name !== "CredentialNotFoundError"
        )
          throw error;
      }
    }
    throw new CredentialNotFoundError(String(credentialId), tenantId);
  }
}

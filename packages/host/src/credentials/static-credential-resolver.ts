/**
 * Credentials held in memory, keyed by caller tenant then credential ID. For tests, the testkit
 * and the embedded sandbox; also the store behind {@link FileCredentialResolver}.
 */
import { CredentialNotFoundError, type ICredentialResolver } from "@octopus-mcp/core";
import { type SecretRedactor } from "../logging/secret-redactor.js";
import { type TenantScope } from "../tenancy/tenant-scope.js";

/** `{ [callerTenantId]: { [credentialId]: secret } }`. */
export type CredentialsByTenant = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface CredentialResolverDependencies {
  /** The caller tenant comes from here; outside a scope resolution throws TenantContextUnavailableError. */
  readonly scope: TenantScope;
  /** Every secret is registered here. */
  readonly redactor: SecretRedactor;
}

export class StaticCredentialResolver implements ICredentialResolver {
  readonly #credentials: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly #scope: TenantScope;
  readonly #redactor: SecretRedactor;

  /** Copies `credentials` and registers every secret with the redactor right away. */
  constructor(credentials: CredentialsByTenant, dependencies: CredentialResolverDependencies) {
    this.#scope = dependencies.scope;
    this.#redactor = dependencies.redactor;
    // Maps, not objects: an ID such as "__proto__" or "toString" must not hit Object.prototype.
    this.#credentials = new Map(
      Object.entries(credentials).map(([tenantId, byId]) => [tenantId, new Map(Object.entries(byId))]),
    );
    for (const byId of this.#credentials.values())
      for (const secret of byId.values()) this.#redactor.register(secret);
  }

  /**
   * The secret of `credentialId` for the current caller tenant (exact, case-sensitive match).
   * @throws CredentialNotFoundError, TenantContextUnavailableError
   */
  getPasswordAsync(credentialId: string | number): Promise<string> {
    try {
      const { tenantId } = this.#scope.require("ICredentialResolver.getPasswordAsync");
      const secret = this.#credentials.get(tenantId)?.get(String(credentialId));
      if (secret === undefined || secret === "")
        throw new CredentialNotFoundError(String(credentialId), tenantId);
      this.#redactor.register(secret);
      return Promise.resolve(secret);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}

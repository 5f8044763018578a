/**
 * Credentials from environment variables (see credential-env-name.ts for the naming):
 * `OCTOPUS_MCP_CREDENTIAL_<TENANT>__<ID>` for any caller tenant, and the short
 * `OCTOPUS_MCP_CREDENTIAL_<ID>` for the config's `localTenant` only.
 */
import { CredentialNotFoundError, type ICredentialResolver } from "@octopus-mcp/core";
import { localCredentialEnvName, tenantCredentialEnvName } from "./credential-env-name.js";
import { type CredentialResolverDependencies } from "./static-credential-resolver.js";

export interface EnvCredentialResolverOptions extends CredentialResolverDependencies {
  /** The caller tenant that may also use the short `OCTOPUS_MCP_CREDENTIAL_<ID>` form. */
  readonly localTenant: string;
  /** Variables to read (read at each call, so a restart is not needed to rotate). Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * When set, only these caller tenants resolve anything. Tenant IDs that normalise to the same
   * variable prefix (`acme-corp` / `acme_corp`) would otherwise share secrets; the config loader
   * refuses such pairs among configured tenants, and this keeps unconfigured ones out.
   */
  readonly tenants?: readonly string[];
}

export class EnvCredentialResolver implements ICredentialResolver {
  readonly #options: EnvCredentialResolverOptions;
  readonly #tenants: ReadonlySet<string> | undefined;

  constructor(options: EnvCredentialResolverOptions) {
    this.#options = options;
    this.#tenants = options.tenants ? new Set(options.tenants) : undefined;
  }

  /** The variable names tried for `credentialId` in `tenantId`, in order (for docs and diagnostics). */
  variableNames(tenantId: string, credentialId: string | number): string[] {
    const names: string[] = [];
    const long = tenantCredentialEnvName(tenantId, credentialId);
    if (long) names.push(long);
    if (tenantId === this.#options.localTenant) {
      const short = localCredentialEnvName(credentialId);
      if (short) names.push(short);
    }
    return names;
  }

  /**
   * The secret of `credentialId` for the current caller tenant. Empty variables count as unset.
   * @throws CredentialNotFoundError, TenantContextUnavailableError
   */
  getPasswordAsync(credentialId: string | number): Promise<string> {
    try {
      const { tenantId } = this.#options.scope.require("ICredentialResolver.getPasswordAsync");
      const env = this.#options.env ?? process.env;
      if (!this.#tenants || this.#tenants.has(tenantId)) {
        for (const name of this.variableNames(tenantId, credentialId)) {
          const secret = env[name];
          if (secret !== undefined && secret !== "") {
            this.#options.redactor.register(secret);
            return Promise.resolve(secret);
          }
        }
      }
      throw new CredentialNotFoundError(String(credentialId), tenantId);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}

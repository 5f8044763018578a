/** The host's credential resolver as configured by `credentials` in the host config. */
import { type HostConfig } from "../config/types.js";
import { type SecretRedactor } from "../logging/secret-redactor.js";
import { type TenantScope } from "../tenancy/tenant-scope.js";
import { CompositeCredentialResolver } from "./composite-credential-resolver.js";
import { EnvCredentialResolver } from "./env-credential-resolver.js";
import { FileCredentialResolver } from "./file-credential-resolver.js";
import { type ICredentialResolver } from "@octopus-mcp/core";

/**
 * Environment variables first (when `credentials.env`), then the credentials file (when
 * `credentials.file`). Only configured caller tenants (and `localTenant`) resolve from the
 * environment. Reads the credentials file now, once.
 * @throws ConfigError when the credentials file is missing, too open, or malformed.
 */
export async function createCredentialResolver(
  config: HostConfig,
  scope: TenantScope,
  redactor: SecretRedactor,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CompositeCredentialResolver> {
  const resolvers: ICredentialResolver[] = [];
  if (config.credentials.env) {
    resolvers.push(
      new EnvCredentialResolver({
        scope,
        redactor,
        env,
        localTenant: config.localTenant,
        tenants: [...new Set([config.localTenant, ...Object.keys(config.tenants)])],
      }),
    );
  }
  if (config.credentials.file !== undefined) {
    resolvers.push(await FileCredentialResolver.load(config.credentials.file, { scope, redactor }));
  }
  return new CompositeCredentialResolver(resolvers, scope);
}

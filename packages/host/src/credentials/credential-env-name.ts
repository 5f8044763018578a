/**
 * Environment variable names of credentials.
 *
 * - `OCTOPUS_MCP_CREDENTIAL_<TENANT>__<ID>`: credential `<ID>` of caller tenant `<TENANT>` (any tenant).
 * - `OCTOPUS_MCP_CREDENTIAL_<ID>`: credential `<ID>` of the config's `localTenant` only, so another
 *   caller tenant can never read the local tenant's secrets.
 *
 * Names are normalised: upper-cased, every run of non-alphanumerics becomes one `_`, leading and
 * trailing `_` are dropped (`octopus-prod` -> `OCTOPUS_PROD`). A normalised part therefore never
 * contains `__`, which makes the tenant/ID split of a long name unambiguous and keeps the short
 * form from ever equalling another tenant's long form.
 */

/** Prefix of every credential variable. */
export const CREDENTIAL_ENV_PREFIX = "OCTOPUS_MCP_CREDENTIAL_";

/** `octopus-prod` -> `OCTOPUS_PROD`; `""` when nothing alphanumeric is left. */
export function normaliseCredentialEnvPart(part: string | number): string {
  return String(part)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** `OCTOPUS_MCP_CREDENTIAL_<TENANT>__<ID>`, or `undefined` when a part normalises to nothing. */
export function tenantCredentialEnvName(tenantId: string, credentialId: string | number): string | undefined {
  const tenant = normaliseCredentialEnvPart(tenantId);
  const id = normaliseCredentialEnvPart(credentialId);
  return tenant && id ? `${CREDENTIAL_ENV_PREFIX}${tenant}__${id}` : undefined;
}

/** `OCTOPUS_MCP_CREDENTIAL_<ID>` (local tenant only), or `undefined` when the ID normalises to nothing. */
export function localCredentialEnvName(credentialId: string | number): string | undefined {
  const id = normaliseCredentialEnvPart(credentialId);
  return id ? `${CREDENTIAL_ENV_PREFIX}${id}` : undefined;
}

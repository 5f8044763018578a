/**
 * Reads which Octopus server and credential the current caller tenant uses
 * (`tenants.<tenantId>.octopus` in the host config, surfaced as `ITenantContext.settings.octopus`).
 */
import {
  InvalidArgumentsError,
  UnauthorizedError,
  type ITenantContext,
  type OctopusServerSettings,
} from "@octopus-mcp/core";

/** Normalised Octopus settings of one caller tenant. */
export interface ResolvedOctopusSettings {
  /** Caller tenant the settings belong to (cache key part; never an Octopus tenant). */
  readonly callerTenantId: string;
  /** Server base URL without trailing slash and without `/api`, e.g. `https://octopus.example.com`. */
  readonly serverUrl: string;
  /** `${serverUrl}/api`. */
  readonly apiUrl: string;
  readonly credentialId: string;
  readonly credentialType: "apiKey" | "bearer";
  /** Allowed spaces (names or IDs); undefined = all. */
  readonly spaces: readonly string[] | undefined;
  readonly defaultSpace: string | undefined;
}

/**
 * Normalises a server URL: trims, removes trailing slashes and a trailing `/api` (as the official
 * TS client does, reference §2).
 * @throws InvalidArgumentsError when the value is not an absolute http(s) URL.
 */
export function normaliseServerUrl(serverUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(serverUrl.trim());
  } catch {
    throw new InvalidArgumentsError(
      `Octopus serverUrl "${serverUrl}" is not an absolute URL; use e.g. https://octopus.example.com.`,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new InvalidArgumentsError(`Octopus serverUrl "${serverUrl}" must use http or https.`);
  }
  let path = parsed.pathname.replace(/\/+$/, "");
  if (/\/api$/i.test(path)) path = path.slice(0, -4);
  return `${parsed.origin}${path}`;
}

/**
 * Returns the caller tenant's Octopus settings.
 * @throws UnauthorizedError when the caller tenant has no `octopus` section (the operator must add
 *   `tenants.<id>.octopus: { serverUrl, credentialId }`), or when it is incomplete.
 */
export function readOctopusSettings(tenant: ITenantContext): ResolvedOctopusSettings {
  const callerTenantId = tenant.tenantId;
  const octopus: OctopusServerSettings | undefined = tenant.settings.octopus;
  if (!octopus || typeof octopus.serverUrl !== "string" || typeof octopus.credentialId !== "string") {
    throw new UnauthorizedError(
      `No Octopus server is configured for caller tenant "${callerTenantId}". The operator must set ` +
        `tenants.${callerTenantId}.octopus: { serverUrl, credentialId } in the host config.`,
    );
  }
  if (octopus.serverUrl.trim() === "" || octopus.credentialId.trim() === "") {
    throw new UnauthorizedError(
      `tenants.${callerTenantId}.octopus needs a non-empty serverUrl and credentialId in the host config.`,
    );
  }
  const serverUrl = normaliseServerUrl(octopus.serverUrl);
  return {
    callerTenantId,
    serverUrl,
    apiUrl: `${serverUrl}/api`,
    credentialId: octopus.credentialId,
    credentialType: octopus.credentialType === "bearer" ? "bearer" : "apiKey",
    spaces: octopus.spaces && octopus.spaces.length > 0 ? [...octopus.spaces] : undefined,
    defaultSpace: octopus.defaultSpace,
  };
}

/**
 * The three first-party plugins configured against a running sandbox, as an operator would: a
 * host config (plugins by package path) and the credentials as `OCTOPUS_MCP_CREDENTIAL_<ID>`
 * environment variables of the local caller tenant, never in the config file or arguments.
 */
import path from "node:path";
import type { HostConfigInput } from "@octopus-mcp/host";
import type { Sandbox } from "@octopus-mcp/sandbox";
import { REPO_ROOT } from "./settings.js";

export const FIRST_PARTY_PLUGINS = ["octopus-deployments", "octopus-tasks", "octopus-argocd"] as const;
export const OCTOPUS_CREDENTIAL = "sandbox-octopus";
const argoCredential = (instance: string): string => `sandbox-argocd-${instance}`;

/** `octopus-prod` -> `OCTOPUS_PROD` (the host's credential variable naming). */
function envPart(id: string): string {
  return id
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** Host config input: the local tenant pointed at the sandbox, the three plugins by path. */
export function firstPartyConfig(
  sandbox: Sandbox,
  logLevel: "warn" | "info" | "silent" = "warn",
): HostConfigInput {
  return {
    logging: { level: logLevel, pretty: false },
    localTenant: "default",
    tenants: {
      default: {
        octopus: { serverUrl: sandbox.octopusUrl, credentialId: OCTOPUS_CREDENTIAL },
        argocd: {
          instances: sandbox.argocd.map((i) => ({
            name: i.name,
            baseUrl: i.baseUrl,
            credentialId: argoCredential(i.name),
          })),
        },
      },
    },
    plugins: FIRST_PARTY_PLUGINS.map((p) => ({ path: path.join(REPO_ROOT, "plugins", p) })),
  };
}

/** Secrets by credential ID (for an in-process StaticCredentialResolver). */
export function firstPartySecrets(sandbox: Sandbox): Record<string, string> {
  const secrets: Record<string, string> = { [OCTOPUS_CREDENTIAL]: sandbox.apiKey };
  for (const i of sandbox.argocd) secrets[argoCredential(i.name)] = i.token;
  return secrets;
}

/** The same secrets as `OCTOPUS_MCP_CREDENTIAL_<ID>` variables (for a host child process). */
export function firstPartyEnv(sandbox: Sandbox): Record<string, string> {
  return Object.fromEntries(
    Object.entries(firstPartySecrets(sandbox)).map(([id, secret]) => [
      `OCTOPUS_MCP_CREDENTIAL_${envPart(id)}`,
      secret,
    ]),
  );
}

/**
 * Picks the credential for a repository URL from the caller tenant's
 * `git.credentials` map (repository URL prefix -> credential ID; the longest matching prefix wins)
 * and turns the secret into HTTPS basic credentials.
 */
import type { ICredentialResolver, ITenantContext } from "@octopus-mcp/core";
import type { GitAuth } from "./git-command.js";

/** The credential ID for `repoURL`, or undefined when no prefix matches. */
export function gitCredentialIdFor(tenant: ITenantContext, repoURL: string): string | undefined {
  const map = tenant.settings.git?.credentials ?? {};
  let best: { prefix: string; id: string } | undefined;
  for (const [prefix, id] of Object.entries(map)) {
    if (repoURL.startsWith(prefix) && (!best || prefix.length > best.prefix.length)) best = { prefix, id };
  }
  return best?.id;
}

/**
 * Resolves the HTTPS credentials for `repoURL`. A secret of the form `username:password` is split
 * at the first colon; any other secret is a token sent with the username `x-access-token`
 * (accepted by GitHub, GitLab and Bitbucket for tokens). Returns undefined when no credential is
 * mapped (public or local repositories).
 * @throws CredentialNotFoundError when the mapped ID has no secret.
 */
export async function resolveGitAuth(
  tenant: ITenantContext,
  credentials: ICredentialResolver,
  repoURL: string,
): Promise<GitAuth | undefined> {
  const id = gitCredentialIdFor(tenant, repoURL);
  if (id === undefined) return undefined;
  const secret = await credentials.getPasswordAsync(id);
  const colon = secret.indexOf(":");
  return colon > 0
    ? { username: secret.slice(0, colon), password: secret.slice(colon + 1) }
    : { username: "x-access-token", password: secret };
}

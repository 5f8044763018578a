/** Commit messages and branch names for image updates. */
import type { DeploymentScope } from "../annotations/scope-matching.js";
import { shortImageName, type ImageUpdateRequest } from "../images/image-reference.js";

/** `1.4.2`, or the first 12 hex digits of a digest. */
export function versionLabel(request: ImageUpdateRequest): string {
  const { tag, digest } = request.reference;
  return tag ?? (digest ? digest.replace(/^sha256:/, "").slice(0, 12) : "?");
}

/**
 * Subject line, e.g. `Update checkout image to 1.4.2 for production (Octopus)`, or for several
 * images `Update checkout to 1.4.2, cart to 2.0.1 for production (Octopus)`. A tenant is named
 * after the environment: `for production/acme-retail`.
 */
export function commitSubject(requests: readonly ImageUpdateRequest[], scope: DeploymentScope): string {
  const where = `${scope.environment.trim()}${scope.tenant?.trim() ? `/${scope.tenant.trim()}` : ""}`;
  const what =
    requests.length === 1
      ? `${shortImageName(requests[0]!.reference)} image to ${versionLabel(requests[0]!)}`
      : requests.map((r) => `${shortImageName(r.reference)} to ${versionLabel(r)}`).join(", ");
  return `Update ${what} for ${where} (Octopus)`;
}

/** Full message: subject, blank line, what was changed and why. */
export function commitMessage(
  requests: readonly ImageUpdateRequest[],
  scope: DeploymentScope,
  applications: readonly string[],
  files: readonly string[],
): string {
  return [
    commitSubject(requests, scope),
    "",
    `Octopus project: ${scope.project.trim()}, environment: ${scope.environment.trim()}` +
      (scope.tenant?.trim() ? `, tenant: ${scope.tenant.trim()}` : ""),
    `Images: ${requests.map((r) => r.input).join(", ")}`,
    `Argo CD applications: ${applications.join(", ")}`,
    `Files: ${files.join(", ")}`,
  ].join("\n");
}

/** A pull-request branch name, e.g. `octopus-mcp/checkout-production-m3k9x2`. Git-ref safe. */
export function pullRequestBranch(prefix: string, scope: DeploymentScope, now = Date.now()): string {
  const parts = [scope.project, scope.environment, scope.tenant ?? ""]
    .map((p) =>
      p
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, "-"),
    )
    .filter((p) => p !== "");
  return `${prefix}${parts.join("-")}-${now.toString(36)}`.replace(/\.\.+/g, ".").replace(/[./]+$/, "");
}

/**
 * Loads the project, environment and Octopus tenant slugs that annotations may name, from the
 * caller tenant's Octopus server through `@octopus-mcp/octopus-api` (every request via the host's
 * HttpClient). Without a space, all spaces the caller tenant may use are read: annotations carry
 * no space, and an Argo CD instance may serve projects of several spaces.
 */
import type { HttpClient, ICredentialResolver, ToolCallContext } from "@octopus-mcp/core";
import {
  OctopusClient,
  type EnvironmentResource,
  type NamedResource,
  type OctopusTenantResource,
  type ProjectResource,
  type SpaceResource,
} from "@octopus-mcp/octopus-api";
import type { SlugCatalog } from "../annotations/slug-validation.js";

export interface LoadedSlugCatalog extends SlugCatalog {
  /** Names of the spaces read. */
  readonly spaces: readonly string[];
}

/** Octopus's own slug rule for resources created before slugs existed: lower-case, dashes. */
function slugOf(resource: NamedResource): string {
  return (
    resource.Slug ??
    resource.Name.trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
  );
}

/**
 * @throws UnauthorizedError when the caller tenant has no Octopus settings (the caller reports
 *   the check as skipped), and the typed errors of the Octopus client.
 */
export async function loadSlugCatalog(
  context: ToolCallContext,
  http: HttpClient,
  credentials: ICredentialResolver,
  space?: string,
): Promise<LoadedSlugCatalog> {
  const client = OctopusClient.forCall(context, http, credentials);
  const spaces: readonly SpaceResource[] = space ? [await client.resolveSpace(space)] : await client.spaces();
  const perSpace = await Promise.all(
    spaces.map(async (s) => {
      const [projects, environments, tenants] = await Promise.all([
        client.listAll<ProjectResource>(client.spacePath(s.Id, "projects"), {}, { max: 5000 }),
        client.listAll<EnvironmentResource>(client.spacePath(s.Id, "environments"), {}, { max: 2000 }),
        client.listAll<OctopusTenantResource>(client.spacePath(s.Id, "tenants"), {}, { max: 5000 }),
      ]);
      return {
        projects: projects.items.map(slugOf),
        environments: environments.items.map(slugOf),
        tenants: tenants.items.map(slugOf),
      };
    }),
  );
  return {
    spaces: spaces.map((s) => s.Name),
    projects: [...new Set(perSpace.flatMap((p) => p.projects))],
    environments: [...new Set(perSpace.flatMap((p) => p.environments))],
    tenants: [...new Set(perSpace.flatMap((p) => p.tenants))],
  };
}

/**
 * Resolution of projects, environments, Octopus tenants, channels and releases from what an agent
 * types (ID, name, slug or version), with batched fetching: lists are read once per call and
 * indexed, ID sets use `?ids=`, never one request per item.
 */
import { InvalidArgumentsError, NotFoundError } from "@octopus-mcp/core";
import type { OctopusClient } from "./client.js";
import { resolveByIdOrName, suggestNames } from "./resolve.js";
import type {
  ChannelResource,
  EnvironmentResource,
  NamedResource,
  OctopusTenantResource,
  ProjectResource,
  ReleaseResource,
} from "./types.js";

/** A list of named resources indexed by ID. */
export interface ResourceIndex<T extends NamedResource> {
  readonly items: readonly T[];
  readonly byId: ReadonlyMap<string, T>;
  /** Name for an ID, or the ID itself when unknown (deleted resources). */
  nameOf(id: string | null | undefined): string | undefined;
  /** Resolves ID/name/slug; throws NotFoundError ("did you mean") or InvalidArgumentsError (ambiguous). */
  resolve(input: string): T;
  /** Resolves several inputs (deduplicated by ID, input order kept). */
  resolveAll(inputs: readonly string[]): T[];
}

/** Builds a {@link ResourceIndex} over `items`. `kind`/`scope` are used in error messages. */
export function indexResources<T extends NamedResource>(
  items: readonly T[],
  kind: string,
  scope?: string,
): ResourceIndex<T> {
  const byId = new Map(items.map((i) => [i.Id, i] as const));
  const resolve = (input: string): T =>
    resolveByIdOrName(items, input, { kind, ...(scope ? { scope } : {}) });
  return {
    items,
    byId,
    nameOf: (id) => (id ? (byId.get(id)?.Name ?? id) : undefined),
    resolve,
    resolveAll: (inputs) => {
      const out: T[] = [];
      for (const input of inputs) {
        const item = resolve(input);
        if (!out.some((o) => o.Id === item.Id)) out.push(item);
      }
      return out;
    },
  };
}

const PROJECT_ID = /^Projects-\d+$/i;
const RELEASE_ID = /^Releases-\d+$/i;

/**
 * Resolves a project by ID, name or slug: `Projects-N` is fetched directly; otherwise a
 * `partialName` search, then (no unique match) the full project list for "did you mean".
 * @throws NotFoundError, InvalidArgumentsError (ambiguous or empty).
 */
export async function resolveProject(
  client: OctopusClient,
  spaceId: string,
  input: string,
): Promise<ProjectResource> {
  const wanted = input.trim();
  const scope = `space ${spaceId}`;
  if (wanted === "")
    throw new InvalidArgumentsError("An empty project name was given; pass a name, slug or Projects-N ID.");
  if (PROJECT_ID.test(wanted)) {
    try {
      return await client.get<ProjectResource>(
        client.spacePath(spaceId, `projects/${encodeURIComponent(wanted)}`),
      );
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new NotFoundError(`No project ${wanted} in ${scope}.`, { cause: error });
      throw error;
    }
  }
  const candidates = await client.page<ProjectResource>(
    client.spacePath(spaceId, "projects"),
    { partialName: wanted },
    { take: 100 },
  );
  try {
    return resolveByIdOrName(candidates.Items, wanted, { kind: "project", scope });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  // The name may be a slug (partialName matches names only) or misspelt: read the list once.
  const all = await client.listAll<ProjectResource>(client.spacePath(spaceId, "projects"), {}, { max: 2000 });
  return resolveByIdOrName(all.items, wanted, { kind: "project", scope });
}

/** Reads all environments of a space once (sorted by `SortOrder`) and indexes them. */
export async function loadEnvironments(
  client: OctopusClient,
  spaceId: string,
): Promise<ResourceIndex<EnvironmentResource>> {
  const { items } = await client.listAll<EnvironmentResource>(
    client.spacePath(spaceId, "environments"),
    {},
    { max: 2000 },
  );
  const sorted = [...items].sort((a, b) => (a.SortOrder ?? 0) - (b.SortOrder ?? 0));
  return indexResources(sorted, "environment", `space ${spaceId}`);
}

/**
 * Reads the Octopus tenants needed for `inputs`: by `?ids=` when every input is a `Tenants-N` ID,
 * otherwise the space's tenant list once (capped at 5000).
 */
export async function loadOctopusTenants(
  client: OctopusClient,
  spaceId: string,
  inputs?: readonly string[],
): Promise<ResourceIndex<OctopusTenantResource>> {
  const path = client.spacePath(spaceId, "tenants");
  if (inputs && inputs.length > 0 && inputs.every((i) => /^Tenants-\d+$/i.test(i.trim()))) {
    const items = await client.getByIds<OctopusTenantResource>(
      path,
      inputs.map((i) => i.trim()),
    );
    return indexResources(items, "Octopus tenant", `space ${spaceId}`);
  }
  const { items } = await client.listAll<OctopusTenantResource>(path, {}, { max: 5000 });
  return indexResources(items, "Octopus tenant", `space ${spaceId}`);
}

/** Reads a project's channels once and indexes them. */
export async function loadChannels(
  client: OctopusClient,
  spaceId: string,
  projectId: string,
): Promise<ResourceIndex<ChannelResource>> {
  const { items } = await client.listAll<ChannelResource>(
    client.spacePath(spaceId, `projects/${encodeURIComponent(projectId)}/channels`),
    {},
    { max: 1000 },
  );
  return indexResources(items, "channel", `project ${projectId}`);
}

/** Resolves one channel of a project by ID or name. */
export async function resolveChannel(
  client: OctopusClient,
  spaceId: string,
  projectId: string,
  input: string,
): Promise<ChannelResource> {
  return (await loadChannels(client, spaceId, projectId)).resolve(input);
}

/**
 * Resolves a release of a project by `Releases-N` ID or exact version (`searchByVersion`, then an
 * exact `Version` match). A miss suggests the closest recent versions.
 * @throws NotFoundError; InvalidArgumentsError when the ID belongs to another project.
 */
export async function resolveRelease(
  client: OctopusClient,
  spaceId: string,
  project: ProjectResource,
  input: string,
): Promise<ReleaseResource> {
  const wanted = input.trim();
  if (wanted === "") throw new InvalidArgumentsError("An empty release version was given.");
  if (RELEASE_ID.test(wanted)) {
    let release: ReleaseResource;
    try {
      release = await client.get<ReleaseResource>(
        client.spacePath(spaceId, `releases/${encodeURIComponent(wanted)}`),
      );
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new NotFoundError(`No release ${wanted} in space ${spaceId}.`, { cause: error });
      throw error;
    }
    if (release.ProjectId !== project.Id) {
      throw new InvalidArgumentsError(
        `Release ${wanted} belongs to project ${release.ProjectId}, not "${project.Name}" (${project.Id}).`,
      );
    }
    return release;
  }
  const releasesPath = client.spacePath(spaceId, `projects/${encodeURIComponent(project.Id)}/releases`);
  const found = await client.page<ReleaseResource>(releasesPath, { searchByVersion: wanted }, { take: 100 });
  const exact =
    found.Items.find((r) => r.Version === wanted) ??
    found.Items.find((r) => r.Version.toLowerCase() === wanted.toLowerCase());
  if (exact) return exact;
  const recent = await client.page<ReleaseResource>(releasesPath, {}, { take: 100 });
  const suggestions = suggestNames(
    wanted,
    recent.Items.map((r) => r.Version),
  );
  const known = recent.Items.slice(0, 5).map((r) => r.Version);
  throw new NotFoundError(
    `No release "${wanted}" in project "${project.Name}".` +
      (suggestions.length > 0
        ? ` Did you mean ${suggestions.map((v) => `"${v}"`).join(" or ")}?`
        : known.length > 0
          ? ` Latest: ${known.map((v) => `"${v}"`).join(", ")}.`
          : " The project has no releases."),
    { details: { suggestions } },
  );
}

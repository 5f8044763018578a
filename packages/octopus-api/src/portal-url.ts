/**
 * Parsing of Octopus web portal links (`{server}/app#/{spaceId}/...`) into what they point at.
 * Formats (Octopus web portal routes):
 * - deployment: `/app#/Spaces-1/projects/{slug}/deployments/Deployments-123`, also
 *   `.../deployments/releases/{version}/deployments/Deployments-123` and `/app#/Spaces-1/deployments/Deployments-123`
 * - task: `/app#/Spaces-1/tasks/ServerTasks-1` (also without space: `/app#/tasks/ServerTasks-1`)
 * - release: `/app#/Spaces-1/releases/Releases-1`, or by version:
 *   `/app#/Spaces-1/projects/{slug}/deployments/releases/{version}` (older: `.../projects/{slug}/releases/{version}`)
 * - runbook run: `/app#/Spaces-1/projects/{slug}/operations/runbooks/Runbooks-1/snapshots/RunbookSnapshots-1/runs/RunbookRuns-1`
 * - runbook: `.../operations/runbooks/Runbooks-1[/overview|/process]`
 * - interruption, environment, Octopus tenant, project: the corresponding `Prefix-N` ID or `projects/{slug}`
 * Query strings inside the fragment (`?activeTab=taskLog`) are ignored.
 */
import { InvalidArgumentsError } from "@octopus-mcp/core";
import { normaliseServerUrl } from "./settings.js";

export type PortalResourceKind =
  | "deployment"
  | "task"
  | "release"
  | "runbookRun"
  | "runbook"
  | "interruption"
  | "environment"
  | "tenant"
  | "project";

/** What a portal URL points at. */
export interface PortalReference {
  readonly kind: PortalResourceKind;
  /** `Spaces-N`, or undefined for legacy links without a space (default space). */
  readonly spaceId: string | undefined;
  /** The resource ID (`Deployments-123`, `ServerTasks-1`, ...); undefined for a release given by version or a project by slug. */
  readonly id: string | undefined;
  /** Project slug (or ID) when the link goes through `projects/{slug}`. */
  readonly projectSlug?: string;
  /** Release version when a release link names a version instead of an ID. */
  readonly releaseVersion?: string;
}

const ID_KINDS: readonly [RegExp, PortalResourceKind][] = [
  [/^Deployments-\d+$/i, "deployment"],
  [/^ServerTasks-\d+$/i, "task"],
  [/^RunbookRuns-\d+$/i, "runbookRun"],
  [/^Interruptions-\d+$/i, "interruption"],
  [/^Releases-\d+$/i, "release"],
  [/^Runbooks-\d+$/i, "runbook"],
  [/^Environments-\d+$/i, "environment"],
  [/^Tenants-\d+$/i, "tenant"],
  [/^Projects-\d+$/i, "project"],
];

/** Precedence when a link holds several IDs: the most specific thing wins. */
const PRECEDENCE: readonly PortalResourceKind[] = [
  "deployment",
  "task",
  "runbookRun",
  "interruption",
  "release",
  "runbook",
  "environment",
  "tenant",
  "project",
];

function malformed(url: string, why: string): InvalidArgumentsError {
  return new InvalidArgumentsError(
    `"${url}" is not an Octopus portal link this tool understands (${why}). Expected e.g. ` +
      `{server}/app#/Spaces-1/projects/my-project/deployments/Deployments-123 or {server}/app#/Spaces-1/tasks/ServerTasks-1.`,
    [{ path: "/url", rule: "format", message: why }],
  );
}

function canonicalId(id: string): string {
  const dash = id.indexOf("-");
  const prefix = id.slice(0, dash).toLowerCase();
  const canonical: Record<string, string> = {
    deployments: "Deployments",
    servertasks: "ServerTasks",
    runbookruns: "RunbookRuns",
    interruptions: "Interruptions",
    releases: "Releases",
    runbooks: "Runbooks",
    environments: "Environments",
    tenants: "Tenants",
    projects: "Projects",
    spaces: "Spaces",
  };
  return `${canonical[prefix] ?? id.slice(0, dash)}${id.slice(dash)}`;
}

/**
 * Parses a portal URL of the caller tenant's Octopus server.
 * @param url the link, e.g. `https://octopus.example.com/app#/Spaces-1/tasks/ServerTasks-1`
 * @param serverUrl the tenant's server base URL; the link must have the same origin (and sit under its path).
 * @throws InvalidArgumentsError for malformed links, unknown routes, and links to another server ("foreign").
 */
export function parsePortalUrl(url: string, serverUrl: string): PortalReference {
  const raw = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw malformed(raw, "not an absolute URL");
  }
  const server = new URL(normaliseServerUrl(serverUrl));
  if (parsed.origin !== server.origin) {
    throw new InvalidArgumentsError(
      `The link points at ${parsed.origin}, but this caller tenant's Octopus server is ${server.origin}. ` +
        `Use a link from ${server.origin} or pass the ID instead.`,
      [{ path: "/url", rule: "foreign_server", message: `Link host must be ${server.host}.` }],
    );
  }
  const basePath = server.pathname.replace(/\/+$/, "");
  if (basePath !== "" && !parsed.pathname.toLowerCase().startsWith(basePath.toLowerCase())) {
    throw malformed(raw, `path must start with ${basePath}/app`);
  }
  let fragment: string;
  try {
    fragment = decodeURIComponent(parsed.hash.replace(/^#/, "")).split("?")[0] ?? "";
  } catch {
    throw malformed(raw, "invalid percent-encoding in the #fragment");
  }
  if (!/\/app\/?$/i.test(parsed.pathname) || !fragment.startsWith("/")) {
    throw malformed(raw, "no /app#/... portal route");
  }
  const segments = fragment.split("/").filter((s) => s !== "");
  const spaceSegment = segments[0] && /^Spaces-\d+$/i.test(segments[0]) ? segments[0] : undefined;
  const spaceId = spaceSegment ? canonicalId(spaceSegment) : undefined;

  const found = new Map<PortalResourceKind, string>();
  for (const segment of segments) {
    const match = ID_KINDS.find(([pattern]) => pattern.test(segment));
    if (match && !found.has(match[1])) found.set(match[1], canonicalId(segment));
  }
  const projectsAt = segments.findIndex((s) => s.toLowerCase() === "projects");
  const projectSlug = projectsAt >= 0 ? segments[projectsAt + 1] : undefined;
  const releasesAt = segments.findIndex((s) => s.toLowerCase() === "releases");
  const releaseSegment = releasesAt >= 0 ? segments[releasesAt + 1] : undefined;
  const releaseVersion =
    releaseSegment !== undefined && !/^Releases-\d+$/i.test(releaseSegment) ? releaseSegment : undefined;
  const slugPart = projectSlug !== undefined ? { projectSlug } : {};

  for (const kind of PRECEDENCE) {
    const id = found.get(kind);
    if (id === undefined) continue;
    if (kind === "project" && releaseVersion !== undefined) break;
    return {
      kind,
      spaceId,
      id,
      ...slugPart,
      ...(kind === "release" || releaseVersion === undefined ? {} : { releaseVersion }),
    };
  }
  if (releaseVersion !== undefined && projectSlug !== undefined) {
    return { kind: "release", spaceId, id: undefined, projectSlug, releaseVersion };
  }
  if (projectSlug !== undefined) {
    return {
      kind: "project",
      spaceId,
      id: /^Projects-\d+$/i.test(projectSlug) ? canonicalId(projectSlug) : undefined,
      projectSlug,
    };
  }
  throw malformed(raw, "it names no deployment, task, release, runbook run or project");
}

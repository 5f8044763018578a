/**
 * Loading deployments with everything their summaries name (task state, release version, project,
 * environment, Octopus tenant) in batches: one `?ids=` request per kind, never one per deployment.
 */
import { InvalidArgumentsError, NotFoundError } from "@octopus-mcp/core";
import {
  loadEnvironments,
  parsePortalUrl,
  type DeploymentResource,
  type NamedResource,
  type OctopusClient,
  type ProjectResource,
  type ReleaseResource,
  type ServerTaskResource,
  type SpaceResource,
} from "@octopus-mcp/octopus-api";
import type { NameLookup } from "./summaries.js";

export interface EnrichedDeployments {
  readonly names: NameLookup;
  readonly tasks: ReadonlyMap<string, ServerTaskResource>;
  readonly releases: ReadonlyMap<string, ReleaseResource>;
  readonly projects: ReadonlyMap<string, ProjectResource>;
}

const byId = <T extends { readonly Id: string }>(items: readonly T[]): Map<string, T> =>
  new Map(items.map((i) => [i.Id, i]));

/** Fetches tasks, releases, projects, environments and Octopus tenants of `deployments` in parallel batches. */
export async function enrichDeployments(
  client: OctopusClient,
  spaceId: string,
  deployments: readonly DeploymentResource[],
): Promise<EnrichedDeployments> {
  const ids = (pick: (d: DeploymentResource) => string | null | undefined) =>
    deployments.map(pick).filter((v): v is string => typeof v === "string" && v !== "");
  const path = (rest: string) => client.spacePath(spaceId, rest);
  const tenantIds = ids((d) => d.TenantId);
  const [tasks, releases, projects, environments, tenants] = await Promise.all([
    client.getByIds<ServerTaskResource>(
      path("tasks"),
      ids((d) => d.TaskId),
    ),
    client.getByIds<ReleaseResource>(
      path("releases"),
      ids((d) => d.ReleaseId),
    ),
    client.getByIds<ProjectResource>(
      path("projects"),
      ids((d) => d.ProjectId),
    ),
    deployments.length > 0 ? loadEnvironments(client, spaceId) : undefined,
    tenantIds.length > 0 ? client.getByIds<NamedResource>(path("tenants"), tenantIds) : Promise.resolve([]),
  ]);
  const projectMap = byId(projects);
  const tenantMap = byId(tenants);
  return {
    tasks: byId(tasks),
    releases: byId(releases),
    projects: projectMap,
    names: {
      project: (id) => projectMap.get(id)?.Name,
      environment: (id) => environments?.nameOf(id),
      octopusTenant: (id) => (id ? (tenantMap.get(id)?.Name ?? id) : undefined),
    },
  };
}

/** Where a deployment reference (ID, task ID or portal link) points. */
export interface DeploymentTarget {
  readonly space: SpaceResource;
  readonly deployment: DeploymentResource;
}

/**
 * Resolves `reference` (`Deployments-N`, `ServerTasks-N` of a deployment, or a portal link of the
 * tenant's server) to the deployment. The space comes from the link, else from `spaceInput`.
 * @throws InvalidArgumentsError for links to other servers, malformed links, or tasks that are not deployments.
 * @throws NotFoundError when the deployment or task does not exist.
 */
export async function loadDeploymentByReference(
  client: OctopusClient,
  reference: string,
  spaceInput: string | undefined,
): Promise<DeploymentTarget> {
  const ref = reference.trim();
  let spaceId: string | undefined;
  let deploymentId: string | undefined;
  let taskId: string | undefined;
  if (/^https?:\/\//i.test(ref)) {
    const parsed = parsePortalUrl(ref, client.serverUrl);
    spaceId = parsed.spaceId;
    if (parsed.kind === "deployment") deploymentId = parsed.id;
    else if (parsed.kind === "task") taskId = parsed.id;
    else {
      throw new InvalidArgumentsError(
        `The link points at a ${parsed.kind}, not a deployment. Use a deployment or task link, or a Deployments-N ID.`,
        [
          {
            path: "/deployment",
            rule: "kind",
            message: `Expected a deployment link, got a ${parsed.kind} link.`,
          },
        ],
      );
    }
  } else if (/^Deployments-\d+$/i.test(ref)) {
    deploymentId = `Deployments-${ref.split("-")[1]}`;
  } else if (/^ServerTasks-\d+$/i.test(ref)) {
    taskId = `ServerTasks-${ref.split("-")[1]}`;
  } else {
    throw new InvalidArgumentsError(
      `"${ref}" is not a deployment reference. Pass a Deployments-N ID, a ServerTasks-N ID, or a portal link.`,
      [
        {
          path: "/deployment",
          rule: "format",
          message: "Expected Deployments-N, ServerTasks-N or an https link.",
        },
      ],
    );
  }
  const space = spaceId ? await client.requireSpaceId(spaceId) : await client.resolveSpace(spaceInput);
  if (taskId) {
    const task = await getOrNotFound<ServerTaskResource>(
      client,
      client.spacePath(space.Id, `tasks/${taskId}`),
      `task ${taskId} in space "${space.Name}"`,
    );
    const fromTask = task.Arguments?.["DeploymentId"];
    if (typeof fromTask !== "string") {
      throw new InvalidArgumentsError(
        `Task ${taskId} is a "${task.Name ?? "non-deployment"}" task, not a deployment; use the tasks tools for it.`,
      );
    }
    deploymentId = fromTask;
  }
  const hint = spaceId || spaceInput ? "" : ` (the default space); pass "space" if it is in another space`;
  const deployment = await getOrNotFound<DeploymentResource>(
    client,
    client.spacePath(space.Id, `deployments/${deploymentId as string}`),
    `deployment ${deploymentId as string} in space "${space.Name}"${hint}`,
  );
  return { space, deployment };
}

/** GET that turns a 404 into a NotFoundError naming `what`. */
export async function getOrNotFound<T>(client: OctopusClient, path: string, what: string): Promise<T> {
  try {
    return await client.get<T>(path);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(`No ${what}.`, { cause: error });
    throw error;
  }
}

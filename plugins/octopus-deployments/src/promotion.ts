/**
 * Where a release goes next: the first lifecycle phase (reference §10.13) that the release has not
 * completed. A phase is complete when the release succeeded in at least
 * `MinimumEnvironmentsBeforePromotion` of its environments (0 = all of them); optional phases never
 * block. Channels without their own lifecycle use the project's.
 */
import { NotFoundError } from "@octopus-mcp/core";
import {
  loadEnvironments,
  resolveProject,
  resolveRelease,
  type ChannelResource,
  type DeploymentResource,
  type LifecycleResource,
  type OctopusClient,
  type OctopusCollection,
  type ReleaseResource,
  type ServerTaskResource,
} from "@octopus-mcp/octopus-api";

type Phase = NonNullable<LifecycleResource["Phases"]>[number];

export interface PromotionStep {
  /** Phase name, or undefined when every phase is complete. */
  readonly phase: string | undefined;
  /** Environment IDs of that phase where the release has not succeeded yet. */
  readonly environmentIds: readonly string[];
}

/** The next phase and its outstanding environments for a release that succeeded in `succeeded`. */
export function nextPromotion(phases: readonly Phase[], succeeded: ReadonlySet<string>): PromotionStep {
  const envsOf = (phase: Phase) => [
    ...(phase.AutomaticDeploymentTargets ?? []),
    ...(phase.OptionalDeploymentTargets ?? []),
  ];
  for (const [index, phase] of phases.entries()) {
    const envs = envsOf(phase);
    if (envs.length === 0) continue;
    const done = envs.filter((e) => succeeded.has(e)).length;
    const minimum = phase.MinimumEnvironmentsBeforePromotion ?? 0;
    const needed = minimum > 0 ? Math.min(minimum, envs.length) : envs.length;
    if (done >= needed) continue;
    // An optional phase that later phases already went past was skipped on purpose.
    if (
      phase.IsOptionalPhase &&
      phases.slice(index + 1).some((later) => envsOf(later).some((e) => succeeded.has(e)))
    )
      continue;
    return { phase: phase.Name, environmentIds: envs.filter((e) => !succeeded.has(e)) };
  }
  return { phase: undefined, environmentIds: [] };
}

export interface PromotionFacts {
  readonly project: string;
  readonly release: string;
  readonly lifecycle: string;
  readonly succeeded: readonly string[];
  readonly nextPhase: string | undefined;
  readonly nextEnvironments: readonly string[];
  readonly tenanted: boolean;
}

/**
 * Reads what a promotion needs: release (given version/ID, else the newest), its channel's (or
 * the project's) lifecycle, and where the release already succeeded (one deployments request and
 * one batched task request).
 */
export async function promotionFacts(
  client: OctopusClient,
  spaceInput: string | undefined,
  projectInput: string,
  releaseInput: string | undefined,
): Promise<PromotionFacts> {
  const space = await client.resolveSpace(spaceInput);
  const sp = (rest: string) => client.spacePath(space.Id, rest);
  const project = await resolveProject(client, space.Id, projectInput);
  let release: ReleaseResource | undefined;
  if (releaseInput) release = await resolveRelease(client, space.Id, project, releaseInput);
  else
    release = (await client.page<ReleaseResource>(sp(`projects/${project.Id}/releases`), {}, { take: 1 }))
      .Items[0];
  if (!release) throw new NotFoundError(`Project "${project.Name}" has no releases yet.`);
  const channel = release.ChannelId
    ? await client.get<ChannelResource>(sp(`channels/${release.ChannelId}`)).catch(() => undefined)
    : undefined;
  const lifecycleId = channel?.LifecycleId ?? project.LifecycleId;
  const [lifecycle, environments, deployments] = await Promise.all([
    lifecycleId ? client.get<LifecycleResource>(sp(`lifecycles/${lifecycleId}`)) : undefined,
    loadEnvironments(client, space.Id),
    client.get<OctopusCollection<DeploymentResource>>(sp(`releases/${release.Id}/deployments`), {
      skip: 0,
      take: 200,
    }),
  ]);
  const tasks = await client.getByIds<ServerTaskResource>(
    sp("tasks"),
    deployments.Items.map((d) => d.TaskId),
  );
  const ok = new Set(tasks.filter((t) => t.State === "Success").map((t) => t.Id));
  const succeeded = new Set(deployments.Items.filter((d) => ok.has(d.TaskId)).map((d) => d.EnvironmentId));
  const next = nextPromotion(lifecycle?.Phases ?? [], succeeded);
  return {
    project: project.Name,
    release: release.Version,
    lifecycle: lifecycle?.Name ?? "(none)",
    succeeded: [...succeeded].map((id) => environments.nameOf(id) ?? id),
    nextPhase: next.phase,
    nextEnvironments: next.environmentIds.map((id) => environments.nameOf(id) ?? id),
    tenanted:
      project.TenantedDeploymentMode === "Tenanted" ||
      project.TenantedDeploymentMode === "TenantedOrUntenanted",
  };
}

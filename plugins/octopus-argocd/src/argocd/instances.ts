/**
 * The Argo CD instances a caller tenant may reach (`tenants.<id>.argocd.instances` in the host
 * config, read through `ITenantContext.settings`), and their Octopus scoping: like an Octopus
 * Argo CD gateway registration, an instance may serve only some environments and Octopus tenants.
 */
import {
  InvalidArgumentsError,
  NotFoundError,
  type ArgoCdInstanceSettings,
  type ITenantContext,
} from "@octopus-mcp/core";
import { slugsEqual, type DeploymentScope } from "../annotations/scope-matching.js";

/** All instances of the caller tenant. @throws NotFoundError when none is configured. */
export function tenantInstances(tenant: ITenantContext): readonly ArgoCdInstanceSettings[] {
  const instances = tenant.settings.argocd?.instances ?? [];
  if (instances.length === 0) {
    throw new NotFoundError(
      `No Argo CD instances are configured for caller tenant "${tenant.tenantId}". ` +
        `The operator adds them under tenants.${tenant.tenantId}.argocd.instances in the host config.`,
    );
  }
  return instances;
}

/**
 * The instance called `name` (case-insensitive), or all instances when `name` is omitted.
 * @throws InvalidArgumentsError naming the configured instances when `name` is unknown.
 */
export function selectInstances(tenant: ITenantContext, name?: string): readonly ArgoCdInstanceSettings[] {
  const instances = tenantInstances(tenant);
  if (name === undefined || name.trim() === "") return instances;
  const found = instances.find((i) => i.name.toLowerCase() === name.trim().toLowerCase());
  if (!found) {
    throw new InvalidArgumentsError(`Unknown Argo CD instance "${name}".`, [
      {
        path: "/instance",
        rule: "enum",
        message: `Use one of: ${instances.map((i) => i.name).join(", ")} (argocd_list_instances lists them).`,
      },
    ]);
  }
  return [found];
}

/**
 * Whether an instance serves a deployment scope: its `environments` (when set) must contain the
 * environment; its `octopusTenants` (when set) must contain the Octopus tenant of a tenanted
 * deployment. Untenanted deployments are not restricted by `octopusTenants`.
 */
export function instanceServesScope(instance: ArgoCdInstanceSettings, scope: DeploymentScope): boolean {
  if (instance.environments && !instance.environments.some((e) => slugsEqual(e, scope.environment)))
    return false;
  const tenant = scope.tenant?.trim();
  if (tenant && instance.octopusTenants && !instance.octopusTenants.some((t) => slugsEqual(t, tenant)))
    return false;
  return true;
}

/**
 * Whether an Argo CD application source belongs to an Octopus deployment scope, following
 * Calamari's rule (reference argocd.md §8.1):
 * `Project == annotation.Project && Environment == annotation.Environment && Tenant == annotation.Tenant`,
 * slugs compared case-insensitively after trimming. Tenant is exact: an untenanted deployment
 * matches only sources without a tenant annotation, a tenanted one only sources with that tenant.
 */
import type { ArgoApplication } from "../argocd/types.js";
import { readSourceScopes, type AnnotatedSource, type SourceScope } from "./source-scope.js";

/** An Octopus deployment scope: slugs of project, environment and (optional) Octopus tenant. */
export interface DeploymentScope {
  readonly project: string;
  readonly environment: string;
  /** Octopus tenant slug; undefined (or blank) for an untenanted deployment. */
  readonly tenant?: string | undefined;
}

/** Trim; blank becomes undefined. */
function normalise(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed.toLowerCase();
}

/** Slug equality: trimmed, case-insensitive; two absent values are equal, absent vs present is not. */
export function slugsEqual(a: string | undefined, b: string | undefined): boolean {
  return normalise(a) === normalise(b);
}

/** True when the source scope matches the deployment scope. A scope without project or environment never matches. */
export function scopeMatches(source: SourceScope, deployment: DeploymentScope): boolean {
  if (normalise(source.project) === undefined || normalise(source.environment) === undefined) return false;
  return (
    slugsEqual(source.project, deployment.project) &&
    slugsEqual(source.environment, deployment.environment) &&
    slugsEqual(source.tenant, deployment.tenant)
  );
}

/** The sources of `app` that a deployment to `scope` would update (possibly none). */
export function matchingSources(app: ArgoApplication, scope: DeploymentScope): readonly AnnotatedSource[] {
  return readSourceScopes(app).filter((s) => s.keyStyle !== "none" && scopeMatches(s.scope, scope));
}

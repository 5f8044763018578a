/**
 * Finds the Argo CD applications (and their sources) that an Octopus deployment scope maps to,
 * across every instance of the caller tenant that serves the scope. The list endpoint has no
 * annotation filter (argocd.md §2), so each instance's applications are listed once with a
 * `fields` projection (annotations, sources, sync, health, images only) and matched here.
 * An unreachable instance does not fail the search: it is reported in `unavailable`.
 */
import { isOctopusMcpError, type ArgoCdInstanceSettings } from "@octopus-mcp/core";
import { matchingSources, type DeploymentScope } from "../annotations/scope-matching.js";
import type { AnnotatedSource } from "../annotations/source-scope.js";
import { SCOPE_LIST_FIELDS, type ArgoCdClient } from "./argocd-client.js";
import { instanceServesScope } from "./instances.js";
import type { ArgoApplication } from "./types.js";

/** An application with the sources a deployment to the scope would update. */
export interface ScopedApplication {
  readonly instance: ArgoCdInstanceSettings;
  readonly application: ArgoApplication;
  readonly sources: readonly AnnotatedSource[];
}

/** An instance that could not be searched, with the error's code and message. */
export interface UnavailableInstance {
  readonly instance: string;
  readonly error: string;
  readonly message: string;
}

export interface ScopeSearchResult {
  readonly matches: readonly ScopedApplication[];
  /** Instances skipped because their `environments`/`octopusTenants` exclude the scope. */
  readonly outOfScope: readonly string[];
  readonly unavailable: readonly UnavailableInstance[];
}

/** Searches `instances` in parallel. `clientFor` builds the per-call client of an instance. */
export async function findScopedApplications(
  instances: readonly ArgoCdInstanceSettings[],
  scope: DeploymentScope,
  clientFor: (instance: ArgoCdInstanceSettings) => ArgoCdClient,
): Promise<ScopeSearchResult> {
  const outOfScope = instances.filter((i) => !instanceServesScope(i, scope)).map((i) => i.name);
  const searched = instances.filter((i) => instanceServesScope(i, scope));
  const results = await Promise.allSettled(
    searched.map(async (instance) => {
      const apps = await clientFor(instance).listApplications({ fields: SCOPE_LIST_FIELDS });
      return apps
        .map((application) => ({ instance, application, sources: matchingSources(application, scope) }))
        .filter((m) => m.sources.length > 0);
    }),
  );
  const matches: ScopedApplication[] = [];
  const unavailable: UnavailableInstance[] = [];
  results.forEach((result, index) => {
    const instance = searched[index]!;
    if (result.status === "fulfilled") matches.push(...result.value);
    else unavailable.push(describeFailure(instance.name, result.reason));
  });
  matches.sort((a, b) =>
    `${a.instance.name}/${a.application.metadata?.name ?? ""}`.localeCompare(
      `${b.instance.name}/${b.application.metadata?.name ?? ""}`,
    ),
  );
  return { matches, outOfScope, unavailable };
}

/** `{instance, error, message}` for a failed instance; cancellation is rethrown by the caller's signal anyway. */
export function describeFailure(instance: string, reason: unknown): UnavailableInstance {
  if (isOctopusMcpError(reason)) return { instance, error: reason.code, message: reason.message };
  return { instance, error: "upstream_unavailable", message: `Argo CD "${instance}" could not be reached.` };
}

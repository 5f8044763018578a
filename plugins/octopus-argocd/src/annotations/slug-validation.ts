/**
 * Checks the slugs in scoping annotations against what exists in Octopus. The catalogue is
 * loaded elsewhere (see octopus/slug-catalog.ts); this module is pure.
 */
import type { ArgoApplication } from "../argocd/types.js";
import { annotationKey, type ScopeDimension } from "./keys.js";
import type { AnnotationFinding } from "./annotation-validation.js";
import { readSourceScopes } from "./source-scope.js";

/** Slugs known to Octopus in the space being checked. Comparison is case-insensitive. */
export interface SlugCatalog {
  readonly projects: readonly string[];
  readonly environments: readonly string[];
  readonly tenants: readonly string[];
}

const CATALOG_FIELD: Record<ScopeDimension, keyof SlugCatalog> = {
  project: "projects",
  environment: "environments",
  tenant: "tenants",
};

/** Findings for every annotated slug missing from `catalog` (errors: such a source never matches). */
export function validateSlugs(app: ArgoApplication, catalog: SlugCatalog): readonly AnnotationFinding[] {
  const findings: AnnotationFinding[] = [];
  for (const source of readSourceScopes(app)) {
    if (source.keyStyle === "none") continue;
    for (const dimension of ["project", "environment", "tenant"] as const) {
      const value = source.scope[dimension];
      if (value === undefined) continue;
      const known = catalog[CATALOG_FIELD[dimension]];
      if (known.some((slug) => slug.toLowerCase() === value.toLowerCase())) continue;
      const key = annotationKey(dimension, source.name);
      const suggestion = closestSlug(value, known);
      findings.push({
        severity: "error",
        rule: `unknown-${dimension}`,
        key,
        message: `${key}: "${value}" is not an Octopus ${dimension} slug.`,
        fix: suggestion
          ? `Did you mean "${suggestion}"? Set ${key}: ${suggestion}.`
          : `Use the ${dimension}'s slug (not its name) as shown in Octopus; ${known.length} ${dimension}s exist.`,
      });
    }
  }
  return findings;
}

/** The known slug nearest to `value` by edit distance, when close enough to be a plausible typo. */
export function closestSlug(value: string, known: readonly string[]): string | undefined {
  const target = value.toLowerCase();
  let best: { slug: string; distance: number } | undefined;
  for (const slug of known) {
    const distance = editDistance(target, slug.toLowerCase());
    if (!best || distance < best.distance) best = { slug, distance };
  }
  if (!best) return undefined;
  const limit = Math.max(2, Math.floor(target.length / 3));
  return best.distance <= limit ? best.slug : undefined;
}

/** Levenshtein distance (insert/delete/substitute cost 1). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

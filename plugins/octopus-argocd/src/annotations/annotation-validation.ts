/**
 * Finds mis-annotated Argo CD applications and says how to fix each finding. The first three
 * rules are Calamari's `ApplicationValidator` (reference argocd.md §8.1); the rest catch
 * annotations that Octopus silently ignores, so a deployment would find no application.
 */
import type { ArgoApplication } from "../argocd/types.js";
import { ANNOTATION_PREFIX, annotationKey, parseAnnotationKey, SCOPE_DIMENSIONS } from "./keys.js";
import { normaliseSources, readSourceScopes, type AnnotatedSource } from "./source-scope.js";

export type FindingSeverity = "error" | "warning";

/** One problem with an application's annotations. */
export interface AnnotationFinding {
  readonly severity: FindingSeverity;
  /** Stable machine-readable rule id, e.g. `unsuffixed-keys-on-multi-source`. */
  readonly rule: string;
  readonly message: string;
  /** What to change, concretely (keys and values to write). */
  readonly fix: string;
  /** Annotation key concerned, when there is one. */
  readonly key?: string;
}

/** Structural checks that need no Octopus lookup. Pure; never throws. */
export function validateApplicationAnnotations(app: ArgoApplication): readonly AnnotationFinding[] {
  const findings: AnnotationFinding[] = [];
  const annotations = app.metadata?.annotations ?? {};
  const sources = normaliseSources(app);
  const annotated = readSourceScopes(app);
  const multiSource = sources.length > 1;
  const names = annotated.map((s) => s.name).filter((n): n is string => n !== undefined);
  const octopusKeys = Object.keys(annotations)
    .map((key) => ({ key, parsed: parseAnnotationKey(key) }))
    .filter(
      (k): k is { key: string; parsed: NonNullable<ReturnType<typeof parseAnnotationKey>> } => !!k.parsed,
    );

  // Calamari: unsuffixed scoping keys on a multi-source app -> warning.
  const unsuffixed = octopusKeys.filter(
    (k) => k.parsed.suffix === undefined && k.parsed.dimension !== "image-replace-paths",
  );
  if (multiSource && unsuffixed.length > 0) {
    const example = names[0] ?? "<source-name>";
    findings.push({
      severity: "warning",
      rule: "unsuffixed-keys-on-multi-source",
      message: `Multi-source application: Octopus requires every annotation to be qualified by source name, so ${unsuffixed.map((k) => k.key).join(", ")} ${unsuffixed.length === 1 ? "is" : "are"} ignored.`,
      fix: `Replace each with per-source keys, e.g. ${annotationKey("project", example)} and ${annotationKey("environment", example)}, on the sources that Octopus should update.`,
    });
  }

  // Calamari: duplicate source names -> error.
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      findings.push({
        severity: "error",
        rule: "duplicate-source-name",
        message: `Source name "${name}" is used by more than one source.`,
        fix: `Give each source in spec.sources a unique name and update the ${ANNOTATION_PREFIX}*.${name} keys accordingly.`,
      });
    }
    seen.add(name);
  }

  // Calamari: sources count != status.sourceTypes count -> error.
  const sourceTypes = app.status?.sourceTypes;
  if (sourceTypes && sourceTypes.length > 0 && sourceTypes.length !== sources.length) {
    findings.push({
      severity: "error",
      rule: "source-types-mismatch",
      message: `The application has ${sources.length} source(s) but status.sourceTypes lists ${sourceTypes.length}.`,
      fix: "Refresh the application (argocd_refresh_application) so Argo CD recomputes status.sourceTypes; if it persists, fix the failing source.",
    });
  }

  const hasScopingKeys = octopusKeys.some((k) => k.parsed.dimension !== "image-replace-paths");
  for (const source of annotated)
    findings.push(...sourceFindings(source, annotations, multiSource, hasScopingKeys));

  // Suffixed keys naming no source: a typo, the key is never read.
  for (const { key, parsed } of octopusKeys) {
    if (parsed.suffix !== undefined && !names.includes(parsed.suffix.trim())) {
      findings.push({
        severity: "warning",
        rule: "unknown-source-suffix",
        key,
        message: `${key} names source "${parsed.suffix}", but the application has ${names.length ? `sources ${names.map((n) => `"${n}"`).join(", ")}` : "no named source"}.`,
        fix: names.length
          ? `Rename the key to use one of the source names (suffixes are case-sensitive).`
          : `Name the source (spec.source.name: ${parsed.suffix}) or use the unsuffixed key ${ANNOTATION_PREFIX}${parsed.dimension}.`,
      });
    }
  }

  // Whitespace-only values count as absent.
  for (const { key } of octopusKeys) {
    if ((annotations[key] ?? "").trim() === "") {
      findings.push({
        severity: "warning",
        rule: "blank-value",
        key,
        message: `${key} is blank, so Octopus treats it as absent.`,
        fix: `Set it to a slug or remove it.`,
      });
    }
  }
  return findings;
}

function sourceFindings(
  source: AnnotatedSource,
  annotations: Readonly<Record<string, string>>,
  multiSource: boolean,
  hasScopingKeys: boolean,
): AnnotationFinding[] {
  const findings: AnnotationFinding[] = [];
  const label = source.name !== undefined ? `source "${source.name}"` : `source #${source.index}`;
  if (source.keyStyle === "none") {
    if (hasScopingKeys) {
      findings.push({
        severity: "warning",
        rule: "unnamed-source-in-multi-source",
        message: `${label} has no name; in a multi-source application an unnamed source never matches a deployment.`,
        fix: `If Octopus should update it, set spec.sources[${source.index}].name and add ${annotationKey("project", "<name>")} / ${annotationKey("environment", "<name>")}.`,
      });
    }
    return findings;
  }
  const { project, environment } = source.scope;
  if (source.keyStyle === "suffixed" && !multiSource && project === undefined && environment === undefined) {
    const plain = SCOPE_DIMENSIONS.filter((d) => annotations[annotationKey(d)] !== undefined);
    if (plain.length > 0) {
      findings.push({
        severity: "warning",
        rule: "unsuffixed-keys-on-named-source",
        message: `${label} is named, so Octopus reads only ${annotationKey("project", source.name)} etc.; the unsuffixed keys are ignored.`,
        fix:
          plain.map((d) => `rename ${annotationKey(d)} to ${annotationKey(d, source.name)}`).join("; ") + ".",
      });
    }
  }
  if ((project === undefined) !== (environment === undefined)) {
    const missing = project === undefined ? "project" : "environment";
    findings.push({
      severity: "error",
      rule: "incomplete-scope",
      key: annotationKey(missing, source.name),
      message: `${label} has ${missing === "project" ? "an environment" : "a project"} annotation but no ${missing}; it can never match.`,
      fix: `Add ${annotationKey(missing, source.name)} with the Octopus ${missing} slug.`,
    });
  }
  if (source.scope.tenant !== undefined && project === undefined && environment === undefined) {
    findings.push({
      severity: "error",
      rule: "incomplete-scope",
      key: annotationKey("tenant", source.name),
      message: `${label} has a tenant annotation but no project or environment.`,
      fix: `Add ${annotationKey("project", source.name)} and ${annotationKey("environment", source.name)}.`,
    });
  }
  return findings;
}

/**
 * Reads the Octopus scope (project, environment, tenant slugs) of each source of an Argo CD
 * Application, exactly as Calamari's `ScopingAnnotationReader` does (reference argocd.md §8.1):
 *
 * | App shape                          | Keys read for the source                         |
 * |------------------------------------|--------------------------------------------------|
 * | single source, unnamed             | unsuffixed: `argo.octopus.com/project`           |
 * | single source, named `x`           | suffixed only: `argo.octopus.com/project.x`      |
 * | multiple sources, named `x`        | suffixed only: `argo.octopus.com/project.x`      |
 * | multiple sources, unnamed          | none: an empty scope that never matches          |
 *
 * Values are trimmed; a whitespace-only value counts as absent. The source name used as the key
 * suffix is trimmed and case-sensitive.
 */
import type { ArgoApplication, ArgoApplicationSource } from "../argocd/types.js";
import { annotationKey, IMAGE_REPLACE_PATHS, SCOPE_DIMENSIONS, type ScopeDimension } from "./keys.js";

/** The scope one source is annotated with. Slugs are trimmed, original case; absent when not set. */
export interface SourceScope {
  readonly project?: string;
  readonly environment?: string;
  readonly tenant?: string;
}

/** One source of an application with its position, name and scope. */
export interface AnnotatedSource {
  /** Position in the normalised source list (`spec.sources[i]`, or 0 for `spec.source`). */
  readonly index: number;
  readonly source: ArgoApplicationSource;
  /** Trimmed `source.name`; undefined when unnamed. */
  readonly name: string | undefined;
  /**
   * Which keys were read: `unsuffixed`, `suffixed`, or `none` (unnamed source of a multi-source
   * app, which can never match).
   */
  readonly keyStyle: "unsuffixed" | "suffixed" | "none";
  readonly scope: SourceScope;
}

/** `spec.sources` when non-empty, else `[spec.source]`, else `[]` (Calamari normalises the same way). */
export function normaliseSources(app: ArgoApplication): readonly ArgoApplicationSource[] {
  const sources = app.spec?.sources;
  if (sources && sources.length > 0) return sources;
  return app.spec?.source ? [app.spec.source] : [];
}

/** Trimmed value, or undefined when missing or whitespace-only. */
export function annotationValue(
  annotations: Readonly<Record<string, string>> | undefined,
  key: string,
): string | undefined {
  const raw = annotations?.[key];
  if (typeof raw !== "string") return undefined;
  const trimmed = raw.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** Trimmed source name, undefined when missing or blank. */
export function sourceName(source: ArgoApplicationSource): string | undefined {
  const trimmed = typeof source.name === "string" ? source.name.trim() : "";
  return trimmed === "" ? undefined : trimmed;
}

/** Reads every source's scope. Pure; never throws. */
export function readSourceScopes(app: ArgoApplication): readonly AnnotatedSource[] {
  const sources = normaliseSources(app);
  const annotations = app.metadata?.annotations;
  const multiSource = sources.length > 1;
  return sources.map((source, index) => {
    const name = sourceName(source);
    const keyStyle = name !== undefined ? "suffixed" : multiSource ? "none" : "unsuffixed";
    const scope: { -readonly [K in ScopeDimension]?: string } = {};
    if (keyStyle !== "none") {
      for (const dimension of SCOPE_DIMENSIONS) {
        const value = annotationValue(annotations, annotationKey(dimension, name));
        if (value !== undefined) scope[dimension] = value;
      }
    }
    return { index, source, name, keyStyle, scope };
  });
}

/**
 * The Helm image templates for a Helm (chart) source: `argo.octopus.com/image-replace-paths.<name>`
 * for a named source, the unsuffixed key for an unnamed single source. Split on `,`, each entry
 * trimmed, empty entries dropped (Calamari `GetImageReplacePathsForApplicationSource`).
 */
export function imageReplacePaths(app: ArgoApplication, helmSource: AnnotatedSource): readonly string[] {
  if (helmSource.keyStyle === "none") return [];
  const raw = app.metadata?.annotations?.[annotationKey(IMAGE_REPLACE_PATHS, helmSource.name)];
  if (typeof raw !== "string") return [];
  return raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

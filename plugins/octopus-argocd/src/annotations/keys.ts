/**
 * Octopus's annotation keys on Argo CD Applications (Calamari `ArgoCDConstants.cs`; docs
 * https://octopus.com/docs/argo-cd/annotations; reference argocd.md §8).
 */
export const ANNOTATION_PREFIX = "argo.octopus.com/";

/** The three scoping dimensions; keys are `argo.octopus.com/<dimension>[.<source-name>]`. */
export const SCOPE_DIMENSIONS = ["project", "environment", "tenant"] as const;
export type ScopeDimension = (typeof SCOPE_DIMENSIONS)[number];

/** Helm image paths: `argo.octopus.com/image-replace-paths[.<helm-source-name>]`, comma-separated templates. */
export const IMAGE_REPLACE_PATHS = "image-replace-paths";

/** `argo.octopus.com/<dimension>` or, for a named source, `argo.octopus.com/<dimension>.<sourceName>`. */
export function annotationKey(
  dimension: ScopeDimension | typeof IMAGE_REPLACE_PATHS,
  sourceName?: string,
): string {
  return sourceName === undefined || sourceName === ""
    ? `${ANNOTATION_PREFIX}${dimension}`
    : `${ANNOTATION_PREFIX}${dimension}.${sourceName}`;
}

/**
 * Splits an `argo.octopus.com/...` key into its dimension and optional source suffix, or returns
 * undefined for keys of other dimensions. The suffix is everything after the first dot following
 * the dimension (source names may themselves contain dots).
 */
export function parseAnnotationKey(
  key: string,
):
  | { readonly dimension: ScopeDimension | typeof IMAGE_REPLACE_PATHS; readonly suffix: string | undefined }
  | undefined {
  if (!key.startsWith(ANNOTATION_PREFIX)) return undefined;
  const rest = key.slice(ANNOTATION_PREFIX.length);
  for (const dimension of [...SCOPE_DIMENSIONS, IMAGE_REPLACE_PATHS] as const) {
    if (rest === dimension) return { dimension, suffix: undefined };
    if (rest.startsWith(`${dimension}.`)) return { dimension, suffix: rest.slice(dimension.length + 1) };
  }
  return undefined;
}

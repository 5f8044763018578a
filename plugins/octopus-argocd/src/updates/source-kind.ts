/**
 * What kind of Git content an application source is, which decides how image references are
 * updated (Octopus "Update Argo CD Application Image Tags": raw YAML image fields, Kustomize
 * `images`, Helm values through image-replace-paths).
 */
import type { AnnotatedSource } from "../annotations/source-scope.js";
import type { ArgoApplication } from "../argocd/types.js";

export type SourceKind =
  /** A `ref` values-only source: its files are the `$ref/...` value files of Helm sources. */
  | "helm-values"
  /** A Helm chart in Git (`path` + Chart.yaml): its value files are updated. */
  | "helm"
  /** A chart from a Helm repository (`chart`): nothing in Git to update. */
  | "helm-repository"
  | "kustomize"
  /** Plain manifests (Argo CD "Directory"). */
  | "directory"
  /** Config management plugins: unsupported. */
  | "plugin";

/** Classifies from the spec and `status.sourceTypes` (no Git access needed). */
export function sourceKind(app: ArgoApplication, source: AnnotatedSource): SourceKind {
  const s = source.source;
  if (s.ref && !s.path && !s.chart) return "helm-values";
  if (s.chart) return "helm-repository";
  const reported = app.status?.sourceTypes?.[source.index];
  if (reported === "Plugin" || s.plugin) return "plugin";
  if (reported === "Helm" || s.helm) return "helm";
  if (reported === "Kustomize" || s.kustomize) return "kustomize";
  return "directory";
}

/** Helm sources of `app` that read value files from the `ref` source (`$<ref>/...`). */
export function helmSourcesUsingRef(
  sources: readonly AnnotatedSource[],
  ref: string,
): readonly AnnotatedSource[] {
  return sources.filter((s) => (s.source.helm?.valueFiles ?? []).some((f) => f.startsWith(`$${ref}/`)));
}

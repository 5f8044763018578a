/**
 * Applies image updates to one matched source inside a Git work tree. Which files are edited:
 *
 * | Source kind  | Files                                                                               |
 * |--------------|-------------------------------------------------------------------------------------|
 * | directory    | every `*.yaml`/`*.yml` under `path` (recursive when `directory.recurse`)            |
 * | kustomize    | `path`/kustomization.yaml (its `images:`)                                           |
 * | helm         | the `helm.valueFiles` under `path` (the chart's own values.yaml is read, not edited,|
 * |              | unless there are no value files)                                                    |
 * | helm-values  | the `$<ref>/...` value files of each Helm source that uses this `ref`               |
 *
 * A kind detected from the spec is confirmed against the work tree (a kustomization file wins).
 */
import { posix } from "node:path";
import { imageReplacePaths, readSourceScopes, type AnnotatedSource } from "../annotations/source-scope.js";
import type { ArgoApplication } from "../argocd/types.js";
import type { GitWorkspace } from "../git/git-workspace.js";
import {
  DEFAULT_HELM_IMAGE_TEMPLATES,
  updateHelmValues,
  type HelmValuesFile,
} from "../images/helm-values.js";
import type { ImageUpdateRequest } from "../images/image-reference.js";
import { KUSTOMIZATION_FILE_NAMES, updateKustomizationImages } from "../images/kustomize-images.js";
import { updatePlainManifest, type ImageChange } from "../images/plain-manifests.js";
import { helmSourcesUsingRef, sourceKind, type SourceKind } from "./source-kind.js";

/** One edited (or inspected) file. */
export interface FileEdit {
  /** Repo-relative POSIX path. */
  readonly path: string;
  readonly before: string;
  readonly after: string;
  readonly changes: readonly ImageChange[];
  readonly unchanged: readonly ImageChange[];
}

export interface SourceEditResult {
  readonly kind: SourceKind;
  readonly files: readonly FileEdit[];
  readonly problems: readonly string[];
}

const clean = (p: string | undefined) => posix.normalize((p ?? "").replace(/^\/+/, "") || ".");

/** Edits the work tree for one source. Never throws for content problems: they are returned. */
export async function editSource(
  ws: GitWorkspace,
  app: ArgoApplication,
  source: AnnotatedSource,
  requests: readonly ImageUpdateRequest[],
): Promise<SourceEditResult> {
  let kind = sourceKind(app, source);
  const path = clean(source.source.path);
  if ((kind === "directory" || kind === "helm") && (await findKustomization(ws, path))) kind = "kustomize";
  if (kind === "directory" && (await ws.readText(posix.join(path, "Chart.yaml"))) !== undefined)
    kind = "helm";
  try {
    switch (kind) {
      case "directory":
        return await editDirectory(ws, source, path, requests);
      case "kustomize":
        return await editKustomize(ws, path, requests);
      case "helm":
        return await editHelm(ws, app, source, source, path, requests);
      case "helm-values":
        return await editHelmValuesRef(ws, app, source, requests);
      case "helm-repository":
        return {
          kind,
          files: [],
          problems: [
            `source ${label(source)} is a chart from a Helm repository; there is no file in Git to update.`,
          ],
        };
      case "plugin":
        return {
          kind,
          files: [],
          problems: [
            `source ${label(source)} uses a config management plugin; image updates are not supported for it.`,
          ],
        };
    }
  } catch (error) {
    return { kind, files: [], problems: [(error as Error).message] };
  }
}

function label(source: AnnotatedSource): string {
  return source.name !== undefined ? `"${source.name}"` : `#${source.index}`;
}

async function findKustomization(ws: GitWorkspace, path: string): Promise<string | undefined> {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const file = posix.join(path, name);
    if ((await ws.readText(file)) !== undefined) return file;
  }
  return undefined;
}

async function editDirectory(
  ws: GitWorkspace,
  source: AnnotatedSource,
  path: string,
  requests: readonly ImageUpdateRequest[],
): Promise<SourceEditResult> {
  const files: FileEdit[] = [];
  const problems: string[] = [];
  const list = await ws.listManifestFiles(path, source.source.directory?.recurse === true);
  if (list.length === 0) problems.push(`no YAML files under "${path}" in source ${label(source)}.`);
  for (const file of list) {
    const before = (await ws.readText(file)) ?? "";
    const result = updatePlainManifest(before, file, requests);
    problems.push(...result.problems);
    if (result.changes.length || result.unchanged.length) {
      files.push({
        path: file,
        before,
        after: result.text,
        changes: result.changes,
        unchanged: result.unchanged,
      });
    }
  }
  return { kind: "directory", files, problems };
}

async function editKustomize(
  ws: GitWorkspace,
  path: string,
  requests: readonly ImageUpdateRequest[],
): Promise<SourceEditResult> {
  const file = await findKustomization(ws, path);
  if (!file) return { kind: "kustomize", files: [], problems: [`no kustomization file in "${path}".`] };
  const before = (await ws.readText(file)) ?? "";
  const result = updateKustomizationImages(before, file, requests);
  const files =
    result.changes.length || result.unchanged.length
      ? [{ path: file, before, after: result.text, changes: result.changes, unchanged: result.unchanged }]
      : [];
  return { kind: "kustomize", files, problems: [...result.problems] };
}

/**
 * Edits the value files of `chart` (a Helm source in Git) that live in the updated source's tree:
 * `$ref/...` files when `updated` is a ref source, otherwise files relative to the chart path.
 */
async function editHelm(
  ws: GitWorkspace,
  app: ArgoApplication,
  chart: AnnotatedSource,
  updated: AnnotatedSource,
  chartPath: string,
  requests: readonly ImageUpdateRequest[],
): Promise<SourceEditResult> {
  const layered: HelmValuesFile[] = [];
  const problems: string[] = [];
  const valueFiles = chart.source.helm?.valueFiles ?? [];
  const ref = updated.source.ref;
  const chartInSameTree =
    updated === chart || (chart.source.repoURL === updated.source.repoURL && !chart.source.chart);
  // Helm always reads the chart's own values.yaml first; it is shared by every environment, so never edited
  // when environment value files exist.
  if (chartInSameTree && !chart.source.chart) {
    const defaults = posix.join(chartPath, "values.yaml");
    const text = await ws.readText(defaults);
    if (text !== undefined)
      layered.push({ path: defaults, text, editable: valueFiles.length === 0 && updated === chart });
  }
  for (const file of valueFiles) {
    let path: string | undefined;
    let editable = false;
    if (file.startsWith("$")) {
      const [head, ...rest] = file.split("/");
      if (ref !== undefined && head === `$${ref}`) {
        path = clean(rest.join("/"));
        editable = true;
      }
    } else if (chartInSameTree) {
      path = clean(posix.join(chartPath, file));
      editable = updated === chart;
    }
    if (path === undefined) continue;
    const text = await ws.readText(path);
    if (text === undefined) {
      if (editable) problems.push(`value file "${path}" does not exist.`);
      continue;
    }
    layered.push({ path, text, editable });
  }
  const annotated = imageReplacePaths(app, chart);
  const templates = annotated.length ? annotated : DEFAULT_HELM_IMAGE_TEMPLATES;
  const result = updateHelmValues(layered, templates, requests);
  problems.push(...result.problems);
  const files: FileEdit[] = [];
  for (const file of layered) {
    const edited = result.files.get(file.path);
    if (!edited) continue;
    files.push({
      path: file.path,
      before: file.text,
      after: edited.text,
      changes: edited.changes,
      unchanged: edited.unchanged,
    });
  }
  return { kind: updated === chart ? "helm" : "helm-values", files, problems };
}

async function editHelmValuesRef(
  ws: GitWorkspace,
  app: ArgoApplication,
  source: AnnotatedSource,
  requests: readonly ImageUpdateRequest[],
): Promise<SourceEditResult> {
  const ref = source.source.ref ?? "";
  const charts = helmSourcesUsingRef(readSourceScopes(app), ref);
  if (charts.length === 0) {
    return {
      kind: "helm-values",
      files: [],
      problems: [`no Helm source uses value files from ref "${ref}".`],
    };
  }
  const files: FileEdit[] = [];
  const problems: string[] = [];
  for (const chart of charts) {
    const result = await editHelm(ws, app, chart, source, clean(chart.source.path), requests);
    files.push(...result.files);
    problems.push(...result.problems);
  }
  return { kind: "helm-values", files, problems };
}

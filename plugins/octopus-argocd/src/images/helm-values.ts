/**
 * Updates image tags in Helm values files through Octopus's image templates
 * (`argo.octopus.com/image-replace-paths`, reference argocd.md §8.2): each template is a string
 * of literals and `{{ .Values.a.b }}` placeholders that renders a fully qualified image, e.g.
 * `{{ .Values.image.repository }}:{{ .Values.image.tag }}`. A template whose rendered image is a
 * requested repository gets its tag rewritten in whichever placeholder value holds the tag.
 *
 * Values files are layered like Helm does (`-f a.yaml -f b.yaml`: later files win), so each
 * placeholder is read from the last file that defines it, and that file is the one edited.
 * Without the annotation, {@link DEFAULT_HELM_IMAGE_TEMPLATES} are tried (the common chart layouts).
 */
import { isScalar, type Document, type Scalar } from "yaml";
import { parseImageReference, sameImage, type ImageUpdateRequest } from "./image-reference.js";
import type { FileEditResult, ImageChange } from "./plain-manifests.js";
import {
  applyTextEdits,
  lineOf,
  parseYamlDocuments,
  replaceScalarEdit,
  type TextEdit,
} from "./yaml-text-edits.js";

/** Templates used when the application has no image-replace-paths annotation for the Helm source. */
export const DEFAULT_HELM_IMAGE_TEMPLATES: readonly string[] = [
  "{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag }}",
  "{{ .Values.image.repository }}:{{ .Values.image.tag }}",
  "{{ .Values.image }}",
];

/** One values file in Helm's order. Files outside the updated source are read but never edited. */
export interface HelmValuesFile {
  readonly path: string;
  readonly text: string;
  readonly editable: boolean;
}

type Segment = { readonly literal: string } | { readonly path: readonly string[]; readonly raw: string };

const PLACEHOLDER = /\{\{-?\s*\.Values\.([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\s*-?\}\}/g;

/**
 * Splits a template into literals and `.Values` paths.
 * @throws Error for other template syntax (pipelines, functions), which Octopus cannot invert either.
 */
export function parseImageTemplate(template: string): readonly Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) segments.push({ literal: template.slice(last, match.index) });
    segments.push({ path: (match[1] ?? "").split("."), raw: match[0] });
    last = match.index + match[0].length;
  }
  if (last < template.length) segments.push({ literal: template.slice(last) });
  for (const segment of segments) {
    if ("literal" in segment && segment.literal.includes("{{")) {
      throw new Error(
        `Unsupported template syntax in "${template}": only {{ .Values.path }} placeholders are allowed.`,
      );
    }
  }
  return segments;
}

/** The outcome for a set of layered values files, keyed by file path (only files that changed or had findings). */
export interface HelmEditResult {
  readonly files: ReadonlyMap<string, FileEditResult>;
  readonly problems: readonly string[];
}

interface Resolved {
  readonly fileIndex: number;
  readonly node: Scalar;
}

/** Applies `requests` to the layered values `files` through `templates`. @throws Error on invalid YAML. */
export function updateHelmValues(
  files: readonly HelmValuesFile[],
  templates: readonly string[],
  requests: readonly ImageUpdateRequest[],
): HelmEditResult {
  const docs: (Document.Parsed | undefined)[] = files.map((f) => parseYamlDocuments(f.text, f.path)[0]);
  const edits = files.map(() => new Map<number, TextEdit>());
  const changes = files.map((): ImageChange[] => []);
  const unchanged = files.map((): ImageChange[] => []);
  const problems: string[] = [];

  const resolve = (path: readonly string[]): Resolved | undefined => {
    for (let i = files.length - 1; i >= 0; i--) {
      const node = docs[i]?.getIn(path, true);
      if (isScalar(node) && (typeof node.value === "string" || typeof node.value === "number"))
        return { fileIndex: i, node };
    }
    return undefined;
  };

  for (const template of templates) {
    let segments: readonly Segment[];
    try {
      segments = parseImageTemplate(template);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    const spans: { start: number; end: number; resolved: Resolved }[] = [];
    let rendered = "";
    let complete = true;
    for (const segment of segments) {
      if ("literal" in segment) {
        rendered += segment.literal;
        continue;
      }
      const resolved = resolve(segment.path);
      if (!resolved) {
        complete = false;
        break;
      }
      const value = String(resolved.node.value);
      spans.push({ start: rendered.length, end: rendered.length + value.length, resolved });
      rendered += value;
    }
    if (!complete) continue;
    const current = parseImageReference(rendered);
    if (!current) continue;
    for (const request of requests) {
      if (!sameImage(current, request.reference)) continue;
      const newTag = request.reference.tag;
      if (newTag === undefined) {
        problems.push(
          `Helm template "${template}": only tags can be set through Helm values; give "${request.input}" a tag.`,
        );
        continue;
      }
      if (current.tag === undefined) {
        problems.push(`Helm template "${template}" renders "${rendered}", which has no tag to replace.`);
        continue;
      }
      const tagEnd = rendered.length - (current.digest !== undefined ? current.digest.length + 1 : 0);
      const tagStart = tagEnd - current.tag.length;
      const span = spans.find((s) => s.start <= tagStart && tagEnd <= s.end);
      if (!span) {
        problems.push(
          `Helm template "${template}": the tag of "${rendered}" is not inside a single placeholder.`,
        );
        continue;
      }
      const file = files[span.resolved.fileIndex]!;
      const node = span.resolved.node;
      const oldValue = String(node.value);
      // A digest in the same value would keep pinning the old image, so it is dropped with the tag.
      const digestInSpan = current.digest !== undefined && span.end === rendered.length;
      const newValue =
        oldValue.slice(0, tagStart - span.start) +
        newTag +
        (digestInSpan ? "" : oldValue.slice(tagEnd - span.start));
      const after = rendered.slice(0, tagStart) + newTag + (digestInSpan ? "" : rendered.slice(tagEnd));
      const change: ImageChange = {
        line: lineOf(file.text, node.range?.[0] ?? 0),
        from: rendered,
        to: after,
        location: `${file.path} ${segments.filter((s) => "path" in s).length > 1 ? template : `.Values path in "${template}"`}`,
      };
      if (newValue === oldValue) {
        unchanged[span.resolved.fileIndex]!.push(change);
        continue;
      }
      if (!file.editable) {
        problems.push(
          `${file.path}: the tag of ${rendered} is set here, outside the source being updated; change it there.`,
        );
        continue;
      }
      try {
        const edit = replaceScalarEdit(node, newValue);
        if (!edits[span.resolved.fileIndex]!.has(edit.start)) {
          edits[span.resolved.fileIndex]!.set(edit.start, edit);
          changes[span.resolved.fileIndex]!.push(change);
        }
      } catch (error) {
        problems.push(`${file.path}:${change.line}: ${(error as Error).message}`);
      }
    }
  }

  const results = new Map<string, FileEditResult>();
  files.forEach((file, i) => {
    if (changes[i]!.length === 0 && unchanged[i]!.length === 0) return;
    results.set(file.path, {
      text: applyTextEdits(file.text, [...edits[i]!.values()]),
      changes: changes[i]!,
      unchanged: unchanged[i]!,
      problems: [],
    });
  });
  return { files: results, problems };
}

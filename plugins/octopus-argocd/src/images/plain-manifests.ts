/**
 * Updates container images in plain Kubernetes manifests (Argo CD "Directory" sources): the
 * `image` field of every item of `containers`, `initContainers` and `ephemeralContainers`, in
 * every document of a multi-document file, at any depth (Deployments, CronJob job templates, ...).
 */
import { isMap, isPair, isScalar, isSeq, visit } from "yaml";
import {
  formatImageReference,
  parseImageReference,
  sameImage,
  type ImageUpdateRequest,
} from "./image-reference.js";
import {
  lineOf,
  parseYamlDocuments,
  replaceScalarEdit,
  stringScalar,
  applyTextEdits,
  type TextEdit,
} from "./yaml-text-edits.js";

const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);

/** One image reference found (and possibly changed) in a file. */
export interface ImageChange {
  /** 1-based line of the value. */
  readonly line: number;
  readonly from: string;
  readonly to: string;
  /** Where it was found, e.g. `Deployment/checkout containers[0]` or `images[1].newTag`. */
  readonly location: string;
}

/** The outcome of editing one file. `text` equals the input when nothing changed. */
export interface FileEditResult {
  readonly text: string;
  /** Changed references (from != to). */
  readonly changes: readonly ImageChange[];
  /** References of requested images that already had the requested version. */
  readonly unchanged: readonly ImageChange[];
  /** Why a requested image could not be updated somewhere (e.g. a block scalar). */
  readonly problems: readonly string[];
}

/** The new reference text for `current` under `request`, keeping the current name's spelling. */
export function updatedReference(current: string, request: ImageUpdateRequest): string | undefined {
  const parsed = parseImageReference(current);
  if (!parsed || !sameImage(parsed, request.reference)) return undefined;
  const { tag, digest } = request.reference;
  return formatImageReference(parsed.name, tag ?? (digest !== undefined ? parsed.tag : undefined), digest);
}

/** Edits one manifest file. @throws Error when the file is not valid YAML. */
export function updatePlainManifest(
  source: string,
  fileName: string,
  requests: readonly ImageUpdateRequest[],
): FileEditResult {
  const edits: TextEdit[] = [];
  const changes: ImageChange[] = [];
  const unchanged: ImageChange[] = [];
  const problems: string[] = [];
  for (const doc of parseYamlDocuments(source, fileName)) {
    const kind = doc.get("kind");
    const name = doc.getIn(["metadata", "name"]);
    const resource =
      typeof kind === "string" ? `${kind}/${typeof name === "string" ? name : "?"}` : "document";
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair) || !isScalar(pair.key) || !CONTAINER_LISTS.has(String(pair.key.value))) return;
        if (!isSeq(pair.value)) return;
        const listName = String(pair.key.value);
        pair.value.items.forEach((item, index) => {
          if (!isMap(item)) return;
          const node = stringScalar(item.get("image", true));
          if (!node) return;
          for (const request of requests) {
            const next = updatedReference(node.value, request);
            if (next === undefined) continue;
            const change: ImageChange = {
              line: lineOf(source, node.range?.[0] ?? 0),
              from: node.value,
              to: next,
              location: `${resource} ${listName}[${index}]`,
            };
            if (next === node.value) {
              unchanged.push(change);
              continue;
            }
            try {
              edits.push(replaceScalarEdit(node, next));
              changes.push(change);
            } catch (error) {
              problems.push(`${fileName}:${change.line}: ${(error as Error).message}`);
            }
          }
        });
      },
    });
  }
  return { text: applyTextEdits(source, edits), changes, unchanged, problems };
}

/**
 * Updates the `images:` list of a kustomization file (kustomize's ImageTagTransformer):
 * each entry `{name, newName?, newTag?, digest?}` rewrites images called `name` to
 * `newName ?? name` with `newTag`, or with `digest` (a digest wins over a tag). An entry matches a
 * requested image when its effective name (`newName ?? name`) is the same repository.
 *
 * Setting a tag sets `newTag` (added when absent) and removes a stale `digest` (which would
 * otherwise win); setting a digest sets `digest` and leaves `newTag` alone.
 */
import { isMap, isSeq, type Pair, type Scalar, type YAMLMap } from "yaml";
import { parseImageReference, sameImage, type ImageUpdateRequest } from "./image-reference.js";
import type { FileEditResult, ImageChange } from "./plain-manifests.js";
import {
  applyTextEdits,
  columnOf,
  lineOf,
  parseYamlDocuments,
  replaceScalarEdit,
  stringScalar,
  yamlStringScalar,
  type TextEdit,
} from "./yaml-text-edits.js";

/** File names kustomize looks for, in its order. */
export const KUSTOMIZATION_FILE_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"] as const;

/** Edits one kustomization file. @throws Error when the file is not valid YAML. */
export function updateKustomizationImages(
  source: string,
  fileName: string,
  requests: readonly ImageUpdateRequest[],
): FileEditResult {
  const edits: TextEdit[] = [];
  const changes: ImageChange[] = [];
  const unchanged: ImageChange[] = [];
  const problems: string[] = [];
  const doc = parseYamlDocuments(source, fileName)[0];
  const images = doc?.get("images", true);
  if (!doc || !isSeq(images)) return { text: source, changes, unchanged, problems };

  images.items.forEach((item, index) => {
    if (!isMap(item)) return;
    const name = stringScalar(item.get("name", true));
    if (!name) return;
    const newName = stringScalar(item.get("newName", true));
    const effective = parseImageReference(newName?.value ?? name.value);
    if (!effective) return;
    for (const request of requests) {
      if (!sameImage(effective, request.reference)) continue;
      const line = lineOf(source, name.range?.[0] ?? 0);
      const before = describe(item);
      const entryEdits = entryUpdateEdits(source, item, request);
      if (typeof entryEdits === "string") {
        problems.push(`${fileName}:${line}: ${entryEdits}`);
        continue;
      }
      const after = describeAfter(item, request);
      const change: ImageChange = {
        line,
        from: before,
        to: after,
        location: `images[${index}] (${name.value})`,
      };
      if (entryEdits.length === 0) unchanged.push(change);
      else {
        edits.push(...entryEdits);
        changes.push(change);
      }
    }
  });
  return { text: applyTextEdits(source, edits), changes, unchanged, problems };
}

/** The edits for one entry, or a string saying why it cannot be edited in place. */
function entryUpdateEdits(source: string, entry: YAMLMap, request: ImageUpdateRequest): TextEdit[] | string {
  const { tag, digest } = request.reference;
  const edits: TextEdit[] = [];
  const additions: string[] = [];
  const set = (key: "newTag" | "digest", value: string) => {
    const node = entry.get(key, true) as Scalar | undefined;
    if (node === undefined) additions.push(`${key}: ${yamlStringScalar(value)}`);
    else if (String(node.value) !== value) edits.push(replaceScalarEdit(node as Scalar, value));
  };
  if (tag !== undefined) set("newTag", tag);
  if (digest !== undefined) set("digest", digest);
  let removed: Pair | undefined;
  if (tag !== undefined && digest === undefined) {
    removed = entry.items.find((p) => (p.key as Scalar | undefined)?.value === "digest");
    if (removed) {
      const removal = removePairEdit(source, removed);
      if (!removal)
        return "cannot remove the stale digest from a flow-style entry; rewrite it in block style";
      edits.push(removal);
    }
  }
  if (additions.length > 0) {
    if (entry.flow) return "cannot add keys to a flow-style entry ({...}); rewrite it in block style";
    // Insert after the last pair that stays, so the insertion never overlaps the removal.
    const kept = entry.items.filter((p) => p !== removed);
    const last = kept[kept.length - 1];
    const firstKey = entry.items[0]?.key as Scalar | undefined;
    const end =
      (last?.value as Scalar | undefined)?.range?.[1] ?? (last?.key as Scalar | undefined)?.range?.[1];
    if (end === undefined || !firstKey?.range) return "cannot locate the entry in the file";
    const indent = " ".repeat(columnOf(source, firstKey.range[0]));
    edits.push({ start: end, end, text: additions.map((a) => `\n${indent}${a}`).join("") });
  }
  return edits;
}

/** Removes a whole `key: value` line of a block map; undefined for flow maps or multi-line pairs. */
function removePairEdit(source: string, pair: Pair): TextEdit | undefined {
  const keyRange = (pair.key as Scalar | undefined)?.range;
  const valueRange = (pair.value as Scalar | undefined)?.range;
  if (!keyRange || !valueRange) return undefined;
  const lineStart = source.lastIndexOf("\n", keyRange[0] - 1) + 1;
  // Only a pair alone on its line (not the `- key:` line opening the item) is removed.
  if (source.slice(lineStart, keyRange[0]).trim() !== "") return undefined;
  const lineEnd = source.indexOf("\n", valueRange[1]);
  if (source.slice(keyRange[0], lineEnd === -1 ? source.length : lineEnd).includes("{")) return undefined;
  return { start: lineStart, end: lineEnd === -1 ? source.length : lineEnd + 1, text: "" };
}

function describe(entry: YAMLMap): string {
  const get = (k: string) => stringValue(entry.get(k));
  const name = get("newName") ?? get("name") ?? "?";
  return `${name}${get("newTag") !== undefined ? `:${get("newTag")}` : ""}${get("digest") !== undefined ? `@${get("digest")}` : ""}`;
}

function describeAfter(entry: YAMLMap, request: ImageUpdateRequest): string {
  const get = (k: string) => stringValue(entry.get(k));
  const name = get("newName") ?? get("name") ?? "?";
  const { tag, digest } = request.reference;
  const newTag = tag ?? get("newTag");
  const newDigest = digest ?? (tag !== undefined ? undefined : get("digest"));
  return `${name}${newTag !== undefined ? `:${newTag}` : ""}${newDigest !== undefined ? `@${newDigest}` : ""}`;
}

function stringValue(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

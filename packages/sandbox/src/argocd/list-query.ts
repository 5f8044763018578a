import { invalidArgument } from "./api-error.js";
import { isRecord } from "./manifest-render.js";

/** One requirement of a Kubernetes label selector. */
type Requirement =
  | { key: string; op: "=" | "!="; value: string }
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "!exists" };

const KEY_RE =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/**
 * Parses a Kubernetes label selector (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`,
 * comma-separated), the only selector Argo CD's list accepts (argocd.md §2).
 *
 * @returns a predicate over a labels map.
 * @throws ArgoApiError InvalidArgument (HTTP 400) naming the offending requirement.
 */
export function parseLabelSelector(
  selector: string,
): (labels: Record<string, string> | undefined) => boolean {
  const requirements: Requirement[] = [];
  for (const part of splitTopLevel(selector)) {
    const text = part.trim();
    if (text === "") continue;
    let m: RegExpExecArray | null;
    let req: Requirement;
    if ((m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(text))) {
      const values = (m[3] ?? "")
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v !== "");
      req = { key: m[1] ?? "", op: m[2] as "in" | "notin", values };
      for (const v of values) checkValue(v, text);
    } else if ((m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(text))) {
      req = { key: m[1] ?? "", op: m[2] === "!=" ? "!=" : "=", value: m[3] ?? "" };
      checkValue(req.value, text);
    } else if ((m = /^!\s*(\S+)$/.exec(text))) {
      req = { key: m[1] ?? "", op: "!exists" };
    } else if (/^\S+$/.test(text)) {
      req = { key: text, op: "exists" };
    } else {
      throw invalidArgument(`error parsing labelSelector: unable to parse requirement: "${text}"`);
    }
    if (!KEY_RE.test(req.key) || req.key.length > 316) {
      throw invalidArgument(
        `error parsing labelSelector: unable to parse requirement: invalid label key "${req.key}"`,
      );
    }
    requirements.push(req);
  }
  return (labels) =>
    requirements.every((r) => {
      const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
      const v = has ? labels[r.key] : undefined;
      switch (r.op) {
        case "=":
          return has && v === r.value;
        case "!=":
          return !has || v !== r.value;
        case "in":
          return has && r.values.includes(v ?? "");
        case "notin":
          return !has || !r.values.includes(v ?? "");
        case "exists":
          return has;
        case "!exists":
          return !has;
      }
    });
}

function checkValue(value: string, text: string): void {
  if (!VALUE_RE.test(value) || value.length > 63) {
    throw invalidArgument(
      `error parsing labelSelector: unable to parse requirement: invalid label value "${value}" in "${text}"`,
    );
  }
}

/** Splits on commas outside parentheses. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")") depth--;
    else if (s[i] === "," && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/**
 * The field paths the list endpoint's `fields` parameter can select or exclude (argocd.md §3; Argo CD
 * `pkg/apiclient/application/forwarder_overwrite.go`), without the `items.` prefix.
 */
export const SELECTABLE_APPLICATION_FIELDS: readonly string[] = [
  "metadata.name",
  "metadata.namespace",
  "metadata.annotations",
  "metadata.labels",
  "metadata.creationTimestamp",
  "metadata.deletionTimestamp",
  "spec",
  "spec.destination",
  "spec.project",
  "spec.source",
  "spec.sources",
  "spec.sourceHydrator",
  "spec.syncPolicy",
  "status.summary",
  "status.sync.status",
  "status.sync.revision",
  "status.health",
  "status.resources",
  "status.sourceHydrator",
  "status.operationState.startedAt",
  "status.operationState.finishedAt",
  "status.operationState.phase",
  "status.operationState.operation.sync",
  "operation.sync",
];

/**
 * Applies the `fields` parameter to list items: `items.a.b,items.c` keeps only those paths; a leading
 * `-` (`-items.a,items.b`) removes them instead. Paths outside {@link SELECTABLE_APPLICATION_FIELDS} are
 * ignored, as Argo CD does. An empty parameter returns the items unchanged.
 *
 * @returns new item objects (the inputs are not modified).
 */
export function applyFieldsParameter(
  items: readonly Record<string, unknown>[],
  fields: string,
): Record<string, unknown>[] {
  let raw = fields.trim();
  if (raw === "") return [...items];
  const exclude = raw.startsWith("-");
  if (exclude) raw = raw.slice(1);
  const paths = raw
    .split(",")
    .map((f) => f.trim().replace(/^-/, ""))
    .filter((f) => f.startsWith("items."))
    .map((f) => f.slice("items.".length))
    .filter((f) => SELECTABLE_APPLICATION_FIELDS.includes(f));
  return items.map((item) => (exclude ? withoutPaths(item, paths) : onlyPaths(item, paths)));
}

function onlyPaths(item: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of paths) {
    const keys = p.split(".");
    let src: unknown = item;
    for (const k of keys) src = isRecord(src) ? src[k] : undefined;
    if (src === undefined) continue;
    let dst = out;
    for (const k of keys.slice(0, -1)) {
      if (!isRecord(dst[k])) dst[k] = {};
      dst = dst[k] as Record<string, unknown>;
    }
    dst[keys[keys.length - 1] ?? p] = structuredClone(src);
  }
  return out;
}

function withoutPaths(item: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const out = structuredClone(item);
  for (const p of paths) {
    const keys = p.split(".");
    let parent: unknown = out;
    for (const k of keys.slice(0, -1)) parent = isRecord(parent) ? parent[k] : undefined;
    if (isRecord(parent)) delete parent[keys[keys.length - 1] ?? p];
  }
  return out;
}

/** Argo CD's repo URL normalisation for the `repo` filter: case-insensitive, no trailing `/` or `.git`. */
export function normalizeRepoUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/\/+$/, "")
    .replace(/\.git$/, "");
}

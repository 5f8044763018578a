import path from "node:path/posix";
import { createRequire } from "node:module";
import type * as YamlModule from "yaml";
import type { ApplicationSource, K8sObject, SourceType } from "./types.js";

let yamlModule: typeof YamlModule | undefined;
/** `yaml` is loaded on first use (~60 ms): manifests are only parsed after the sandbox has started listening. */
function yaml(): typeof YamlModule {
  return (yamlModule ??= createRequire(import.meta.url)("yaml") as typeof YamlModule);
}

/** Manifest generation failed (bad YAML, missing file, unsupported template): Argo's `ComparisonError`. */
export class ManifestRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ManifestRenderError";
  }
}

/** What one application source renders to. */
export interface RenderedSource {
  sourceType: SourceType;
  objects: K8sObject[];
}

/** The read access rendering needs to a commit's files (a `TreeSnapshot` or a recording view of one). */
export interface FileSource {
  has(file: string): boolean;
  get(file: string): string | undefined;
  keys(): IterableIterator<string>;
}

/** Context a source renders in: the app (release name, namespace) and the snapshots of `ref` sources. */
export interface RenderContext {
  appName: string;
  namespace: string;
  /** `ref` name -> files of that source's revision (for `$ref/...` Helm value files). */
  refs: ReadonlyMap<string, FileSource>;
}

/**
 * Renders one application source from a commit's files, the way Argo CD's repo server would for the
 * manifests this sandbox writes: a directory of YAML, a Kustomize tree (`resources`, `images`,
 * `replicas`, `namespace`, `namePrefix`, `commonLabels`) or a Helm chart whose templates only use
 * `{{ .Values.a.b }}`, `{{ .Release.Name|Namespace }}`, `{{ .Chart.Name|Version }}` and
 * `{{- if .Values.x }} … {{- end }}` blocks (a deliberate subset of Go templates, documented in SEED.md).
 *
 * A `ref`-only source (no path) renders nothing and reports `Directory`.
 *
 * @throws ManifestRenderError when the path is missing or a file cannot be parsed or rendered.
 */
export function renderSource(
  files: FileSource,
  source: ApplicationSource,
  ctx: RenderContext,
): RenderedSource {
  if (source.path === undefined || source.path === "") {
    if (source.ref) return { sourceType: "Directory", objects: [] };
    throw new ManifestRenderError("application source has neither path nor chart");
  }
  const dir = normalizeDir(source.path);
  const has = (name: string): boolean => files.has(dir === "" ? name : `${dir}/${name}`);
  if (![...files.keys()].some((f) => f.startsWith(dir === "" ? "" : `${dir}/`))) {
    throw new ManifestRenderError(`${source.path}: app path does not exist`);
  }
  let sourceType: SourceType;
  let objects: K8sObject[];
  if (has("Chart.yaml")) {
    sourceType = "Helm";
    objects = renderHelm(files, dir, source, ctx);
  } else if (has("kustomization.yaml")) {
    sourceType = "Kustomize";
    objects = renderKustomize(files, dir, new Set());
    const k = source.kustomize;
    if (k?.images) applyImages(objects, k.images.map(parseKustomizeImageOverride));
  } else {
    sourceType = "Directory";
    objects = [...files.keys()]
      .filter((f) => path.dirname(f) === (dir === "" ? "." : dir) && /\.(ya?ml|json)$/.test(f))
      .sort((a, b) => a.localeCompare(b))
      .flatMap((f) => parseManifests(f, read(files, f)));
  }
  for (const o of objects) {
    if (o.metadata.namespace === undefined && !CLUSTER_SCOPED.has(o.kind))
      o.metadata.namespace = ctx.namespace;
    o.metadata.labels = { ...o.metadata.labels, "app.kubernetes.io/instance": ctx.appName };
  }
  return { sourceType, objects };
}

/** Container images of a workload object (pod templates, CronJobs, bare Pods), in container order. */
export function imagesOf(o: K8sObject): string[] {
  return podSpecOf(o).flatMap((spec) =>
    [...asArray(spec["initContainers"]), ...asArray(spec["containers"])]
      .map((c) => (isRecord(c) && typeof c["image"] === "string" ? c["image"] : undefined))
      .filter((i): i is string => i !== undefined),
  );
}

const CLUSTER_SCOPED = new Set([
  "Namespace",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
]);

function normalizeDir(p: string): string {
  const n = path.normalize(p.replace(/^\.?\/+/, "")).replace(/\/+$/, "");
  return n === "." ? "" : n;
}

function join(dir: string, file: string): string {
  return normalizeDir(path.join(dir, file));
}

function read(files: FileSource, file: string): string {
  const text = files.get(file);
  if (text === undefined) throw new ManifestRenderError(`${file}: no such file in repository`);
  return text;
}

/** Parsed YAML by file content: the same files recur across commits and apps, and parsing dominates rendering. */
const parsedManifests = new Map<string, K8sObject[]>();
const parsedValues = new Map<string, unknown>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= 20_000) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Parses a YAML document (cached by content; returns a fresh copy the caller may modify).
 *
 * @throws ManifestRenderError naming `file` when the YAML is invalid.
 */
function parseYamlCached(file: string, text: string): unknown {
  if (parsedValues.has(text)) return structuredClone(parsedValues.get(text));
  let value: unknown;
  try {
    value = yaml().parse(text) as unknown;
  } catch (error) {
    throw new ManifestRenderError(`${file}: ${(error as Error).message}`);
  }
  return structuredClone(remember(parsedValues, text, value));
}

function parseManifests(file: string, text: string): K8sObject[] {
  const cached = parsedManifests.get(text);
  if (cached) return structuredClone(cached);
  return structuredClone(remember(parsedManifests, text, parseManifestsUncached(file, text)));
}

function parseManifestsUncached(file: string, text: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const doc of yaml().parseAllDocuments(text)) {
    if (doc.errors.length > 0)
      throw new ManifestRenderError(`${file}: ${doc.errors[0]?.message ?? "invalid YAML"}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isRecord(value) || typeof value["kind"] !== "string" || !isRecord(value["metadata"])) {
      throw new ManifestRenderError(
        `${file}: not a Kubernetes object (needs apiVersion, kind, metadata.name)`,
      );
    }
    out.push(value as unknown as K8sObject);
  }
  return out;
}

function renderKustomize(files: FileSource, dir: string, seen: Set<string>): K8sObject[] {
  if (seen.has(dir)) throw new ManifestRenderError(`${dir}: kustomization cycle`);
  seen.add(dir);
  const file = join(dir, "kustomization.yaml");
  const k = parseYamlCached(file, read(files, file)) as Record<string, unknown> | null;
  if (!isRecord(k)) throw new ManifestRenderError(`${file}: not a kustomization`);
  const objects: K8sObject[] = [];
  for (const entry of asArray(k["resources"])) {
    if (typeof entry !== "string")
      throw new ManifestRenderError(`${file}: resources entries must be strings`);
    const target = join(dir, entry);
    if (files.has(join(target, "kustomization.yaml"))) objects.push(...renderKustomize(files, target, seen));
    else objects.push(...parseManifests(target, read(files, target)));
  }
  if (typeof k["namePrefix"] === "string")
    for (const o of objects) o.metadata.name = k["namePrefix"] + o.metadata.name;
  if (typeof k["namespace"] === "string") for (const o of objects) o.metadata.namespace = k["namespace"];
  if (isRecord(k["commonLabels"])) {
    for (const o of objects)
      o.metadata.labels = { ...o.metadata.labels, ...(k["commonLabels"] as Record<string, string>) };
  }
  for (const r of asArray(k["replicas"]).filter(isRecord)) {
    for (const o of objects) {
      if (o.metadata.name === r["name"] && isRecord(o["spec"])) o["spec"]["replicas"] = Number(r["count"]);
    }
  }
  applyImages(
    objects,
    asArray(k["images"])
      .filter(isRecord)
      .map((i) => ({
        name: String(i["name"] ?? ""),
        ...(typeof i["newName"] === "string" ? { newName: i["newName"] } : {}),
        ...(i["newTag"] !== undefined ? { newTag: String(i["newTag"]) } : {}),
      })),
  );
  return objects;
}

interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
}

/** `kustomize edit set image` syntax used by `spec.source.kustomize.images`: `name=newName:tag` or `name:tag`. */
function parseKustomizeImageOverride(spec: string): ImageOverride {
  const [name = "", target = spec] = spec.includes("=") ? spec.split("=", 2) : [splitImage(spec).name, spec];
  const parsed = splitImage(target);
  return { name, newName: parsed.name, ...(parsed.tag !== undefined ? { newTag: parsed.tag } : {}) };
}

function splitImage(image: string): { name: string; tag?: string } {
  const slash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  return colon > slash ? { name: image.slice(0, colon), tag: image.slice(colon + 1) } : { name: image };
}

function applyImages(objects: K8sObject[], overrides: ImageOverride[]): void {
  if (overrides.length === 0) return;
  for (const o of objects) {
    for (const spec of podSpecOf(o)) {
      for (const c of [...asArray(spec["initContainers"]), ...asArray(spec["containers"])]) {
        if (!isRecord(c) || typeof c["image"] !== "string") continue;
        const current = splitImage(c["image"]);
        const rule = overrides.find((r) => r.name === current.name);
        if (!rule) continue;
        const tag = rule.newTag ?? current.tag;
        c["image"] = `${rule.newName ?? current.name}${tag !== undefined ? `:${tag}` : ""}`;
      }
    }
  }
}

function renderHelm(
  files: FileSource,
  dir: string,
  source: ApplicationSource,
  ctx: RenderContext,
): K8sObject[] {
  const chart = parseYamlCached(join(dir, "Chart.yaml"), read(files, join(dir, "Chart.yaml"))) as Record<
    string,
    unknown
  > | null;
  if (!isRecord(chart)) throw new ManifestRenderError(`${join(dir, "Chart.yaml")}: invalid chart`);
  let values: Record<string, unknown> = {};
  const defaults = files.get(join(dir, "values.yaml"));
  if (defaults !== undefined) values = deepMerge(values, parseValues(join(dir, "values.yaml"), defaults));
  for (const valueFile of source.helm?.valueFiles ?? []) {
    let text: string | undefined;
    let where = valueFile;
    const refMatch = /^\$([^/]+)\/(.*)$/.exec(valueFile);
    if (refMatch) {
      const refFiles = ctx.refs.get(refMatch[1] ?? "");
      if (!refFiles) throw new ManifestRenderError(`${valueFile}: no source with ref '${refMatch[1] ?? ""}'`);
      where = normalizeDir(refMatch[2] ?? "");
      text = refFiles.get(where);
    } else {
      where = join(dir, valueFile);
      text = files.get(where);
    }
    if (text === undefined) {
      if (source.helm?.ignoreMissingValueFiles) continue;
      throw new ManifestRenderError(`Error: open ${where}: no such file or directory`);
    }
    values = deepMerge(values, parseValues(where, text));
  }
  for (const p of source.helm?.parameters ?? []) setPath(values, p.name, p.value);
  if (source.helm?.values) values = deepMerge(values, parseValues("helm.values", source.helm.values));
  const scope = {
    Values: values,
    Release: { Name: source.helm?.releaseName ?? ctx.appName, Namespace: ctx.namespace },
    Chart: { Name: String(chart["name"] ?? ""), Version: String(chart["version"] ?? "") },
  };
  const prefix = join(dir, "templates") + "/";
  return [...files.keys()]
    .filter((f) => f.startsWith(prefix) && /\.ya?ml$/.test(f) && !path.basename(f).startsWith("_"))
    .sort((a, b) => a.localeCompare(b))
    .flatMap((f) => parseManifests(f, renderTemplate(f, read(files, f), scope)));
}

function parseValues(file: string, text: string): Record<string, unknown> {
  const v = parseYamlCached(file, text);
  if (v === null || v === undefined) return {};
  if (!isRecord(v)) throw new ManifestRenderError(`${file}: values must be a YAML mapping`);
  return v;
}

function renderTemplate(file: string, text: string, scope: Record<string, unknown>): string {
  const withBlocks = text.replace(
    /\{\{-?\s*if\s+(\.[A-Za-z0-9_.]+)\s*-?\}\}\n?([\s\S]*?)\{\{-?\s*end\s*-?\}\}\n?/g,
    (_m, expr: string, body: string) => (truthy(lookup(scope, expr)) ? body : ""),
  );
  return withBlocks.replace(/\{\{-?\s*([^}]*?)\s*-?\}\}/g, (_m, expr: string) => {
    if (!/^\.[A-Za-z0-9_.]+$/.test(expr)) {
      throw new ManifestRenderError(`template: ${file}: unsupported expression "{{ ${expr} }}"`);
    }
    const v = lookup(scope, expr);
    if (v === undefined || v === null) return "";
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  });
}

function lookup(scope: Record<string, unknown>, expr: string): unknown {
  let cur: unknown = scope;
  for (const key of expr.slice(1).split(".")) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function truthy(v: unknown): boolean {
  return !(v === undefined || v === null || v === false || v === "" || v === 0);
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split(".");
  let cur = target;
  for (const key of keys.slice(0, -1)) {
    if (!isRecord(cur[key])) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1] ?? dotted] = value;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isRecord(b) && isRecord(v) ? deepMerge(b, v) : v;
  }
  return out;
}

function podSpecOf(o: K8sObject): Record<string, unknown>[] {
  const spec = o["spec"];
  if (!isRecord(spec)) return [];
  if (o.kind === "Pod") return [spec];
  if (o.kind === "CronJob") {
    const job = spec["jobTemplate"];
    const inner = isRecord(job) && isRecord(job["spec"]) ? job["spec"]["template"] : undefined;
    return isRecord(inner) && isRecord(inner["spec"]) ? [inner["spec"]] : [];
  }
  const template = spec["template"];
  return isRecord(template) && isRecord(template["spec"]) ? [template["spec"]] : [];
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

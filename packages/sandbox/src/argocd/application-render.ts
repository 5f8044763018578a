import type { ManifestRepository, TreeSnapshot } from "../git/manifest-repository.js";
import { type FileSource, ManifestRenderError, imagesOf, renderSource } from "./manifest-render.js";
import type { ApplicationSource, ApplicationSpec, K8sObject, SourceType } from "./types.js";

/** All sources of a spec as a list (a single `source` normalised into a one-element list). */
export function sourcesOf(spec: ApplicationSpec): ApplicationSource[] {
  return spec.sources ?? (spec.source ? [spec.source] : []);
}

/** The desired state of an application at given per-source revisions. */
export interface AppRender {
  /** Commit SHA per source, in source order. */
  revisions: string[];
  sourceTypes: SourceType[];
  objects: K8sObject[];
}

/** Stable identity of a Kubernetes object within an app: `group/kind/namespace/name`. */
export function objectKey(o: {
  apiVersion?: string;
  group?: string;
  kind: string;
  metadata?: { name: string; namespace?: string };
  name?: string;
  namespace?: string;
}): string {
  const group = o.group ?? groupOf(o.apiVersion ?? "");
  const name = o.metadata?.name ?? o.name ?? "";
  const namespace = o.metadata?.namespace ?? o.namespace ?? "";
  return `${group}/${o.kind}/${namespace}/${name}`;
}

/** API group of an `apiVersion` (`apps/v1` -> `apps`, `v1` -> ``). */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
}

/** API version of an `apiVersion` (`apps/v1` -> `v1`). */
export function versionOf(apiVersion: string): string {
  return apiVersion.includes("/") ? apiVersion.slice(apiVersion.indexOf("/") + 1) : apiVersion;
}

/** Sorted, de-duplicated images of a set of objects (`status.summary.images`). */
export function imagesOfAll(objects: readonly K8sObject[]): string[] {
  return [...new Set(objects.flatMap(imagesOf))].sort();
}

/** Content fingerprints of rendered objects (rendered objects are never modified after rendering). */
const fingerprints = new WeakMap<object, string>();
function fingerprint(o: K8sObject): string {
  let f = fingerprints.get(o);
  if (f === undefined) {
    f = stableJson(o);
    fingerprints.set(o, f);
  }
  return f;
}

/** Whether two rendered states are the same (order-insensitive, by content). */
export function sameObjects(a: readonly K8sObject[], b: readonly K8sObject[]): boolean {
  if (a.length !== b.length) return false;
  if (a.every((o, i) => o === b[i])) return true;
  const index = new Map(a.map((o) => [objectKey(o), fingerprint(o)]));
  return b.every((o) => index.get(objectKey(o)) === fingerprint(o));
}

/** JSON with sorted keys, for content comparison. */
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)),
        )
      : value,
  );
}

/** What a render read from one commit: file contents (undefined = absent) and whether it listed files. */
interface ReadSet {
  files: Map<string, string | undefined>;
  listed: boolean;
}

/** A view of a snapshot that records what rendering reads, so an unchanged input can be recognised later. */
class RecordingFiles implements FileSource {
  constructor(
    private readonly snapshot: TreeSnapshot,
    private readonly reads: ReadSet,
  ) {}
  has(file: string): boolean {
    return this.get(file) !== undefined;
  }
  get(file: string): string | undefined {
    const text = this.snapshot.get(file);
    this.reads.files.set(file, text);
    return text;
  }
  keys(): IterableIterator<string> {
    this.reads.listed = true;
    return this.snapshot.keys();
  }
}

const listings = new WeakMap<TreeSnapshot, string>();
function listingOf(snapshot: TreeSnapshot): string {
  let l = listings.get(snapshot);
  if (l === undefined) {
    l = [...snapshot.keys()].sort().join("\n");
    listings.set(snapshot, l);
  }
  return l;
}

/**
 * Renders an application's sources at the given revisions (one SHA per source), resolving `$ref` value
 * files against the `ref` sources' revisions. Results are cached per app and revision set; when a new
 * commit left every file a render read unchanged, the previous result is reused (so a commit to one app's
 * path re-renders only that app).
 */
export class ApplicationRenderer {
  private readonly cache = new Map<string, Promise<AppRender>>();
  private readonly lastRead = new Map<string, { render: AppRender; reads: Map<string, ReadSet> }>();

  constructor(private readonly repo: ManifestRepository) {}

  /**
   * @throws ManifestRenderError when a source cannot be rendered; GitCommandError for an unknown SHA.
   */
  render(appName: string, spec: ApplicationSpec, revisions: readonly string[]): Promise<AppRender> {
    const key = `${appName}\0${spec.destination.namespace}\0${revisions.join(",")}`;
    let cached = this.cache.get(key);
    if (!cached) {
      cached = this.renderUncached(appName, spec, revisions);
      cached.catch(() => undefined);
      if (this.cache.size > 5000) this.cache.clear();
      this.cache.set(key, cached);
    }
    return cached;
  }

  /** Forgets cached renders of an app (`refresh=hard`). */
  invalidate(appName: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${appName}\0`)) this.cache.delete(key);
    for (const key of this.lastRead.keys()) if (key.startsWith(`${appName}\0`)) this.lastRead.delete(key);
  }

  private async renderUncached(
    appName: string,
    spec: ApplicationSpec,
    revisions: readonly string[],
  ): Promise<AppRender> {
    const sources = sourcesOf(spec);
    const raw: TreeSnapshot[] = [];
    for (const [i] of sources.entries()) {
      const sha = revisions[i];
      if (sha === undefined) throw new ManifestRenderError(`no revision for source ${i + 1}`);
      raw.push(await this.repo.snapshot(sha));
    }
    const appKey = `${appName}\0${spec.destination.namespace}`;
    const previous = this.lastRead.get(appKey);
    if (previous && (await this.unchanged(previous, revisions))) {
      const render = { ...previous.render, revisions: [...revisions] };
      const rekeyed = new Map<string, ReadSet>();
      previous.render.revisions.forEach((oldSha, i) => {
        const set = previous.reads.get(oldSha);
        if (set) rekeyed.set(revisions[i] ?? "", set);
      });
      this.lastRead.set(appKey, { render, reads: rekeyed });
      return render;
    }
    const reads = new Map<string, ReadSet>();
    const snapshots: FileSource[] = raw.map((snap, i) => {
      const sha = revisions[i] ?? "";
      let set = reads.get(sha);
      if (!set) {
        set = { files: new Map(), listed: false };
        reads.set(sha, set);
      }
      return new RecordingFiles(snap, set);
    });
    const refs = new Map<string, FileSource>();
    sources.forEach((s, i) => {
      const snap = snapshots[i];
      if (s.ref && snap) refs.set(s.ref, snap);
    });
    const sourceTypes: SourceType[] = [];
    const objects: K8sObject[] = [];
    sources.forEach((s, i) => {
      const snap = snapshots[i] as FileSource;
      const rendered = renderSource(snap, s, { appName, namespace: spec.destination.namespace, refs });
      sourceTypes.push(rendered.sourceType);
      objects.push(...rendered.objects);
    });
    const render = { revisions: [...revisions], sourceTypes, objects };
    this.lastRead.set(appKey, { render, reads });
    return render;
  }

  /** Whether every file the previous render read (per source position) is the same at `revisions`. */
  private async unchanged(
    previous: { render: AppRender; reads: Map<string, ReadSet> },
    revisions: readonly string[],
  ): Promise<boolean> {
    if (previous.render.revisions.length !== revisions.length) return false;
    for (const [i, oldSha] of previous.render.revisions.entries()) {
      const newSha = revisions[i] ?? "";
      if (newSha === oldSha) continue;
      const set = previous.reads.get(oldSha);
      if (!set) return false;
      const next = await this.repo.snapshot(newSha);
      if (set.listed && listingOf(next) !== listingOf(await this.repo.snapshot(oldSha))) return false;
      for (const [file, text] of set.files) if (next.get(file) !== text) return false;
    }
    return true;
  }
}

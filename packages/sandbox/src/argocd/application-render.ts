import type { ManifestRepository, TreeSnapshot } from "../git/manifest-repository.js";
import { ManifestRenderError, imagesOf, renderSource } from "./manifest-render.js";
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

/** Whether two rendered states are the same (order-insensitive, by content). */
export function sameObjects(a: readonly K8sObject[], b: readonly K8sObject[]): boolean {
  if (a.length !== b.length) return false;
  const index = new Map(a.map((o) => [objectKey(o), stableJson(o)]));
  return b.every((o) => index.get(objectKey(o)) === stableJson(o));
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

/**
 * Renders an application's sources at the given revisions (one SHA per source), resolving `$ref` value
 * files against the `ref` sources' revisions. Results are cached per app and revision set.
 */
export class ApplicationRenderer {
  private readonly cache = new Map<string, Promise<AppRender>>();

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
  }

  private async renderUncached(
    appName: string,
    spec: ApplicationSpec,
    revisions: readonly string[],
  ): Promise<AppRender> {
    const sources = sourcesOf(spec);
    const snapshots: TreeSnapshot[] = [];
    for (const [i] of sources.entries()) {
      const sha = revisions[i];
      if (sha === undefined) throw new ManifestRenderError(`no revision for source ${i + 1}`);
      snapshots.push(await this.repo.snapshot(sha));
    }
    const refs = new Map<string, TreeSnapshot>();
    sources.forEach((s, i) => {
      const snap = snapshots[i];
      if (s.ref && snap) refs.set(s.ref, snap);
    });
    const sourceTypes: SourceType[] = [];
    const objects: K8sObject[] = [];
    sources.forEach((s, i) => {
      const snap = snapshots[i] as TreeSnapshot;
      const rendered = renderSource(snap, s, { appName, namespace: spec.destination.namespace, refs });
      sourceTypes.push(rendered.sourceType);
      objects.push(...rendered.objects);
    });
    return { revisions: [...revisions], sourceTypes, objects };
  }
}

/**
 * Compact, LLM-sized views of Argo CD applications. Raw Applications are huge (one `get` was
 * ~117 k characters, mostly `status.history` and `operationState`; argocd.md §4.1), so views keep
 * only what answers "what runs where, is it healthy, what would a deployment change".
 */
import { validateApplicationAnnotations } from "../annotations/annotation-validation.js";
import { readSourceScopes, type AnnotatedSource } from "../annotations/source-scope.js";
import type { ScopedApplication } from "../argocd/application-finder.js";
import type { ArgoApplication, ArgoApplicationSource } from "../argocd/types.js";

/** One row of `argocd_find_applications` (grouped by instance): 20 rows must fit in 3,000 characters. */
export interface MatchView {
  readonly name: string;
  readonly sync: string;
  readonly health: string;
  /** Health message, only when not Healthy. */
  readonly message?: string;
  /** Names (or `#index`) of the matched sources, only for multi-source applications. */
  readonly sources?: readonly string[];
  readonly images: readonly string[];
  /** Set when Octopus would reject the application (e.g. duplicate source names): the first error. */
  readonly invalid?: string;
}

/** Matches grouped by instance, instances in the order given. */
export function groupByInstance(
  matches: readonly ScopedApplication[],
): { instance: string; applications: MatchView[] }[] {
  const groups = new Map<string, MatchView[]>();
  for (const match of matches) {
    const list = groups.get(match.instance.name) ?? [];
    list.push(matchView(match));
    groups.set(match.instance.name, list);
  }
  return [...groups].map(([instance, applications]) => ({ instance, applications }));
}

export function sourceLabel(source: AnnotatedSource): string {
  return source.name ?? `#${source.index}`;
}

export function matchView(match: ScopedApplication): MatchView {
  const app = match.application;
  const health = app.status?.health?.status ?? "Unknown";
  const multi = (app.spec?.sources?.length ?? 0) > 1;
  const message = app.status?.health?.message;
  const error = validateApplicationAnnotations(app).find((f) => f.severity === "error");
  return {
    name: app.metadata?.name ?? "?",
    sync: app.status?.sync?.status ?? "Unknown",
    health,
    ...(health !== "Healthy" && message ? { message: truncate(message, 160) } : {}),
    ...(multi ? { sources: match.sources.map(sourceLabel) } : {}),
    images: [...(app.status?.summary?.images ?? [])],
    ...(error ? { invalid: truncate(error.message, 120) } : {}),
  };
}

/** A source as shown by get/preview: where it comes from and how it is rendered. */
export interface SourceView {
  readonly index: number;
  readonly name?: string;
  readonly repoURL?: string;
  readonly path?: string;
  readonly chart?: string;
  readonly ref?: string;
  readonly targetRevision: string;
  readonly type?: string;
  readonly helmValueFiles?: readonly string[];
  readonly kustomizeImages?: readonly string[];
  /** The Octopus scope the source is annotated with (absent when none). */
  readonly octopus?: { readonly project?: string; readonly environment?: string; readonly tenant?: string };
}

export function sourceView(app: ArgoApplication, source: AnnotatedSource): SourceView {
  const s: ArgoApplicationSource = source.source;
  const type = app.status?.sourceTypes?.[source.index];
  const scope = source.scope;
  return {
    index: source.index,
    ...(source.name !== undefined ? { name: source.name } : {}),
    ...(s.repoURL ? { repoURL: displayRepoUrl(s.repoURL) } : {}),
    ...(s.path ? { path: s.path } : {}),
    ...(s.chart ? { chart: s.chart } : {}),
    ...(s.ref ? { ref: s.ref } : {}),
    targetRevision: s.targetRevision || "HEAD",
    ...(type ? { type } : {}),
    ...(s.helm?.valueFiles?.length ? { helmValueFiles: [...s.helm.valueFiles] } : {}),
    ...(s.kustomize?.images?.length ? { kustomizeImages: [...s.kustomize.images] } : {}),
    ...(scope.project || scope.environment || scope.tenant ? { octopus: { ...scope } } : {}),
  };
}

/** `argocd_get_application` summary. */
export function applicationSummary(instance: string, app: ArgoApplication): Record<string, unknown> {
  const status = app.status ?? {};
  const op = status.operationState;
  const dest = app.spec?.destination;
  const conditions = (status.conditions ?? []).map((c) => ({
    type: c.type ?? "?",
    message: truncate(c.message ?? "", 300),
  }));
  return {
    instance,
    name: app.metadata?.name ?? "?",
    namespace: app.metadata?.namespace,
    project: app.spec?.project,
    destination: dest ? `${dest.name ?? dest.server ?? "?"}/${dest.namespace ?? ""}` : undefined,
    autoSync: Boolean(
      app.spec?.syncPolicy?.automated &&
      (app.spec.syncPolicy.automated as { enabled?: boolean }).enabled !== false,
    ),
    sync: {
      status: status.sync?.status ?? "Unknown",
      ...(status.sync?.revision ? { revision: status.sync.revision } : {}),
      ...(status.sync?.revisions?.length ? { revisions: status.sync.revisions } : {}),
    },
    health: {
      status: status.health?.status ?? "Unknown",
      ...(status.health?.message ? { message: truncate(status.health.message, 300) } : {}),
    },
    images: status.summary?.images ?? [],
    sources: readSourceScopes(app).map((s) => sourceView(app, s)),
    ...(op
      ? {
          lastOperation: {
            phase: op.phase,
            ...(op.message ? { message: truncate(op.message, 300) } : {}),
            ...(op.startedAt ? { startedAt: op.startedAt } : {}),
            ...(op.finishedAt ? { finishedAt: op.finishedAt } : {}),
            ...(op.syncResult?.revision ? { revision: op.syncResult.revision } : {}),
          },
        }
      : {}),
    ...(conditions.length ? { conditions } : {}),
    ...(status.reconciledAt ? { reconciledAt: status.reconciledAt } : {}),
  };
}

/** `detail: "full"` adds labels, annotations and the sync policy (never history, comparedTo or inline values). */
export function applicationFull(instance: string, app: ArgoApplication): Record<string, unknown> {
  return {
    ...applicationSummary(instance, app),
    labels: app.metadata?.labels ?? {},
    annotations: app.metadata?.annotations ?? {},
    syncPolicy: app.spec?.syncPolicy ?? null,
    resources:
      (app.status as { resources?: readonly Record<string, unknown>[] } | undefined)?.resources?.length ?? 0,
  };
}

/** A repository URL without user info (`https://user:token@host/x` -> `https://host/x`). */
export function displayRepoUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The GitOps image update: find the applications and sources a deployment to an Octopus scope
 * would update, edit their Git content (one shallow clone per repository+branch), and either
 * return the unified diff (dry run) or commit and push — to the target branch, or to a new branch
 * for a pull request. Mirrors Octopus's "Update Argo CD Application Image Tags" step.
 */
import {
  ConflictError,
  InvalidArgumentsError,
  UpstreamUnavailableError,
  type ToolCallContext,
} from "@octopus-mcp/core";
import { validateApplicationAnnotations } from "../annotations/annotation-validation.js";
import type { DeploymentScope } from "../annotations/scope-matching.js";
import type { AnnotatedSource } from "../annotations/source-scope.js";
import {
  findScopedApplications,
  type ScopedApplication,
  type UnavailableInstance,
} from "../argocd/application-finder.js";
import type { ArgoApplication } from "../argocd/types.js";
import { GitCommandError } from "../git/git-command.js";
import { resolveGitAuth } from "../git/git-credentials.js";
import { withGitWorkspace } from "../git/git-workspace.js";
import type { ImageUpdateRequest } from "../images/image-reference.js";
import { unifiedDiff } from "../images/unified-diff.js";
import { gitSettingsFor } from "../plugin-config.js";
import type { ArgoCdServices } from "../services.js";
import { displayRepoUrl, sourceLabel } from "../shaping/application-shaping.js";
import { commitMessage, pullRequestBranch } from "./commit-message.js";
import { editSource } from "./source-editor.js";

export interface ImageUpdateInput {
  readonly scope: DeploymentScope;
  readonly requests: readonly ImageUpdateRequest[];
  readonly dryRun: boolean;
  readonly instance?: string | undefined;
}

interface WorkItem {
  readonly match: ScopedApplication;
  readonly source: AnnotatedSource;
}

export interface SourceOutcome {
  readonly source: string;
  readonly kind: string;
  readonly changes: readonly {
    readonly file: string;
    readonly line: number;
    readonly from: string;
    readonly to: string;
  }[];
  readonly alreadyCurrent: number;
}

export interface CommitOutcome {
  readonly repoURL: string;
  /** The source's target branch. */
  readonly branch: string;
  /** Where the commit went: the target branch, or the pull-request branch. */
  readonly pushedTo?: string;
  readonly commit?: string;
  readonly message: string;
  readonly files: readonly string[];
}

export interface ImageUpdateOutcome {
  readonly dryRun: boolean;
  readonly mode: "direct" | "pull-request";
  readonly applications: readonly {
    readonly instance: string;
    readonly name: string;
    readonly sources: readonly SourceOutcome[];
  }[];
  readonly commits: readonly CommitOutcome[];
  readonly diff?: string;
  readonly diffTruncated?: boolean;
  readonly skipped: readonly { readonly instance: string; readonly name: string; readonly reason: string }[];
  readonly problems: readonly string[];
  readonly unavailable: readonly UnavailableInstance[];
  readonly next?: string;
}

const PUSH_ATTEMPTS = 2;

export async function updateImageTags(
  services: ArgoCdServices,
  context: ToolCallContext,
  input: ImageUpdateInput,
): Promise<ImageUpdateOutcome> {
  const git = gitSettingsFor(services.config, context.tenant);
  const instances = services.instances(context, input.instance);
  const search = await findScopedApplications(instances, input.scope, (i) => services.client(i, context));
  if (
    search.matches.length === 0 &&
    search.unavailable.length > 0 &&
    search.unavailable.length === instances.length
  ) {
    throw new UpstreamUnavailableError(
      `No Argo CD instance could be searched: ${search.unavailable.map((u) => u.message).join(" ")}`,
    );
  }

  const skipped: { instance: string; name: string; reason: string }[] = [];
  const groups = new Map<string, WorkItem[]>();
  for (const match of search.matches) {
    const errors = validateApplicationAnnotations(match.application).filter(
      (f) => f.rule === "duplicate-source-name",
    );
    if (errors.length) {
      skipped.push({
        instance: match.instance.name,
        name: appName(match.application),
        reason: `${errors[0]!.message} ${errors[0]!.fix}`,
      });
      continue;
    }
    for (const source of match.sources) {
      const repoURL = source.source.repoURL;
      if (!repoURL) continue;
      const key = `${repoURL}\n${source.source.targetRevision || "HEAD"}`;
      groups.set(key, [...(groups.get(key) ?? []), { match, source }]);
    }
  }
  if (groups.size === 0) {
    return {
      dryRun: input.dryRun,
      mode: git.mode,
      applications: [],
      commits: [],
      skipped,
      problems: [],
      unavailable: search.unavailable,
      next:
        search.matches.length === 0
          ? "No Argo CD application is annotated for this scope; argocd_validate_annotations finds mis-annotated ones."
          : "Nothing to update.",
    };
  }

  const outcomes = new Map<string, { instance: string; name: string; sources: SourceOutcome[] }>();
  const commits: CommitOutcome[] = [];
  const problems: string[] = [];
  const diffs: string[] = [];
  let done = 0;
  for (const [key, items] of groups) {
    const [cloneURL, revision] = key.split("\n") as [string, string];
    const repoURL = displayRepoUrl(cloneURL);
    await context.progress({
      progress: done++,
      total: groups.size,
      message: `Updating ${repoURL} (${revision})`,
    });
    const auth = await resolveGitAuth(context.tenant, services.credentials, cloneURL);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await withGitWorkspace(
          { repoURL: cloneURL, branch: revision, auth, signal: context.signal, timeoutMs: git.timeoutMs },
          async (ws) => {
            const originals = new Map<string, string>();
            const groupOutcomes: { item: WorkItem; outcome: SourceOutcome }[] = [];
            const groupProblems: string[] = [];
            for (const item of items) {
              const edit = await editSource(ws, item.match.application, item.source, input.requests);
              groupProblems.push(...edit.problems.map((p) => `${appName(item.match.application)}: ${p}`));
              for (const file of edit.files) {
                if (!originals.has(file.path)) originals.set(file.path, file.before);
                if (file.after !== file.before) await ws.writeText(file.path, file.after);
              }
              groupOutcomes.push({
                item,
                outcome: {
                  source: sourceLabel(item.source),
                  kind: edit.kind,
                  changes: edit.files.flatMap((f) =>
                    f.changes.map((c) => ({ file: f.path, line: c.line, from: c.from, to: c.to })),
                  ),
                  alreadyCurrent: edit.files.reduce((n, f) => n + f.unchanged.length, 0),
                },
              });
            }
            const changed: { path: string; before: string; after: string }[] = [];
            for (const [path, before] of originals) {
              const after = (await ws.readText(path)) ?? "";
              if (after !== before) changed.push({ path, before, after });
            }
            const apps = [
              ...new Set(items.map((i) => `${appName(i.match.application)} (${i.match.instance.name})`)),
            ];
            const message = commitMessage(
              input.requests,
              input.scope,
              apps,
              changed.map((c) => c.path),
            );
            let commit: CommitOutcome | undefined;
            if (changed.length > 0) {
              const diff = changed.map((c) => unifiedDiff(c.path, c.before, c.after)).join("");
              if (input.dryRun) {
                diffs.push(`# ${repoURL} (${ws.branch})\n${diff}`);
                commit = { repoURL, branch: ws.branch, message, files: changed.map((c) => c.path) };
              } else {
                const pushTo =
                  git.mode === "pull-request" ? pullRequestBranch(git.branchPrefix, input.scope) : ws.branch;
                const sha = await ws.commitAndPush(
                  changed.map((c) => c.path),
                  message,
                  { name: git.authorName, email: git.authorEmail },
                  pushTo,
                );
                commit = {
                  repoURL,
                  branch: ws.branch,
                  pushedTo: pushTo,
                  commit: sha,
                  message,
                  files: changed.map((c) => c.path),
                };
              }
            }
            return { groupOutcomes, groupProblems, commit };
          },
        );
        for (const { item, outcome } of result.groupOutcomes) {
          const id = `${item.match.instance.name}/${appName(item.match.application)}`;
          const entry = outcomes.get(id) ?? {
            instance: item.match.instance.name,
            name: appName(item.match.application),
            sources: [],
          };
          entry.sources.push(outcome);
          outcomes.set(id, entry);
        }
        problems.push(...result.groupProblems);
        if (result.commit) commits.push(result.commit);
        break;
      } catch (error) {
        if (error instanceof GitCommandError) {
          const rejected = /rejected|fetch first|non-fast-forward|failed to update ref/i.test(error.stderr);
          if (rejected && attempt < PUSH_ATTEMPTS) continue;
          if (rejected)
            throw new ConflictError(
              `The branch "${revision}" of ${repoURL} moved while pushing; retry the update.`,
              5,
            );
          throw new UpstreamUnavailableError(`Git operation on ${repoURL} failed: ${error.message}`);
        }
        if (error instanceof Error && error.message.includes("outside the repository")) {
          throw new InvalidArgumentsError(`${repoURL}: ${error.message}`);
        }
        throw error;
      }
    }
  }

  if (!input.dryRun && commits.length > 0)
    await refreshAffected(services, context, [...outcomes.values()], search.matches);
  const diff = diffs.join("\n");
  const maxDiff = services.config.limits.maxDiffChars;
  return {
    dryRun: input.dryRun,
    mode: git.mode,
    applications: [...outcomes.values()],
    commits,
    ...(input.dryRun
      ? {
          diff: diff.length > maxDiff ? diff.slice(0, maxDiff) : diff,
          ...(diff.length > maxDiff ? { diffTruncated: true } : {}),
        }
      : {}),
    skipped,
    problems,
    unavailable: search.unavailable,
    next: nextStep(input.dryRun, git.mode, commits),
  };
}

function nextStep(
  dryRun: boolean,
  mode: "direct" | "pull-request",
  commits: readonly CommitOutcome[],
): string {
  if (commits.length === 0)
    return "No file needed a change: the images already have the requested versions, or no reference was found (see problems).";
  if (dryRun) return "Dry run: nothing was committed. Call again with dryRun false to commit and push.";
  if (mode === "pull-request") {
    return `Pushed branch(es) ${commits.map((c) => c.pushedTo).join(", ")}: open a pull request into ${commits.map((c) => c.branch).join(", ")}. Argo CD changes nothing until it is merged.`;
  }
  return "Committed and pushed; the applications were refreshed. They show OutOfSync until synced (auto-sync, or argocd_sync_application).";
}

/** Asks Argo CD to re-compare the updated applications with Git now (best effort). */
async function refreshAffected(
  services: ArgoCdServices,
  context: ToolCallContext,
  apps: readonly { instance: string; name: string }[],
  matches: readonly ScopedApplication[],
): Promise<void> {
  await Promise.allSettled(
    apps.map(async (a) => {
      const match = matches.find((m) => m.instance.name === a.instance && appName(m.application) === a.name);
      if (!match) return;
      await services
        .client(match.instance, context)
        .getApplication({ name: a.name, appNamespace: match.application.metadata?.namespace }, "normal");
    }),
  );
}

function appName(app: ArgoApplication): string {
  return app.metadata?.name ?? "?";
}

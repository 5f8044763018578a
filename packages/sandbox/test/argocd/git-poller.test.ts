// The background git poller: a commit is noticed without any API request (an auto-sync app syncs on its
// own), and stop() ends the polling.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApplicationStore } from "../../src/argocd/application-store.js";
import { runGit } from "../../src/git/git-cli.js";
import { type ArgoHarness, eventually, startArgoHarness } from "./argocd-harness.js";

let h: ArgoHarness | undefined;
let cloneDir: string | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.stop();
  if (cloneDir) await rm(cloneDir, { recursive: true, force: true });
  h = undefined;
  cloneDir = undefined;
});

async function pushAddonsBump(harness: ArgoHarness): Promise<string> {
  cloneDir = await mkdtemp(path.join(tmpdir(), "argocd-poller-clone-"));
  const clone = path.join(cloneDir, "gitops");
  await runGit(["clone", "-q", harness.argo.git.url, clone], { cwd: cloneDir });
  const file = path.join(clone, "platform/cluster-addons/non-prod/kustomization.yaml");
  await writeFile(file, (await readFile(file, "utf8")).replace('newTag: "1.31.3"', 'newTag: "1.32.0"'));
  await runGit(["commit", "-q", "-am", "cluster-addons: 1.32.0 to non-prod"], { cwd: clone });
  await runGit(["push", "-q", "origin", "HEAD:main"], { cwd: clone });
  return (await runGit(["rev-parse", "HEAD"], { cwd: clone })).trim();
}

type App = {
  status: {
    sync: { status: string; revision: string };
    summary: { images: string[] };
    operationState?: { phase: string; operation: { initiatedBy: { automated?: boolean } } };
  };
};

describe("git poller", () => {
  it("notices a new commit without any request: the auto-sync app syncs on its own", async () => {
    const autoSyncs: string[] = [];
    const startSync = ApplicationStore.prototype.startSync;
    vi.spyOn(ApplicationStore.prototype, "startSync").mockImplementation(function (
      this: ApplicationStore,
      app,
      request,
      username,
      automated,
    ) {
      if (automated) autoSyncs.push(app.bp.name);
      return startSync.call(this, app, request, username, automated);
    });
    h = await startArgoHarness({ gitPollMs: 20, syncStepMs: 5 });
    await h.argo.ready;
    const sha = await pushAddonsBump(h);
    // No API request from here until the poller has started the automated sync.
    await eventually(
      async () => (autoSyncs.includes("cluster-addons-non-prod") ? true : undefined),
      2000,
      10,
    );
    const main = h.main;
    const synced = await eventually(async () => {
      const r = await h?.call(main, "/api/v1/applications/cluster-addons-non-prod");
      const app = r?.body as App | undefined;
      return app?.status.operationState?.phase === "Succeeded" && app.status.sync.revision === sha
        ? app
        : undefined;
    });
    expect(synced.status.sync.status).toBe("Synced");
    expect(synced.status.operationState?.operation.initiatedBy).toEqual({ automated: true });
    expect(synced.status.summary.images).toEqual(["ghcr.io/octo-platform/cluster-addons:1.32.0"]);
  });

  it("does not poll when gitPollMs is 0, and stops polling on stop()", async () => {
    const polls = vi.spyOn(ApplicationStore.prototype, "refreshAll");
    h = await startArgoHarness({ gitPollMs: 0 });
    await h.argo.ready;
    const afterReady = polls.mock.calls.length;
    await new Promise((r) => setTimeout(r, 120));
    expect(polls.mock.calls.length).toBe(afterReady);
    await h.stop();
    h = undefined;

    h = await startArgoHarness({ gitPollMs: 10 });
    await h.argo.ready;
    await eventually(async () => (polls.mock.calls.length >= afterReady + 6 ? true : undefined), 2000, 10);
    await h.argo.stop();
    const atStop = polls.mock.calls.length;
    await new Promise((r) => setTimeout(r, 120));
    expect(polls.mock.calls.length).toBe(atStop);
  });

  it("rejects a negative gitPollMs with a message naming it", async () => {
    await expect(startArgoHarness({ gitPollMs: -1 })).rejects.toThrow(/gitPollMs must be >= 0 ms/);
  });
});

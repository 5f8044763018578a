/**
 * The GitOps image update against the sandbox's bare repository and Argo CD stand-in:
 * dry run (diff, nothing pushed) -> commit+push -> application OutOfSync -> sync (a second sync
 * while it runs is a retryable conflict) -> Synced with the new image. Plus pull-request mode.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startArgoSandboxHost, type ArgoSandboxHost } from "../helpers/sandbox-host.js";

interface UpdateResult {
  dryRun: boolean;
  mode: string;
  applications: {
    instance: string;
    name: string;
    sources: { source: string; kind: string; changes: { file: string; from: string; to: string }[] }[];
  }[];
  commits: {
    repoURL: string;
    branch: string;
    pushedTo?: string;
    commit?: string;
    message: string;
    files: string[];
  }[];
  diff?: string;
  skipped: { name: string; reason: string }[];
  problems: string[];
  next: string;
}
interface AppSummary {
  sync: { status: string; revision?: string };
  images: string[];
  lastOperation?: { phase: string };
}

const gitIn = (repo: string, ...args: string[]) =>
  execFileSync("git", ["--git-dir", repo, ...args], {
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null" },
  }).trim();

let env: ArgoSandboxHost;
beforeAll(async () => {
  env = await startArgoSandboxHost({
    pluginConfig: { git: { authorName: "Octopus Deploy", authorEmail: "octopus@example.com" } },
  });
});
afterAll(async () => {
  await env?.stop();
});

async function call<T>(tool: string, args: Record<string, unknown>): Promise<T> {
  const r = await env.host.callTool<T>(tool, args);
  if (!r.ok) throw new Error(`${tool}: ${JSON.stringify(r.error)}`);
  return r.data;
}

describe("image update flow", () => {
  it("dry run returns the unified diff and pushes nothing", async () => {
    const head = gitIn(env.sandbox.git.bareRepoPath, "rev-parse", "main");
    const r = await call<UpdateResult>("argocd_update_image_tags", {
      project: "payments",
      environment: "production",
      images: ["ghcr.io/octo-shop/payments:9.0.0", "ghcr.io/octo-shop/payments-worker:9.0.0"],
      dryRun: true,
    });
    expect(r.dryRun).toBe(true);
    expect(r.commits[0]?.commit).toBeUndefined();
    expect(r.diff).toContain("--- a/environments/payments/production/values.yaml");
    expect(r.diff).toMatch(/\n- {2}tag: "[\d.]+"\n\+ {2}tag: "9\.0\.0"\n/);
    expect(r.diff).toMatch(/\n\+ {4}tag: "9\.0\.0"\n/); // worker, through the second image-replace-paths template
    expect(r.applications[0]?.sources[0]).toMatchObject({ source: "payments-values", kind: "helm-values" });
    expect(gitIn(env.sandbox.git.bareRepoPath, "rev-parse", "main")).toBe(head);
  });

  it("skips an application with duplicate source names, as Octopus's validator would", async () => {
    const r = await call<UpdateResult>("argocd_update_image_tags", {
      project: "checkout",
      environment: "production",
      images: ["ghcr.io/octo-shop/checkout:9.0.0"],
      dryRun: true,
    });
    expect(r.applications.map((a) => a.name)).toEqual(["checkout-production"]);
    expect(r.skipped.map((s) => s.name)).toEqual(["checkout-production-eu"]);
    expect(r.diff).toContain("--- a/checkout/chart/values-production.yaml");
  });

  it("commits and pushes; the application goes OutOfSync, then Synced with the new image after a sync", async () => {
    const before = await call<AppSummary>("argocd_get_application", { name: "cart-production" });
    expect(before.sync.status).toBe("Synced");
    expect(before.images).not.toContain("ghcr.io/octo-shop/cart:1.99.0");

    const r = await call<UpdateResult>("argocd_update_image_tags", {
      project: "cart",
      environment: "production",
      images: ["ghcr.io/octo-shop/cart:1.99.0"],
    });
    expect(r.dryRun).toBe(false);
    const commit = r.commits[0]!;
    expect(commit.pushedTo).toBe("main");
    expect(commit.message.split("\n")[0]).toBe("Update cart image to 1.99.0 for production (Octopus)");
    const bare = env.sandbox.git.bareRepoPath;
    expect(gitIn(bare, "rev-parse", "main")).toBe(commit.commit);
    expect(gitIn(bare, "log", "-1", "--format=%an <%ae>|%s", "main")).toBe(
      "Octopus Deploy <octopus@example.com>|Update cart image to 1.99.0 for production (Octopus)",
    );
    expect(gitIn(bare, "show", "main:cart/production/deployment.yaml")).toContain(
      "image: ghcr.io/octo-shop/cart:1.99.0",
    );

    const outOfSync = await call<AppSummary>("argocd_get_application", { name: "cart-production" });
    expect(outOfSync.sync).toMatchObject({ status: "OutOfSync", revision: commit.commit });

    const sync = await call<{ started: boolean; operation?: { phase: string } }>("argocd_sync_application", {
      name: "cart-production",
    });
    expect(sync.started).toBe(true);
    expect(sync.operation?.phase).toBe("Running");
    // While the sync runs (~300 ms in the sandbox), another one is a retryable conflict; if the first
    // already finished, a second sync is simply accepted. The deterministic case is covered by
    // test/unit/error-mapping.test.ts.
    const again = await env.host.callTool<{ started: boolean }>("argocd_sync_application", {
      name: "cart-production",
      instance: "argocd-main",
    });
    if (again.ok) expect(again.data.started).toBe(true);
    else expect(again.error).toMatchObject({ error: "conflict", retry_after: 10 });

    let after: AppSummary | undefined;
    for (let i = 0; i < 60; i++) {
      after = await call<AppSummary>("argocd_get_application", { name: "cart-production" });
      if (after.sync.status === "Synced" && after.lastOperation?.phase === "Succeeded") break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(after?.sync.status).toBe("Synced");
    expect(after?.images).toContain("ghcr.io/octo-shop/cart:1.99.0");
  });

  it("a second update to the same version changes nothing and commits nothing", async () => {
    const head = gitIn(env.sandbox.git.bareRepoPath, "rev-parse", "main");
    const r = await call<UpdateResult>("argocd_update_image_tags", {
      project: "cart",
      environment: "production",
      images: ["ghcr.io/octo-shop/cart:1.99.0"],
    });
    expect(r.commits).toEqual([]);
    expect(r.next).toMatch(/already have the requested versions/);
    expect(gitIn(env.sandbox.git.bareRepoPath, "rev-parse", "main")).toBe(head);
  });

  it("rejects images without a version", async () => {
    const r = await env.host.callTool("argocd_update_image_tags", {
      project: "cart",
      environment: "production",
      images: ["ghcr.io/octo-shop/cart"],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ error: "invalid_arguments" });
  });
});

describe("pull-request mode", () => {
  it("pushes a new branch and leaves the target branch alone", async () => {
    const pr = await startArgoSandboxHost({
      pluginConfig: { git: { mode: "pull-request", branchPrefix: "octopus/" } },
    });
    try {
      const bare = pr.sandbox.git.bareRepoPath;
      const head = gitIn(bare, "rev-parse", "main");
      const r = await pr.host.callTool<UpdateResult>("argocd_update_image_tags", {
        project: "web-frontend",
        environment: "staging",
        images: ["ghcr.io/octo-shop/web-frontend:4.99.0"],
      });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const commit = r.data.commits[0]!;
      expect(r.data.mode).toBe("pull-request");
      expect(commit.pushedTo).toMatch(/^octopus\/web-frontend-staging-[a-z0-9]+$/);
      expect(gitIn(bare, "rev-parse", "main")).toBe(head);
      expect(gitIn(bare, "rev-parse", `refs/heads/${commit.pushedTo}`)).toBe(commit.commit);
      expect(
        gitIn(bare, "show", `${commit.pushedTo}:web-frontend/overlays/staging/kustomization.yaml`),
      ).toContain('newTag: "4.99.0"');
      expect(r.data.next).toMatch(/open a pull request into main/);
    } finally {
      await pr.stop();
    }
  });
});

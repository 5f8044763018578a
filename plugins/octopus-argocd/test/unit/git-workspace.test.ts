import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scrub, writeAskPassHelper } from "../../src/git/git-command.js";
import { GitWorkspace, withGitWorkspace } from "../../src/git/git-workspace.js";
import { gitCredentialIdFor } from "../../src/git/git-credentials.js";
import type { ITenantContext } from "@octopus-mcp/core";

const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd, env, encoding: "utf8" });

let root: string;
let bare: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "argocd-git-test-"));
  bare = join(root, "repo.git");
  git(root, "init", "--quiet", "--bare", "--initial-branch=main", bare);
  const seed = join(root, "seed");
  git(root, "clone", "--quiet", bare, seed);
  await mkdir(join(seed, "apps/cart"), { recursive: true });
  await writeFile(join(seed, "apps/cart/deployment.yaml"), "image: a:1\n");
  git(seed, "add", ".");
  git(seed, "commit", "--quiet", "-m", "seed");
  git(seed, "push", "--quiet", "origin", "HEAD:refs/heads/main");
  git(seed, "tag", "v1");
  git(seed, "push", "--quiet", "origin", "v1");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("git workspace", () => {
  it("clones a branch, commits and pushes, and removes its temp folder", async () => {
    let dir = "";
    const sha = await withGitWorkspace({ repoURL: `file://${bare}`, branch: "main" }, async (ws) => {
      dir = ws.dir;
      expect(ws.branch).toBe("main");
      expect(await ws.listManifestFiles("apps", true)).toEqual(["apps/cart/deployment.yaml"]);
      expect(await ws.listManifestFiles("apps", false)).toEqual([]);
      await ws.writeText("apps/cart/deployment.yaml", "image: a:2\n");
      return ws.commitAndPush(
        ["apps/cart/deployment.yaml"],
        "Update a image to 2 for test (Octopus)",
        { name: "Octopus MCP", email: "mcp@example.com" },
        "main",
      );
    });
    expect(existsSync(dir)).toBe(false);
    expect(git(bare, "rev-parse", "main").trim()).toBe(sha);
    expect(git(bare, "log", "-1", "--format=%an <%ae>|%s", "main").trim()).toBe(
      "Octopus MCP <mcp@example.com>|Update a image to 2 for test (Octopus)",
    );
    expect(git(bare, "show", "main:apps/cart/deployment.yaml")).toBe("image: a:2\n");
  });

  it("HEAD resolves to the default branch; a tag is refused because it cannot be pushed to", async () => {
    await withGitWorkspace({ repoURL: `file://${bare}`, branch: "HEAD" }, async (ws) =>
      expect(ws.branch).toBe("main"),
    );
    await expect(GitWorkspace.clone({ repoURL: `file://${bare}`, branch: "v1" })).rejects.toThrow(
      /not a branch/,
    );
    await expect(GitWorkspace.clone({ repoURL: `file://${bare}`, branch: "nope" })).rejects.toThrow(
      /git clone failed/,
    );
  });

  it("refuses paths outside the repository", async () => {
    await withGitWorkspace({ repoURL: `file://${bare}`, branch: "main" }, async (ws) => {
      expect(() => ws.resolvePath("../../etc/passwd")).toThrow(/outside the repository/);
      expect(await ws.readText("missing.yaml")).toBeUndefined();
    });
  });
});

describe("git credentials", () => {
  it("the askpass helper answers from the environment only and holds no secret", async () => {
    const dir = await mkdtemp(join(tmpdir(), "askpass-"));
    try {
      const helper = await writeAskPassHelper(dir);
      const run = (prompt: string) =>
        execFileSync(helper, [prompt], {
          env: { OCTOPUS_MCP_GIT_USERNAME: "bot", OCTOPUS_MCP_GIT_PASSWORD: "s3cret" },
          encoding: "utf8",
        });
      expect(run("Username for 'https://git.example.com': ")).toBe("bot\n");
      expect(run("Password for 'https://bot@git.example.com': ")).toBe("s3cret\n");
      expect(execFileSync("cat", [helper], { encoding: "utf8" })).not.toContain("s3cret");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("scrubs secrets from git output and picks the longest matching URL prefix", () => {
    expect(scrub("fatal: https://bot:p%40ss@host failed p@ss", { username: "bot", password: "p@ss" })).toBe(
      "fatal: https://bot:***@host failed ***",
    );
    const tenant = {
      settings: {
        git: { credentials: { "https://github.com/": "gh", "https://github.com/octo-shop/": "octo" } },
      },
    } as unknown as ITenantContext;
    expect(gitCredentialIdFor(tenant, "https://github.com/octo-shop/gitops.git")).toBe("octo");
    expect(gitCredentialIdFor(tenant, "https://github.com/other/x.git")).toBe("gh");
    expect(gitCredentialIdFor(tenant, "file:///tmp/repo.git")).toBeUndefined();
  });
});

/**
 * A temporary clone of one branch of a Git repository: read and write files, commit, push. The
 * temp folder (clone plus askpass helper) is always removed by {@link GitWorkspace.dispose}; use
 * {@link withGitWorkspace} to get that guaranteed.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep, posix } from "node:path";
import { runGit, writeAskPassHelper, GitCommandError, type GitAuth } from "./git-command.js";

export interface CloneOptions {
  readonly repoURL: string;
  /** Branch to clone; `HEAD` or empty clones the remote's default branch. */
  readonly branch: string | undefined;
  readonly auth?: GitAuth | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

/** Who commits. */
export interface CommitAuthor {
  readonly name: string;
  readonly email: string;
}

export class GitWorkspace {
  private constructor(
    private readonly base: string,
    /** Absolute path of the work tree. */
    readonly dir: string,
    /** The branch checked out (resolved when `HEAD` was asked for). */
    readonly branch: string,
    private readonly options: CloneOptions,
  ) {}

  /**
   * Shallow-clones `branch` into a new temp folder.
   * @throws GitCommandError when the clone fails (unknown branch, auth, network); the folder is removed.
   */
  static async clone(options: CloneOptions): Promise<GitWorkspace> {
    const base = await mkdtemp(join(tmpdir(), "octopus-mcp-git-"));
    try {
      if (options.auth) await writeAskPassHelper(base);
      const dir = join(base, "repo");
      const wanted = options.branch && options.branch !== "HEAD" ? options.branch : undefined;
      await runGit(
        [
          "clone",
          "--quiet",
          "--depth",
          "1",
          "--single-branch",
          ...(wanted ? ["--branch", wanted] : []),
          "--",
          options.repoURL,
          dir,
        ],
        {
          cwd: base,
          auth: options.auth,
          helperDir: base,
          signal: options.signal,
          timeoutMs: options.timeoutMs,
        },
      );
      let branch: string;
      try {
        branch = (await runGit(["symbolic-ref", "--short", "-q", "HEAD"], { cwd: dir })).trim();
      } catch {
        throw new GitCommandError(
          "checkout",
          null,
          `targetRevision "${options.branch ?? "HEAD"}" is a tag or commit, not a branch; commits can only be pushed to a branch`,
        );
      }
      return new GitWorkspace(base, dir, branch, options);
    } catch (error) {
      await rm(base, { recursive: true, force: true });
      throw error;
    }
  }

  /** Absolute path of `path` (POSIX, relative to the repo root). @throws Error when it escapes the repo. */
  resolvePath(path: string): string {
    const absolute = resolve(this.dir, path.replace(/^\/+/, ""));
    if (absolute !== this.dir && !absolute.startsWith(this.dir + sep)) {
      throw new Error(`Path "${path}" points outside the repository.`);
    }
    return absolute;
  }

  /** File text, or undefined when the file does not exist. */
  async readText(path: string): Promise<string | undefined> {
    try {
      return await readFile(this.resolvePath(path), "utf8");
    } catch (error) {
      if (
        (error as NodeJS.ErrnoException).code === "ENOENT" ||
        (error as NodeJS.ErrnoException).code === "EISDIR"
      )
        return undefined;
      throw error;
    }
  }

  async writeText(path: string, text: string): Promise<void> {
    await writeFile(this.resolvePath(path), text, "utf8");
  }

  async isDirectory(path: string): Promise<boolean> {
    try {
      return (await stat(this.resolvePath(path))).isDirectory();
    } catch {
      return false;
    }
  }

  /** `*.yaml`/`*.yml`/`*.json` files under `path` (repo-relative POSIX paths, sorted). `.git` is skipped. */
  async listManifestFiles(path: string, recursive: boolean): Promise<string[]> {
    const root = this.resolvePath(path);
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (entry.name === ".git") continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (recursive) await walk(full);
        } else if (/\.(ya?ml)$/i.test(entry.name)) {
          out.push(relative(this.dir, full).split(sep).join(posix.sep));
        }
      }
    };
    if (await this.isDirectory(path)) await walk(root);
    return out.sort();
  }

  /**
   * Commits the given files and pushes to `pushBranch` (the checked-out branch, or a new branch for
   * a pull request). Returns the new commit SHA.
   * @throws GitCommandError; `stderr` mentions "rejected"/"fetch first" when the branch moved meanwhile.
   */
  async commitAndPush(
    files: readonly string[],
    message: string,
    author: CommitAuthor,
    pushBranch: string,
  ): Promise<string> {
    const run = (args: string[], env?: Record<string, string>) =>
      runGit(args, {
        cwd: this.dir,
        auth: this.options.auth,
        helperDir: this.base,
        signal: this.options.signal,
        timeoutMs: this.options.timeoutMs,
        ...(env ? { env } : {}),
      });
    await run(["add", "--", ...files]);
    const identity = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    };
    await run(["commit", "--quiet", "--no-verify", "-m", message], identity);
    const sha = (await run(["rev-parse", "HEAD"])).trim();
    await run(["push", "--quiet", "origin", `HEAD:refs/heads/${pushBranch}`]);
    return sha;
  }

  /** Removes the temp folder (clone and helper). Never throws. */
  async dispose(): Promise<void> {
    await rm(this.base, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Clones, runs `work`, and always removes the temp folder. */
export async function withGitWorkspace<T>(
  options: CloneOptions,
  work: (ws: GitWorkspace) => Promise<T>,
): Promise<T> {
  const ws = await GitWorkspace.clone(options);
  try {
    return await work(ws);
  } finally {
    await ws.dispose();
  }
}

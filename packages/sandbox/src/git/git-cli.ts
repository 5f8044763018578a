import { execFile } from "node:child_process";

/** A `git` invocation that exited non-zero (or could not start). `stderr` is git's own message. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | string | null,
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ""} failed (exit ${String(exitCode)}): ${stderr.trim() || "no output"}`);
    this.name = "GitCommandError";
  }
}

/** Options of {@link runGit}. */
export interface RunGitOptions {
  /** Working directory (a work tree, or a bare repository). */
  cwd: string;
  /** Extra environment (e.g. fixed `GIT_AUTHOR_DATE` for deterministic commit SHAs). */
  env?: Record<string, string>;
  /** Text written to git's stdin (e.g. object names for `cat-file --batch`). */
  input?: string;
  /** Output cap in bytes; default 64 MiB. */
  maxBuffer?: number;
}

/**
 * Environment isolating git from the machine's user and system configuration, so the sandbox behaves
 * the same everywhere: no global hooks, signing, pagers or credential prompts.
 */
function isolatedEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  return {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: process.env["HOME"] ?? "/tmp",
    LANG: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_NAME: "Octo Shop GitOps",
    GIT_AUTHOR_EMAIL: "gitops@octo-shop.example",
    GIT_COMMITTER_NAME: "Octo Shop GitOps",
    GIT_COMMITTER_EMAIL: "gitops@octo-shop.example",
    ...extra,
  };
}

/**
 * Runs the real `git` CLI with an argument vector (no shell, so no quoting or injection issues).
 *
 * @returns git's stdout (UTF-8).
 * @throws GitCommandError when git exits non-zero or is not installed.
 */
export async function runGit(args: readonly string[], options: RunGitOptions): Promise<string> {
  return (await runGitRaw(args, options)).toString("utf8");
}

/**
 * As {@link runGit}, returning stdout as bytes (for `cat-file --batch`, whose object sizes are in bytes).
 *
 * @throws GitCommandError when git exits non-zero or is not installed.
 */
export function runGitRaw(args: readonly string[], options: RunGitOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "git",
      [...args],
      {
        cwd: options.cwd,
        env: isolatedEnv(options.env),
        maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
        encoding: "buffer",
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException & { code?: number | string }).code ?? null;
          const message =
            code === "ENOENT"
              ? "the git CLI was not found on PATH; install git (the Argo CD stand-in keeps its manifests in a git repository)"
              : stderr.toString("utf8") || error.message;
          reject(new GitCommandError(args, code, message));
          return;
        }
        resolve(stdout);
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

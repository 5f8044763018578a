/**
 * Runs the real `git` CLI through `execFile` (no shell). Credentials never appear in arguments:
 * they reach git through a `GIT_ASKPASS` helper script that echoes environment variables set only
 * on the child process (see {@link GitAuth}). Git's stderr is scrubbed of the secret before it is
 * used in an error message.
 */
import { execFile } from "node:child_process";
import { chmod, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** HTTPS credentials for one repository, resolved from a credential ID at call time. */
export interface GitAuth {
  readonly username: string;
  readonly password: string;
}

/** A failed git invocation. `stderr` is scrubbed of secrets. */
export class GitCommandError extends Error {
  constructor(
    readonly subcommand: string,
    readonly exitCode: number | string | null,
    readonly stderr: string,
    readonly timedOut = false,
  ) {
    super(
      `git ${subcommand} failed${timedOut ? " (timed out)" : ""}: ${stderr.trim().split("\n").slice(-3).join(" ") || "no output"}`,
    );
    this.name = "GitCommandError";
  }
}

export interface GitRunOptions {
  readonly cwd: string;
  readonly auth?: GitAuth | undefined;
  /** Folder holding the askpass helper (a per-operation temp dir). Required with `auth`. */
  readonly helperDir?: string | undefined;
  readonly env?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal | undefined;
  /** Default 120000 ms. */
  readonly timeoutMs?: number | undefined;
}

const ASKPASS_SCRIPT = `#!/bin/sh
case "$1" in
  Username*) printf '%s\\n' "$OCTOPUS_MCP_GIT_USERNAME" ;;
  *) printf '%s\\n' "$OCTOPUS_MCP_GIT_PASSWORD" ;;
esac
`;

/** Writes the askpass helper (no secret inside: it reads the child's environment). Returns its path. */
export async function writeAskPassHelper(dir: string): Promise<string> {
  const path = join(dir, "askpass.sh");
  await writeFile(path, ASKPASS_SCRIPT, { mode: 0o700 });
  await chmod(path, 0o700);
  return path;
}

/** Environment isolated from the user's and system's git config, hooks, pagers and prompts. */
function gitEnv(options: GitRunOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: options.helperDir ?? options.cwd,
    LANG: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    ...(options.auth && options.helperDir
      ? {
          GIT_ASKPASS: join(options.helperDir, "askpass.sh"),
          OCTOPUS_MCP_GIT_USERNAME: options.auth.username,
          OCTOPUS_MCP_GIT_PASSWORD: options.auth.password,
        }
      : {}),
    ...options.env,
  };
}

/** Runs `git <args>`; resolves with stdout. @throws GitCommandError. */
export function runGit(args: readonly string[], options: GitRunOptions): Promise<string> {
  const subcommand = args.find((a) => !a.startsWith("-") && !a.includes("=")) ?? "";
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      // No credential helper may capture or supply credentials other than our askpass.
      [
        "-c",
        "credential.helper=",
        "-c",
        "core.hooksPath=/dev/null",
        "-c",
        "protocol.ext.allow=never",
        ...args,
      ],
      {
        cwd: options.cwd,
        env: gitEnv(options),
        maxBuffer: 16 * 1024 * 1024,
        timeout: options.timeoutMs ?? 120_000,
        ...(options.signal ? { signal: options.signal } : {}),
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (error) {
          const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
          reject(
            new GitCommandError(
              subcommand,
              e.code ?? null,
              scrub(stderr || error.message, options.auth),
              e.killed === true,
            ),
          );
          return;
        }
        resolve(stdout);
      },
    );
  });
}

/** Removes the secret (and its URL-encoded form) from text. */
export function scrub(text: string, auth: GitAuth | undefined): string {
  if (!auth || auth.password === "") return text;
  return text.split(auth.password).join("***").split(encodeURIComponent(auth.password)).join("***");
}

/**
 * Child processes of the benchmarks: every child is tracked and killed when the run ends (normal
 * end, error or signal), so no benchmark leaves a process behind.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

const children = new Set<ChildProcess>();

/** Spawns a tracked child. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options);
  children.add(child);
  child.once("exit", () => children.delete(child));
  child.once("error", () => children.delete(child));
  return child;
}

/** Kills a child (SIGTERM, then SIGKILL after `graceMs`) and waits for its exit. */
export async function killChild(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Kills every tracked child still running. */
export async function killAllChildren(): Promise<void> {
  await Promise.all([...children].map((c) => killChild(c)));
}

/**
 * Runs `node <script> <args>` and parses the last stdout line as JSON (the child's result).
 * @throws Error with the child's stderr when it exits non-zero, times out or prints no JSON.
 */
export async function runNodeJson<T>(
  script: string,
  args: readonly string[],
  options: { timeoutMs: number; nodeArgs?: readonly string[]; env?: NodeJS.ProcessEnv },
): Promise<T> {
  const child = spawnTracked(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: options.env ?? process.env,
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-4000)));
  const timer = setTimeout(() => void killChild(child), options.timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (c) => resolve(c));
  });
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${script} exited with ${String(code)}: ${stderr.trim()}`);
  const last = stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(
      `${script} printed no JSON result (stdout: ${stdout.slice(-500)}; stderr: ${stderr.trim()})`,
    );
  }
}

/** A long-lived child that printed its first JSON line (e.g. `{ "url": ... }`). */
export interface ServerChild<T> {
  readonly info: T;
  /** Ends the child (closes its stdin, then SIGTERM/SIGKILL) and waits for its exit. */
  stop(): Promise<void>;
}

/**
 * Starts `node <script> <args>` and resolves with the first JSON line it prints on stdout. The
 * child should exit when its stdin closes.
 * @throws Error when the child exits first or prints nothing within `timeoutMs`.
 */
export async function startServerChild<T>(
  script: string,
  args: readonly string[],
  timeoutMs = 60_000,
): Promise<ServerChild<T>> {
  const child = spawnTracked(process.execPath, [script, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-4000)));
  const stop = async () => {
    child.stdin?.end();
    await killChild(child, 5000);
  };
  try {
    const info = await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script}: no start line in ${timeoutMs} ms: ${stderr}`)),
        timeoutMs,
      );
      let buffer = "";
      child.stdout?.setEncoding("utf8").on("data", (d: string) => {
        buffer += d;
        const nl = buffer.indexOf("\n");
        if (nl < 0) return;
        clearTimeout(timer);
        try {
          resolve(JSON.parse(buffer.slice(0, nl)) as T);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited (${String(code)}) before starting: ${stderr}`));
      });
    });
    return { info, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

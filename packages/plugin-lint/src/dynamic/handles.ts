/**
 * L-LIFE-5: what the plugin leaves open after `onStopAsync`.
 *
 * - Sockets, servers, child processes: the set of active handles (`process._getActiveHandles()`,
 *   compared by identity so unrelated handles opened and closed meanwhile do not count) before the
 *   lint host starts vs after it stopped.
 * - Timers: `setTimeout`/`setInterval` calls from the plugin's own code (a stack frame in its folder,
 *   outside node_modules) are tracked while the lint host runs; one still scheduled and ref'd after
 *   stop is a leak (it keeps the process alive).
 */
import path from "node:path";

type Handle = object;

function activeHandles(): Handle[] {
  const fn = (process as unknown as { _getActiveHandles?: () => Handle[] })._getActiveHandles;
  return typeof fn === "function" ? fn.call(process) : [];
}

function kindOf(handle: Handle): string {
  const name = handle.constructor?.name ?? "handle";
  return name === "Socket"
    ? "socket"
    : name === "Server"
      ? "server"
      : name === "ChildProcess"
        ? "child process"
        : name;
}

export interface HandleTracker {
  /** Leaked handles as `{ "socket": 1, "timer": 2 }`; call after stop. */
  leaked(): Record<string, number>;
  /** Removes the timer patch (idempotent). */
  restore(): void;
}

/** Starts tracking; call before the lint host starts. */
export function trackHandles(pluginRoot: string): HandleTracker {
  const before = new Set(activeHandles());
  const root = pluginRoot.endsWith(path.sep) ? pluginRoot : pluginRoot + path.sep;
  const timers: NodeJS.Timeout[] = [];
  const g = globalThis as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = { setTimeout: g.setTimeout!, setInterval: g.setInterval! };
  for (const name of ["setTimeout", "setInterval"] as const) {
    const original = originals[name];
    g[name] = function (...args: unknown[]) {
      const timer = original.apply(globalThis, args) as NodeJS.Timeout;
      const lines = (new Error().stack ?? "").split("\n").slice(2);
      if (lines.some((l) => l.includes(root) && !l.includes(`${root}node_modules`))) timers.push(timer);
      return timer;
    };
  }
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    g.setTimeout = originals.setTimeout;
    g.setInterval = originals.setInterval;
  };
  return {
    restore,
    leaked() {
      const out: Record<string, number> = {};
      for (const h of activeHandles()) {
        if (before.has(h) || h.constructor?.name === "Timeout") continue;
        // stdio streams of the lint process itself are not the plugin's.
        if (h === process.stdout || h === process.stderr || h === process.stdin) continue;
        const k = kindOf(h);
        out[k] = (out[k] ?? 0) + 1;
      }
      const live = timers.filter((t) => !(t as unknown as { _destroyed?: boolean })._destroyed && t.hasRef());
      if (live.length > 0) out.timer = live.length;
      return out;
    },
  };
}

/** Lets already-closing handles finish (a few event-loop turns, no wall-clock wait). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

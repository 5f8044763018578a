/**
 * Waiting for server tasks: polls `GET /{spaceId}/tasks?ids=A,B` (one request per poll for all
 * tasks, like the official `ServerTaskWaiter`, reference §11.5) and reports progress whenever a
 * task changes state. Cancellation: the call's AbortSignal ends the wait (the tasks keep running).
 */
import type { ProgressUpdate } from "@octopus-mcp/core";
import type { OctopusClient, ServerTaskResource } from "@octopus-mcp/octopus-api";

const DONE = new Set(["Success", "Failed", "Canceled", "TimedOut"]);

export interface WaitOptions {
  readonly spaceId: string;
  readonly taskIds: readonly string[];
  /** Poll interval in ms. */
  readonly intervalMs: number;
  /** Give up after this many ms (the tasks keep running). */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** Labels for progress messages, by task ID (e.g. `Production`). */
  readonly labels: ReadonlyMap<string, string>;
  readonly progress: (update: ProgressUpdate) => Promise<void>;
  /** Clock (tests). */
  readonly now?: () => number;
}

export interface WaitResult {
  readonly tasks: ReadonlyMap<string, ServerTaskResource>;
  /** True when every task reached a final state. */
  readonly completed: boolean;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Polls until all tasks are final, the timeout passes, or the signal aborts (rejects with its reason). */
export async function waitForTasks(client: OctopusClient, options: WaitOptions): Promise<WaitResult> {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  const last = new Map<string, string>();
  const total = options.taskIds.length;
  let emitted = 0;
  let tasks = new Map<string, ServerTaskResource>();
  for (;;) {
    const fetched = await client.getByIds<ServerTaskResource>(
      client.spacePath(options.spaceId, "tasks"),
      options.taskIds,
    );
    tasks = new Map(fetched.map((t) => [t.Id, t]));
    const done = fetched.filter((t) => DONE.has(t.State)).length;
    for (const task of fetched) {
      const marker = `${task.State}${task.HasPendingInterruptions ? "+interruption" : ""}`;
      if (last.get(task.Id) === marker) continue;
      last.set(task.Id, marker);
      emitted++;
      const label = options.labels.get(task.Id) ?? task.Id;
      const note = task.HasPendingInterruptions ? " (waiting for manual intervention/guided failure)" : "";
      // progress must grow on every notification: count state changes, report finished tasks in the text.
      await options.progress({
        progress: emitted,
        message: `${label}: ${task.State}${note} (${task.Id}); ${done}/${total} finished`,
      });
    }
    if (done === total && fetched.length === total) return { tasks, completed: true };
    if (now() >= deadline) return { tasks, completed: false };
    await sleep(Math.min(options.intervalMs, Math.max(0, deadline - now())), options.signal);
  }
}

/**
 * The plugin lifecycle (architecture "Start-up" steps 3-4 and "Shutdown"):
 * `onRegister` for every plugin (synchronous, in order), `onStartAsync` for all in parallel with a
 * per-plugin bound, `onStopAsync` in reverse start order with per-plugin and total bounds.
 * Functions here never throw for a plugin's fault: they record failures for the host to aggregate.
 */
import type { IOctopusPluginContext, Logger } from "@octopus-mcp/core";
import { TOKENS } from "@octopus-mcp/core";
import type { DependencyContainer } from "tsyringe";
import { runBounded } from "./bounded-call.js";
import { describeError, type PluginFailure } from "./plugin-failure.js";
import type { PluginRuntime } from "./plugin-runtime.js";

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/**
 * Creates each plugin's child container (plugin-scoped Logger, PluginConfig, PluginManifest) and
 * calls `onRegister`. A throw, or a returned Promise/thenable, fails that plugin.
 */
export function registerPlugins(
  runtimes: readonly PluginRuntime[],
  root: DependencyContainer,
  pluginLogger: (runtime: PluginRuntime) => Logger,
): PluginFailure[] {
  const failures: PluginFailure[] = [];
  for (const runtime of runtimes) {
    const container = root.createChildContainer();
    container.register(TOKENS.Logger, { useValue: pluginLogger(runtime) });
    container.register(TOKENS.PluginConfig, { useValue: runtime.config });
    container.register(TOKENS.PluginManifest, { useValue: runtime.plugin.manifest });
    runtime.container = container;
    try {
      const returned: unknown = runtime.plugin.onRegister(container, runtime.config);
      if (isThenable(returned)) {
        // Keep a late rejection from becoming an unhandled rejection.
        Promise.resolve(returned).catch(() => undefined);
        throw new Error(
          "onRegister returned a Promise; it must be synchronous (DI registration only). Move async work to onStartAsync.",
        );
      }
      runtime.state = "registered";
    } catch (error) {
      runtime.state = "failed";
      runtime.error = describeError(error);
      failures.push({
        plugin: runtime.name,
        phase: "register",
        policy: runtime.policy,
        message: runtime.error,
        cause: error,
      });
    }
  }
  return failures;
}

/**
 * Calls `onStartAsync` of every registered plugin in parallel, each bounded by `timeoutMs` (ms) and
 * given an AbortSignal that aborts at the bound. The plugin's registrar is open only meanwhile.
 */
export async function startPlugins(
  runtimes: readonly PluginRuntime[],
  timeoutMs: number,
  contextFor: (runtime: PluginRuntime) => IOctopusPluginContext,
  logger: Logger,
): Promise<PluginFailure[]> {
  const candidates = runtimes.filter((r) => r.state === "registered");
  const results = await Promise.all(
    candidates.map(async (runtime): Promise<PluginFailure | undefined> => {
      runtime.state = "starting";
      runtime.startCalled = true;
      runtime.registrar.open();
      const context = contextFor(runtime);
      const outcome = await runBounded(`${runtime.name} onStartAsync`, timeoutMs, (signal) =>
        runtime.plugin.onStartAsync(context, signal),
      );
      runtime.registrar.close();
      if (outcome.ok) {
        runtime.state = "started";
        logger.debug({ plugin: runtime.name }, "plugin started");
        return undefined;
      }
      runtime.state = "failed";
      runtime.error = outcome.timedOut
        ? `onStartAsync did not finish within ${timeoutMs} ms (lifecycle.startTimeoutMs); it must honour its AbortSignal`
        : describeError(outcome.error);
      return {
        plugin: runtime.name,
        phase: "start",
        policy: runtime.policy,
        message: runtime.error,
        ...(outcome.timedOut ? {} : { cause: outcome.error }),
      };
    }),
  );
  return results.filter((f): f is PluginFailure => f !== undefined);
}

/** How each plugin's stop ended. `skipped`: the whole-shutdown bound was used up before its turn. */
export interface PluginStopOutcome {
  readonly plugin: string;
  readonly outcome: "stopped" | "failed" | "timeout" | "skipped";
  readonly error?: string;
}

export interface StopReport {
  /** True when every plugin stopped without error within its bound. */
  readonly clean: boolean;
  readonly plugins: readonly PluginStopOutcome[];
}

/**
 * Calls `onStopAsync` of every plugin whose `onStartAsync` was called, in reverse start order, one
 * at a time. Each gets `min(pluginTimeoutMs, time left of totalTimeoutMs)`; a plugin that hangs
 * is abandoned at its bound.
 */
export async function stopPlugins(
  runtimes: readonly PluginRuntime[],
  pluginTimeoutMs: number,
  totalTimeoutMs: number,
  logger: Logger,
): Promise<StopReport> {
  const deadline = Date.now() + totalTimeoutMs;
  const outcomes: PluginStopOutcome[] = [];
  for (const runtime of [...runtimes].reverse()) {
    if (!runtime.startCalled) continue;
    const wasFailed = runtime.state === "failed";
    const left = deadline - Date.now();
    if (left <= 0) {
      outcomes.push({
        plugin: runtime.name,
        outcome: "skipped",
        error: `not stopped: the shutdown bound of ${totalTimeoutMs} ms was used up`,
      });
      logger.warn({ plugin: runtime.name }, "plugin not stopped: shutdown bound used up");
      continue;
    }
    const bound = Math.min(pluginTimeoutMs, left);
    if (!wasFailed) runtime.state = "stopping";
    const outcome = await runBounded(`${runtime.name} onStopAsync`, bound, (signal) =>
      runtime.plugin.onStopAsync(signal),
    );
    if (outcome.ok) {
      if (!wasFailed) runtime.state = "stopped";
      outcomes.push({ plugin: runtime.name, outcome: "stopped" });
      continue;
    }
    const error = outcome.timedOut
      ? `onStopAsync did not finish within ${bound} ms`
      : describeError(outcome.error);
    if (!wasFailed) {
      runtime.state = "failed";
      runtime.error = error;
    }
    outcomes.push({ plugin: runtime.name, outcome: outcome.timedOut ? "timeout" : "failed", error });
    logger.warn(
      { plugin: runtime.name, err: outcome.timedOut ? undefined : outcome.error },
      `plugin stop failed: ${error}`,
    );
  }
  return { clean: outcomes.every((o) => o.outcome === "stopped"), plugins: outcomes };
}

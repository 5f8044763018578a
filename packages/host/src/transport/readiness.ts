/**
 * Readiness of the host for `/readyz` (and the `octopus_mcp_ready` metric): ready once host
 * startup finished and every required plugin is `started`; not ready again from the start of
 * shutdown, so a load balancer stops routing before the host drains.
 */

/** A plugin's state as readiness needs it (a subset of the host's `PluginStatus`). */
export interface PluginReadinessView {
  readonly name: string;
  readonly state: string;
  readonly error?: string;
}

/** Where readiness facts come from (the host). */
export interface ReadinessSource {
  /** Plugin states (`OctopusMcpHost.states()`). */
  states(): readonly PluginReadinessView[];
  /** True once host startup finished. Default: true. */
  started?(): boolean;
  /**
   * Whether a plugin must be `started` for the host to be ready. Default: every plugin. A plugin
   * allowed to fail (`onStartFailure: continue`) is typically not required.
   */
  isRequired?(plugin: PluginReadinessView): boolean;
}

/** The `/readyz` body. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly status: "ready" | "starting" | "not_ready" | "shutting_down";
  readonly plugins: readonly { name: string; state: string; required: boolean; error?: string }[];
}

/** Evaluates readiness now. */
export function evaluateReadiness(
  source: ReadinessSource | undefined,
  shuttingDown: boolean,
): ReadinessReport {
  const plugins = (source?.states() ?? []).map((p) => ({
    name: p.name,
    state: p.state,
    required: source?.isRequired?.(p) ?? true,
    ...(p.error !== undefined ? { error: p.error } : {}),
  }));
  if (shuttingDown) return { ready: false, status: "shutting_down", plugins };
  if (source?.started && !source.started()) return { ready: false, status: "starting", plugins };
  const ready = plugins.every((p) => !p.required || p.state === "started");
  return { ready, status: ready ? "ready" : "not_ready", plugins };
}

/**
 * Startup failures of plugins, collected across every phase and reported together in one
 * aggregated error (like Backstage's backend start-up), so an operator fixes everything in one go.
 */

/** The startup phase a plugin failed in. */
export type PluginPhase = "load" | "config" | "register" | "start" | "validate";

export interface PluginFailure {
  /** Manifest name, or the config entry (`package`/`path`) when the plugin did not load. */
  readonly plugin: string;
  readonly phase: PluginPhase;
  /** What went wrong and how to fix it; multi-line for several registration problems. */
  readonly message: string;
  /** Whether the host aborted for this failure (policy `abort`) or served without the plugin. */
  readonly policy: "abort" | "continue";
  readonly cause?: unknown;
}

const PHASE_LABEL: Record<PluginPhase, string> = {
  load: "loading",
  config: "config section",
  register: "onRegister",
  start: "onStartAsync",
  validate: "tool validation",
};

/** One line (plus indented continuation lines) per failure. */
export function formatFailures(failures: readonly PluginFailure[]): string {
  return failures
    .map((f) => {
      const [first, ...rest] = f.message.split("\n");
      return [
        `  - ${f.plugin} [${PHASE_LABEL[f.phase]}]: ${first ?? ""}`,
        ...rest.map((l) => `      ${l.trim()}`),
      ].join("\n");
    })
    .join("\n");
}

/**
 * Thrown by `OctopusMcpHost.start()` when at least one plugin with policy `abort` failed.
 * `failures` lists every failed plugin (also those with policy `continue`).
 */
export class PluginStartupError extends Error {
  readonly failures: readonly PluginFailure[];

  constructor(failures: readonly PluginFailure[]) {
    const n = failures.length;
    super(
      `${n} plugin${n === 1 ? "" : "s"} failed to start; the host did not start:\n${formatFailures(failures)}`,
    );
    this.name = "PluginStartupError";
    this.failures = failures;
  }
}

/** A readable message of any thrown value (no stack). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === "string" ? error : (JSON.stringify(error) ?? String(error));
}

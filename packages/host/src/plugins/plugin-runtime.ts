/**
 * The host's record of one plugin through its lifecycle: where it came from, its validated config,
 * its child container and registrar, and its state (exposed by `OctopusMcpHost.states()` for
 * health checks).
 */
import type { IOctopusPlugin } from "@octopus-mcp/core";
import type { DependencyContainer } from "tsyringe";
import type { StartFailurePolicy } from "../config/types.js";
import { PluginRegistrar } from "../registry/plugin-registrar.js";

/** Lifecycle states. `failed` plugins serve nothing; `error` in their status says why. */
export type PluginState = "registered" | "starting" | "started" | "failed" | "stopping" | "stopped";

/** A plugin's state as reported to callers (health, CLI). */
export interface PluginStatus {
  readonly name: string;
  readonly namespace: string;
  readonly version: string;
  readonly source: string;
  readonly state: PluginState;
  /** Why it failed (start or stop), without stack. */
  readonly error?: string;
  /** Number of tools it serves (0 unless started). */
  readonly tools: number;
}

export class PluginRuntime {
  state: PluginState = "registered";
  error: string | undefined;
  container: DependencyContainer | undefined;
  /** True once `onStartAsync` was called (such plugins get `onStopAsync` at shutdown). */
  startCalled = false;
  toolCount = 0;
  readonly registrar: PluginRegistrar;

  constructor(
    readonly plugin: IOctopusPlugin,
    readonly source: string,
    readonly config: Readonly<Record<string, unknown>>,
    readonly policy: StartFailurePolicy,
  ) {
    this.registrar = new PluginRegistrar(plugin.manifest.name);
  }

  get name(): string {
    return this.plugin.manifest.name;
  }

  get namespace(): string {
    return this.plugin.manifest.namespace;
  }

  status(): PluginStatus {
    return {
      name: this.name,
      namespace: this.namespace,
      version: this.plugin.manifest.version,
      source: this.source,
      state: this.state,
      ...(this.error !== undefined ? { error: this.error } : {}),
      tools: this.toolCount,
    };
  }
}

/**
 * The plugin contract. Lifecycle, in host order:
 * 1. `onRegister(container, config)`: synchronous DI registration only: no I/O, timers or network.
 * 2. `onStartAsync(context, signal)`: all plugins in parallel, each bounded by the start timeout
 *    (default 10 s); open connections, register tools/resources/prompts.
 * 3. `onStopAsync(signal)`: reverse start order, each bounded (whole shutdown default 30 s).
 */
import type { DependencyContainer } from "tsyringe";
import type { IOctopusConfig } from "./config.js";
import type { ICredentialResolver } from "./credentials.js";
import type { HttpClient } from "./http.js";
import type { Logger } from "./logger.js";
import type { ToolRegistrar } from "./registry.js";
import type { JsonSchema } from "./schema.js";
import type { ITenantContext } from "./tenant.js";

export interface PluginManifest {
  /** npm-style package name, e.g. `@octopus-mcp/plugin-octopus-tasks`. */
  readonly name: string;
  /** semver of the plugin. */
  readonly version: string;
  /** Tool-name prefix: snake_case, e.g. `tasks` -> tools `tasks_*`. Unique per host. */
  readonly namespace: string;
  readonly description: string;
  /** semver range of compatible host versions, e.g. `^0.1.0`. */
  readonly hostVersion: string;
  /** JSON Schema of the plugin's config section; the host validates it before `onRegister`. */
  readonly configSchema?: JsonSchema;
  /**
   * Optional start-up shortcut: `configSchema` compiled ahead of time, so the host need not
   * compile it with Ajv at every start (about 10 ms per schema). Generate it with
   * `pluginConfigValidator(configSchema)` from `@octopus-mcp/host` and keep it in step with a test
   * (docs/plugin-authoring.md). The host uses it only when it matches `configSchema` and the
   * host's own compile settings, and compiles `configSchema` otherwise.
   */
  readonly precompiledConfigValidator?: PrecompiledConfigValidator;
}

/** `configSchema` as Ajv standalone code, made by the host's `pluginConfigValidator`. */
export interface PrecompiledConfigValidator {
  /** The host compile settings it was made with; the host ignores a validator of other settings. */
  readonly format: string;
  /** Lower-case hex SHA-256 of the canonical JSON (RFC 8785 key order) of the schema it was made from. */
  readonly schemaSha256: string;
  /** CommonJS source whose `module.exports` is the Ajv validate function; the host evaluates it. */
  readonly source: string;
}

/** What `onStartAsync` receives. */
export interface IOctopusPluginContext<C extends object = Readonly<Record<string, unknown>>> {
  /** This plugin's validated config section. */
  readonly config: IOctopusConfig<C>;
  readonly credentials: ICredentialResolver;
  /** Reads the caller tenant of the current request (inside handlers only). */
  readonly tenant: ITenantContext;
  /** pino child bound to `{ plugin }`. */
  readonly logger: Logger;
  readonly http: HttpClient;
  readonly registry: ToolRegistrar;
  /** The plugin's child container (sees host services, never a sibling's registrations). */
  readonly container: DependencyContainer;
}

export interface IOctopusPlugin<C extends object = Readonly<Record<string, unknown>>> {
  readonly manifest: PluginManifest;
  /** DI registration only. Synchronous: returning a Promise is a startup error. */
  onRegister(container: DependencyContainer, config: IOctopusConfig<C>): void;
  /** Register tools, resources and prompts; open connections. Honour `signal` (start timeout). */
  onStartAsync(context: IOctopusPluginContext<C>, signal: AbortSignal): Promise<void>;
  /** Release everything; `signal` aborts at the stop timeout. */
  onStopAsync(signal: AbortSignal): Promise<void>;
}

/**
 * What a plugin module exports as `default` (or as `plugin`): a plugin, or a factory returning a
 * fresh one (preferred: each host, e.g. each test, gets its own instance and state).
 */
export type PluginModuleExport = IOctopusPlugin | (() => IOctopusPlugin);

/** Identity helper that types a plugin object. All three lifecycle methods are required. */
export function definePlugin<C extends object = Readonly<Record<string, unknown>>>(
  plugin: IOctopusPlugin<C>,
): IOctopusPlugin<C> {
  return plugin;
}

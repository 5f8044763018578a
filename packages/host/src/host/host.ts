/**
 * `OctopusMcpHost`: the plugin host as a library (the CLI and the testkit both use it). Start-up
 * follows the architecture's order: load plugins -> validate their config sections -> root
 * container + one child per plugin, `onRegister` -> `onStartAsync` in parallel (bounded) ->
 * validate every registration -> serve. Any failure under policy `abort` ends start-up with ONE
 * {@link PluginStartupError} listing every failed plugin. Signal handling lives in the CLI.
 */
import path from "node:path";
import {
  TOKENS,
  type HttpClient,
  type ICredentialResolver,
  type IOctopusPluginContext,
} from "@octopus-mcp/core";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { DestinationStream, Logger as PinoLogger } from "pino";
import type * as Tsyringe from "tsyringe";
import { formatConfigIssue, INLINE_CONFIG_FILE } from "../config/config-error.js";
import { validatePluginSection } from "../config/plugin-config.js";
import type { HostConfig } from "../config/types.js";
import { createCredentialResolver } from "../credentials/create-credential-resolver.js";
import type { CredentialResolverDependencies } from "../credentials/static-credential-resolver.js";
import { HostHttpClient } from "../http/host-http-client.js";
import { createLogger } from "../logging/create-logger.js";
import { SecretRedactor } from "../logging/secret-redactor.js";
import { createMcpServer, type CreateServerOptions } from "../mcp/server-factory.js";
import { loadPlugins, type PreloadedPlugin } from "../plugins/plugin-loader.js";
import { PluginStartupError, type PluginFailure } from "../plugins/plugin-failure.js";
import { registerPlugins, startPlugins, stopPlugins, type StopReport } from "../plugins/plugin-lifecycle.js";
import { PluginRuntime, type PluginStatus } from "../plugins/plugin-runtime.js";
import { emptyTakenNames, validateRegistrations } from "../registry/registration-validator.js";
import { formatProblem } from "../registry/registered-items.js";
import { StrictSchemas } from "../registry/strict-schemas.js";
import { ToolRegistry } from "../registry/tool-registry.js";
import { TenantContext, TenantScope } from "../tenancy/tenant-scope.js";
import { requireCommonJs } from "../commonjs.js";
import { HOST_VERSION } from "../version.js";
import type { ToolCallHook } from "./call-hooks.js";
import { StartupTimings } from "./startup-timings.js";
import { ToolCallPipeline } from "./tool-call-pipeline.js";

// tsyringe needs the Reflect polyfill before it loads; loading it here makes the library usable
// without an entry point that remembered to (it is idempotent). Required, not imported: see
// commonjs.ts.
requireCommonJs("reflect-metadata");
const { container: globalContainer } = requireCommonJs("tsyringe") as typeof Tsyringe;

/** Services the host builds from its scope and redactor (so injected ones share them). */
export type HostServiceFactory<T> =
  T | ((deps: CredentialResolverDependencies & { readonly logger: PinoLogger }) => T);

export interface CreateHostOptions {
  /** A loaded config (`loadConfigFile`, `parseConfig` or `defaultHostConfig`). */
  readonly config: HostConfig;
  /** Plugins handed in directly, after those of `config.plugins` (tests, embedding). */
  readonly plugins?: readonly PreloadedPlugin[];
  /** Replaces the configured resolver (env + credentials file). */
  readonly credentials?: HostServiceFactory<ICredentialResolver>;
  /** `fetch` used by the host's HttpClient (fault injection in tests). Default global fetch. */
  readonly fetch?: typeof fetch;
  /** Replaces the host's HttpClient entirely. */
  readonly http?: HostServiceFactory<HttpClient>;
  /** Where log lines go instead of stderr/`logging.file` (tests: an in-memory stream). */
  readonly logDestination?: NodeJS.WritableStream | DestinationStream;
  /** Tool-call hooks (confirmation, audit, metrics). */
  readonly hooks?: readonly ToolCallHook[];
  /** Page size of `tools/list` and the other list methods. Default 100. */
  readonly listPageSize?: number;
  /** Folder plugin paths and package names resolve from when the config has no `sourceFile`. Default `process.cwd()`. */
  readonly baseDir?: string;
}

export type HostState = "created" | "starting" | "started" | "failed" | "stopping" | "stopped";

function resolveFactory<T>(
  value: HostServiceFactory<T>,
  deps: CredentialResolverDependencies & { logger: PinoLogger },
): T {
  // Services are objects; a function is a factory.
  return typeof value === "function" ? (value as (d: typeof deps) => T)(deps) : value;
}

export class OctopusMcpHost {
  readonly config: HostConfig;
  readonly logger: PinoLogger;
  readonly scope = new TenantScope();
  readonly redactor = new SecretRedactor();
  readonly registry = new ToolRegistry();
  readonly version = HOST_VERSION;

  #state: HostState = "created";
  #failures: readonly PluginFailure[] = [];
  #runtimes: PluginRuntime[] = [];
  /** Plugins that failed before they had a runtime (load, config section): `failed` in states(). */
  #unloaded: PluginStatus[] = [];
  readonly #shutdown = new AbortController();
  readonly #servers = new Set<Server>();
  #pipeline: ToolCallPipeline | undefined;
  #stopping: Promise<StopReport> | undefined;

  constructor(private readonly options: CreateHostOptions) {
    this.config = options.config;
    this.logger = createLogger({
      level: options.config.logging.level,
      pretty: options.config.logging.pretty,
      ...(options.config.logging.file !== undefined ? { file: options.config.logging.file } : {}),
      ...(options.logDestination !== undefined ? { destination: options.logDestination } : {}),
      redactor: this.redactor,
      scope: this.scope,
    });
  }

  get state(): HostState {
    return this.#state;
  }

  /** Failures of plugins under policy `continue` after a successful start (the host serves without them). */
  get failures(): readonly PluginFailure[] {
    return this.#failures;
  }

  /** Every plugin's lifecycle state (health checks, `octopus-mcp tools`). */
  states(): PluginStatus[] {
    return [...this.#unloaded, ...this.#runtimes.map((r) => r.status())];
  }

  /**
   * Loads, registers, starts and validates every plugin.
   * @throws PluginStartupError when a plugin under policy `abort` failed (all failures listed);
   *   ConfigError when the credentials file is invalid; Error when called twice.
   */
  async start(): Promise<void> {
    if (this.#state !== "created") throw new Error(`start() was already called (host state: ${this.#state})`);
    this.#state = "starting";
    try {
      await this.#start();
      this.#state = "started";
    } catch (error) {
      this.#state = "failed";
      throw error;
    }
  }

  async #start(): Promise<void> {
    const { config } = this;
    const timings = new StartupTimings();
    const deps = { scope: this.scope, redactor: this.redactor, logger: this.logger };
    const credentials = this.options.credentials
      ? resolveFactory(this.options.credentials, deps)
      : await createCredentialResolver(config, this.scope, this.redactor);
    const http = this.options.http
      ? resolveFactory(this.options.http, deps)
      : new HostHttpClient({
          settings: config.http,
          scope: this.scope,
          logger: this.logger,
          redactor: this.redactor,
          ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
        });
    const tenant = new TenantContext(this.scope);
    const defaultPolicy = config.lifecycle.onStartFailure;
    timings.mark("services");

    // 1-2. Load, check manifests, validate config sections.
    const configDir = config.sourceFile
      ? path.dirname(config.sourceFile)
      : (this.options.baseDir ?? process.cwd());
    const loaded = await loadPlugins({
      entries: config.plugins,
      preloaded: this.options.plugins ?? [],
      configDir,
      hostVersion: HOST_VERSION,
      defaultPolicy,
    });
    timings.mark("loadPlugins");
    const failures: PluginFailure[] = [...loaded.failures];
    for (const f of loaded.failures) {
      this.#unloaded.push({
        name: f.plugin,
        namespace: "",
        version: "",
        source: "",
        state: "failed",
        error: f.message,
        tools: 0,
      });
    }
    for (const item of loaded.plugins) {
      const policy = item.onStartFailure ?? defaultPolicy;
      const section = structuredClone(item.config) as Record<string, unknown>;
      const schema = item.plugin.manifest.configSchema;
      if (schema !== undefined) {
        const issues = validatePluginSection(
          schema,
          section,
          {
            file: config.sourceFile ?? INLINE_CONFIG_FILE,
            path: item.configPointer !== undefined ? `${item.configPointer}/config` : "",
          },
          item.plugin.manifest.precompiledConfigValidator,
        );
        if (issues.length > 0) {
          failures.push({
            plugin: item.plugin.manifest.name,
            phase: "config",
            policy,
            message: `invalid config section:\n${issues.map(formatConfigIssue).join("\n")}`,
          });
          const manifest = item.plugin.manifest;
          this.#unloaded.push({
            name: manifest.name,
            namespace: manifest.namespace,
            version: manifest.version,
            source: item.source,
            state: "failed",
            error: failures[failures.length - 1]?.message ?? "",
            tools: 0,
          });
          continue;
        }
      }
      this.#runtimes.push(new PluginRuntime(item.plugin, item.source, Object.freeze(section), policy));
    }

    timings.mark("pluginConfig");

    // 3. Root container with host services; a child per plugin; onRegister.
    const root = globalContainer.createChildContainer();
    root.register(TOKENS.HttpClient, { useValue: http });
    root.register(TOKENS.CredentialResolver, { useValue: credentials });
    root.register(TOKENS.TenantContext, { useValue: tenant });
    const pluginLoggers = new Map<PluginRuntime, PinoLogger>();
    const pluginLogger = (r: PluginRuntime): PinoLogger => {
      let logger = pluginLoggers.get(r);
      if (!logger) pluginLoggers.set(r, (logger = this.logger.child({ plugin: r.name })));
      return logger;
    };
    failures.push(...registerPlugins(this.#runtimes, root, pluginLogger));
    if (failures.some((f) => f.policy === "abort")) throw this.#fail(failures);
    timings.mark("registerPlugins");

    // 4. Start in parallel, bounded.
    failures.push(
      ...(await startPlugins(
        this.#runtimes,
        config.lifecycle.startTimeoutMs,
        (runtime): IOctopusPluginContext => ({
          config: runtime.config,
          credentials,
          tenant,
          logger: pluginLogger(runtime),
          http,
          registry: runtime.registrar,
          container: runtime.container ?? root,
        }),
        this.logger,
      )),
    );

    timings.mark("startPlugins");

    // 5. Validate registrations, in config order (the later of two duplicates fails).
    // Checked against the generated strict-mode table: no Ajv is built unless a schema needs one.
    const strict = StrictSchemas.generated();
    const taken = emptyTakenNames();
    for (const runtime of this.#runtimes) {
      if (runtime.state !== "started" || !runtime.container) continue;
      const validated = validateRegistrations(
        {
          name: runtime.name,
          namespace: runtime.namespace,
          version: runtime.plugin.manifest.version,
          container: runtime.container,
        },
        runtime.registrar.registrations(),
        strict,
        taken,
      );
      if (validated.problems.length > 0) {
        runtime.state = "failed";
        runtime.error = validated.problems.map((p) => formatProblem(runtime.name, p)).join("\n");
        failures.push({
          plugin: runtime.name,
          phase: "validate",
          policy: runtime.policy,
          message: runtime.error,
        });
        continue;
      }
      this.registry.add(runtime.namespace, validated);
      runtime.toolCount = validated.tools.length;
    }
    timings.mark("checkTools");

    if (failures.some((f) => f.policy === "abort")) {
      await stopPlugins(
        this.#runtimes,
        config.lifecycle.pluginStopTimeoutMs,
        config.lifecycle.stopTimeoutMs,
        this.logger,
      );
      throw this.#fail(failures);
    }
    this.registry.seal();
    this.#failures = failures;
    for (const failure of failures) {
      this.logger.warn(
        { plugin: failure.plugin, phase: failure.phase, reason: failure.message },
        "plugin failed; serving without it (policy continue)",
      );
    }
    this.#pipeline = new ToolCallPipeline({
      registry: this.registry,
      scope: this.scope,
      config,
      logger: this.logger,
      hooks: this.options.hooks ?? [],
      shutdownSignal: this.#shutdown.signal,
    });
    this.logger.info(
      {
        plugins: this.#runtimes.filter((r) => r.state === "started").map((r) => r.name),
        failed: failures.map((f) => f.plugin),
        tools: this.registry.tools.length,
        startupMs: timings.summary(),
      },
      "host started",
    );
  }

  #fail(failures: readonly PluginFailure[]): PluginStartupError {
    const error = new PluginStartupError(failures);
    this.logger.error(
      { failures: failures.map((f) => ({ plugin: f.plugin, phase: f.phase, message: f.message })) },
      "host start failed",
    );
    return error;
  }

  /** The call pipeline (for transports that run calls themselves). @throws Error before `start()` succeeded. */
  get pipeline(): ToolCallPipeline {
    if (this.#state !== "started" || !this.#pipeline)
      throw new Error(`The host is not started (state: ${this.#state}); call start() first.`);
    return this.#pipeline;
  }

  /**
   * A new MCP `Server` over the registry (stdio: one; HTTP: one per request).
   * @throws Error before `start()` succeeded.
   */
  createServer(options: CreateServerOptions = {}): Server {
    const server = createMcpServer(
      {
        registry: this.registry,
        pipeline: this.pipeline,
        scope: this.scope,
        config: this.config,
        logger: this.logger,
        serverInfo: { name: this.config.server.name, version: HOST_VERSION },
        shutdownSignal: this.#shutdown.signal,
        ...(this.options.listPageSize !== undefined ? { pageSize: this.options.listPageSize } : {}),
      },
      options,
    );
    this.#servers.add(server);
    const previous = server.onclose;
    server.onclose = () => {
      this.#servers.delete(server);
      previous?.();
    };
    return server;
  }

  /** Creates a server and connects it to `transport` (stdio, in-memory). Returns the server. */
  async connect(transport: Transport, options: CreateServerOptions = {}): Promise<Server> {
    const server = this.createServer(options);
    await server.connect(transport);
    return server;
  }

  /**
   * Stops serving and stops every plugin (reverse start order, each bounded by
   * `lifecycle.pluginStopTimeoutMs`, the whole by `lifecycle.stopTimeoutMs`). In-flight calls see
   * their signal abort. Idempotent: later calls return the first call's report. Never throws.
   */
  stop(): Promise<StopReport> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<StopReport> {
    const wasStarted = this.#state === "started";
    this.#state = "stopping";
    this.#shutdown.abort();
    await Promise.allSettled([...this.#servers].map((s) => s.close()));
    this.#servers.clear();
    const report = wasStarted
      ? await stopPlugins(
          this.#runtimes,
          this.config.lifecycle.pluginStopTimeoutMs,
          this.config.lifecycle.stopTimeoutMs,
          this.logger,
        )
      : { clean: true, plugins: [] };
    this.#state = "stopped";
    this.logger.info({ clean: report.clean, plugins: report.plugins }, "host stopped");
    return report;
  }
}

/** Creates a host (not started). See {@link OctopusMcpHost.start}. */
export function createHost(options: CreateHostOptions): OctopusMcpHost {
  return new OctopusMcpHost(options);
}

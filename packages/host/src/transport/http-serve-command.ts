/**
 * `octopus-mcp serve --transport http [--host 127.0.0.1] [--port 3000] [--read-only] [--allow-deletes]`:
 * serves the host over Streamable HTTP at `/mcp` (see http-host.ts). Settings come from the config
 * (`server.http`, `auth`, `audit`); `--host`/`--port` override `server.http`. SIGINT/SIGTERM start
 * the shutdown: readiness 503, drain, plugins stopped in reverse order; the exit code says whether
 * everything stopped cleanly. Diagnostics go to stderr.
 */
import type { HostConfig } from "../config/types.js";
import { errorText, withReadOnly, type CliIo } from "../cli/cli-io.js";
import { resolveHostSetup, type DefaultSetupProvider, type HostSetup } from "../cli/host-setup.js";
import { createCallGovernance, type AuditSettings } from "./call-governance.js";
import { startHttpHost, type AuthSettings, type HttpHost, type HttpServerSettings } from "./http-host.js";

export interface HttpServeCommandOptions {
  readonly config?: string;
  readonly readOnly?: boolean;
  readonly allowDeletes?: boolean;
  /** Overrides `server.http.host`. */
  readonly host?: string;
  /** Overrides `server.http.port` (a decimal string from the command line). */
  readonly port?: string;
}

/** Exit codes, the same as stdio `serve`. */
export const HTTP_SERVE_EXIT = { clean: 0, startFailed: 1, unclean: 3, forced: 4 } as const;

/** The config sections the HTTP transport reads. */
export interface RemoteConfigSections {
  readonly server: { readonly http?: HttpServerSettings };
  readonly auth?: AuthSettings;
  readonly audit?: AuditSettings;
}

/** The variable holding the bearer token `/metrics` requires (a secret, so never in the config file). */
export const METRICS_TOKEN_VARIABLE = "OCTOPUS_MCP_METRICS_TOKEN";

/**
 * The `/metrics` bearer token from {@link METRICS_TOKEN_VARIABLE}; `undefined` when unset (then
 * `/metrics` is open, as before).
 * @throws Error when the variable is set but empty or shorter than 16 characters (guessable).
 */
export function readMetricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const value = env[METRICS_TOKEN_VARIABLE];
  if (value === undefined) return undefined;
  const token = value.trim();
  if (token.length < 16) {
    throw new Error(
      `${METRICS_TOKEN_VARIABLE} is set but ${token.length === 0 ? "empty" : "shorter than 16 characters"}; ` +
        "set a long random value (e.g. `openssl rand -hex 32`) or unset it to leave /metrics open.",
    );
  }
  return token;
}

/** Reads `server.http`, `auth` and `audit` from a loaded config. */
export function remoteSections(config: HostConfig): RemoteConfigSections {
  return config as HostConfig & RemoteConfigSections;
}

/** `config` with deletes allowed host-wide (the `--allow-deletes` flag); tenants can still forbid them. */
export function withAllowDeletes(config: HostConfig): HostConfig {
  return { ...config, policy: { ...config.policy, allowDeletes: true } };
}

/** Starts serving over HTTP; resolves when the host has stopped, to the exit code. */
export async function runHttpServeCommand(
  options: HttpServeCommandOptions,
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
  /** Also starts the shutdown when aborted (embedding, tests); SIGINT/SIGTERM always do. */
  stopSignal?: AbortSignal,
  /** Used when no config file is named (see cli/host-setup.ts). */
  defaultSetup?: DefaultSetupProvider,
  /** Called once the host has started (e.g. to print the URL, plugin states and tool count). */
  onStarted?: (running: HttpHost, setup: HostSetup) => void,
): Promise<number> {
  let setup: HostSetup | undefined;
  let config: HostConfig;
  let http: HttpServerSettings;
  let metricsToken: string | undefined;
  try {
    setup = await resolveHostSetup(options.config, defaultSetup);
    config = setup.config;
    if (options.readOnly) config = withReadOnly(config);
    if (options.allowDeletes) config = withAllowDeletes(config);
    http = {
      ...remoteSections(config).server.http,
      ...(options.host !== undefined ? { host: options.host } : {}),
    };
    if (options.port !== undefined) {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port ${JSON.stringify(options.port)} is not a port number (0-65535).`);
      }
      http = { ...http, port };
    }
    metricsToken = readMetricsToken(env);
  } catch (error) {
    io.err(errorText(error));
    await setup?.release();
    return HTTP_SERVE_EXIT.startFailed;
  }
  const hostSetup = setup;

  const { auth, audit } = remoteSections(config);
  let running;
  try {
    const governance = createCallGovernance({ env, ...(audit ? { audit } : {}) });
    running = await startHttpHost({
      config,
      http,
      ...(auth ? { auth } : {}),
      governance,
      ...(metricsToken !== undefined ? { metricsToken } : {}),
      hostOptions: hostSetup.hostOptions,
      onListening: (url) => io.err(`Serving MCP over Streamable HTTP at ${url}`),
    });
  } catch (error) {
    io.err(`Cannot serve over HTTP: ${errorText(error)}`);
    await hostSetup.release();
    return HTTP_SERVE_EXIT.startFailed;
  }
  const handle = running;
  onStarted?.(handle, hostSetup);

  let markStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  return await new Promise<number>((resolveExit) => {
    const resolve = (code: number) => {
      markStopped();
      resolveExit(code);
    };
    let stopping = false;
    const shutdown = (reason: string) => {
      if (stopping) return;
      stopping = true;
      handle.host.logger.info({ reason }, "shutting down");
      handle.server.beginShutdown();
      const bound = config.lifecycle.stopTimeoutMs + (http.drainTimeoutMs ?? 10_000) + 2000;
      const force = setTimeout(() => {
        io.err(`Shutdown exceeded ${bound} ms; exiting.`);
        resolve(HTTP_SERVE_EXIT.forced);
      }, bound);
      force.unref();
      void handle.stop().then(async ({ report }) => {
        await hostSetup.release();
        clearTimeout(force);
        resolve(report.clean ? HTTP_SERVE_EXIT.clean : HTTP_SERVE_EXIT.unclean);
      });
    };
    const onSigint = () => shutdown("SIGINT");
    const onSigterm = () => shutdown("SIGTERM");
    process.once("SIGINT", onSigint);
    process.once("SIGTERM", onSigterm);
    stopSignal?.addEventListener("abort", () => shutdown("stop requested"), { once: true });
    if (stopSignal?.aborted) shutdown("stop requested");
    void stopped.then(() => {
      process.off("SIGINT", onSigint);
      process.off("SIGTERM", onSigterm);
    });
  });
}

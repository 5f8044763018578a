/**
 * Runs an `OctopusMcpHost` behind the Streamable HTTP endpoint: JWT caller tenants (the `tid`
 * claim must name a tenant of `config.tenants`), one MCP Server per request (stateless) or per
 * session (stateful) from the host's registry, readiness from the host's plugin states, and the
 * call governance (confirmation, audit, metrics) installed as pipeline hooks.
 *
 * Order: listen first (so `/healthz` and `/readyz` answer during start-up; `/mcp` answers 503
 * until the host started), then start the host. Stop: readiness 503 and drain the endpoint, then
 * stop the host (plugins in reverse order), then close the audit log.
 */
import type { JwtAuthSettings } from "../auth/jwt-settings.js";
import { JwtCallerAuthenticator } from "../auth/jwt-caller-authenticator.js";
import type { ProtectedResourceSettings } from "../auth/protected-resource-metadata.js";
import type { HostConfig } from "../config/types.js";
import { createHost, type CreateHostOptions, type OctopusMcpHost } from "../host/host.js";
import type { StopReport } from "../plugins/plugin-lifecycle.js";
import type { CallGovernance } from "./call-governance.js";
import type { HttpCaller } from "./http-caller.js";
import { HttpTransportServer, type HttpTransportServerOptions } from "./http-transport-server.js";
import { evaluateReadiness, type ReadinessSource } from "./readiness.js";

/** `server.http` in the host config. Times in ms, sizes in bytes. */
export interface HttpServerSettings {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 3000. */
  readonly port?: number;
  /** Default `/mcp`. */
  readonly path?: string;
  /** Default `stateless`. */
  readonly mode?: "stateless" | "stateful";
  readonly allowedHosts?: readonly string[];
  readonly allowedOrigins?: readonly string[];
  /** Default 1048576. */
  readonly maxBodyBytes?: number;
  /** Default 10000. */
  readonly drainTimeoutMs?: number;
  /** Default 1800000. */
  readonly sessionIdleTimeoutMs?: number;
  /** Default 1000. */
  readonly maxSessions?: number;
}

/** `auth` in the host config: how HTTP callers are authenticated and how clients discover it. */
export interface AuthSettings extends Partial<ProtectedResourceSettings> {
  readonly jwt: JwtAuthSettings;
}

export interface StartHttpHostOptions {
  readonly config: HostConfig;
  readonly http: HttpServerSettings;
  /** Required unless binding loopback, where the caller is then `config.localTenant`. */
  readonly auth?: AuthSettings;
  readonly governance: CallGovernance;
  /** Bearer token `/metrics` requires (`OCTOPUS_MCP_METRICS_TOKEN` in `serve`); open when absent. */
  readonly metricsToken?: string;
  /** Further `createHost` options (plugins, credentials, log destination, fetch). */
  readonly hostOptions?: Omit<CreateHostOptions, "config" | "hooks" | "http">;
  /** Called once the endpoint listens, before the host starts (e.g. to log or print the URL). */
  readonly onListening?: (url: string) => void;
}

/** A running host behind its HTTP endpoint. */
export interface HttpHost {
  readonly host: OctopusMcpHost;
  readonly server: HttpTransportServer;
  /** `http://127.0.0.1:PORT/mcp` */
  readonly url: string;
  /** Drains the endpoint, stops the host, closes the audit log. Idempotent. */
  stop(): Promise<{ readonly drained: boolean; readonly report: StopReport }>;
}

/**
 * Starts listening, then starts the host.
 * @throws JwtSettingsError (bad `auth.jwt`), Error (unsafe bind without auth/allowedHosts, listen
 *   errors), PluginStartupError (host start-up failed; the endpoint is closed again).
 */
export async function startHttpHost(options: StartHttpHostOptions): Promise<HttpHost> {
  const { config, governance, auth } = options;
  const host = createHost({
    ...options.hostOptions,
    config,
    hooks: governance.hooks,
    http: (deps) => governance.httpClient(config, deps, options.hostOptions?.fetch),
  });
  governance.logStartup(host.logger, "http");
  const readiness: ReadinessSource = {
    states: () => host.states(),
    started: () => host.state === "started",
    // Plugins allowed to fail (policy continue) do not hold readiness; an abort failure fails start-up.
    isRequired: (plugin) => !host.failures.some((f) => f.plugin === plugin.name && f.policy === "continue"),
  };
  const server = new HttpTransportServer({
    ...transportOptions(options.http),
    createMcpServer: (caller: HttpCaller) => host.createServer({ identity: () => identityOf(caller) }),
    readiness,
    ...(governance.metrics ? { metrics: governance.metrics } : {}),
    ...(options.metricsToken !== undefined ? { metricsToken: options.metricsToken } : {}),
    logger: host.logger,
    ...(auth
      ? {
          authenticator: new JwtCallerAuthenticator({
            settings: auth.jwt,
            isKnownTenant: (tenantId) => Object.prototype.hasOwnProperty.call(config.tenants, tenantId),
          }),
          protectedResource: protectedResourceOf(auth),
        }
      : { anonymousTenant: config.localTenant }),
  });
  governance.observeHost({
    states: () => host.states(),
    ready: () => evaluateReadiness(readiness, server.isShuttingDown).ready,
  });

  const url = await server.listen();
  options.onListening?.(url);
  try {
    await host.start();
  } catch (error) {
    await server.close();
    await host.stop();
    await governance.close();
    throw error;
  }

  let stopping: ReturnType<HttpHost["stop"]> | undefined;
  return {
    host,
    server,
    url: server.url,
    stop: () =>
      (stopping ??= (async () => {
        const { drained } = await server.close();
        const report = await host.stop();
        await governance.close();
        return { drained, report };
      })()),
  };
}

function identityOf(caller: HttpCaller): { tenantId: string; subject?: string } {
  return caller.subject !== undefined
    ? { tenantId: caller.tenantId, subject: caller.subject }
    : { tenantId: caller.tenantId };
}

function protectedResourceOf(auth: AuthSettings): ProtectedResourceSettings {
  const issuers = typeof auth.jwt.issuer === "string" ? [auth.jwt.issuer] : [...auth.jwt.issuer];
  return {
    authorizationServers: auth.authorizationServers ?? issuers,
    ...(auth.resource !== undefined ? { resource: auth.resource } : {}),
    ...(auth.scopesSupported !== undefined ? { scopesSupported: auth.scopesSupported } : {}),
    ...(auth.resourceName !== undefined ? { resourceName: auth.resourceName } : {}),
    ...(auth.resourceDocumentation !== undefined
      ? { resourceDocumentation: auth.resourceDocumentation }
      : {}),
  };
}

function transportOptions(http: HttpServerSettings): Omit<HttpTransportServerOptions, "createMcpServer"> {
  const entries = Object.entries(http).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries) as Omit<HttpTransportServerOptions, "createMcpServer">;
}

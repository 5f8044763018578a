/**
 * The remote MCP endpoint: Streamable HTTP (MCP spec 2025-11-25, Transports) at `/mcp` with the
 * SDK's `StreamableHTTPServerTransport`, on node:http, plus `/healthz`, `/readyz`, `/metrics` and
 * the RFC 9728 protected-resource metadata.
 *
 * Stateless mode (default): a new MCP Server and transport per POST, no session id, GET/DELETE
 * answered 405, so any replica can serve any request. Clients' capabilities are unknown there (no
 * `initialize` on the same Server), so write/delete confirmation falls back to `confirm: true`.
 * Stateful mode: `Mcp-Session-Id` sessions bound to the caller tenant that opened them; elicitation
 * works. Every /mcp request passes, in order: DNS-rebinding check (403), shutdown check (503),
 * bearer authentication (401/403/503), method check (405), body limit (413) and JSON parsing (400).
 */
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import {
  createServer,
  type IncomingMessage,
  type Server as NodeHttpServer,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import type { Logger } from "@octopus-mcp/core";
import { AuthenticationError, type CallerAuthenticator } from "../auth/jwt-caller-authenticator.js";
import {
  bearerChallenge,
  protectedResourceMetadata,
  protectedResourceMetadataPaths,
  protectedResourceMetadataUrl,
  type ProtectedResourceSettings,
} from "../auth/protected-resource-metadata.js";
import type { HostMetrics } from "../metrics/host-metrics.js";
import { DnsRebindingGuard, isLoopbackAddress, type HostAllowListOptions } from "./dns-rebinding.js";
import { authInfoFor, type HttpCaller, type McpServerFactory } from "./http-caller.js";
import { McpSessionStore } from "./mcp-session-store.js";
import { evaluateReadiness, type ReadinessSource } from "./readiness.js";
import { BodyNotJsonError, BodyTooLargeError, readJsonBody } from "./request-body.js";
import { header, sendJson, sendRpcError } from "./http-responses.js";

export interface HttpTransportServerOptions extends HostAllowListOptions {
  /** Builds the MCP Server for a caller (per POST in stateless mode, per session in stateful mode). */
  readonly createMcpServer: McpServerFactory;
  /** Bind address. Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 3000; 0 picks a free port (tests). */
  readonly port?: number;
  /** Path of the MCP endpoint. Default `/mcp`. */
  readonly path?: string;
  /** Default `stateless`. */
  readonly mode?: "stateless" | "stateful";
  /** Verifies `Authorization: Bearer`. Required unless `anonymousTenant` is set. */
  readonly authenticator?: CallerAuthenticator;
  /**
   * Serve without authentication as this caller tenant. Only accepted on a loopback bind address
   * (a single local user); remote use needs `authenticator`.
   */
  readonly anonymousTenant?: string;
  /** RFC 9728 metadata; served (and advertised in 401s) when set. */
  readonly protectedResource?: ProtectedResourceSettings;
  /** Largest accepted request body, in bytes. Default 1048576 (1 MiB). */
  readonly maxBodyBytes?: number;
  readonly readiness?: ReadinessSource;
  /** Serves `/metrics` and counts requests when set. */
  readonly metrics?: HostMetrics;
  /**
   * When set, `/metrics` answers only requests with `Authorization: Bearer <metricsToken>`
   * (compared in constant time; 401 otherwise). Its labels name caller tenants and upstreams.
   */
  readonly metricsToken?: string;
  readonly logger?: Logger;
  /** How long `close()` waits for in-flight requests before cutting them, in ms. Default 10000. */
  readonly drainTimeoutMs?: number;
  /** Stateful mode: idle time after which a session is closed, in ms. Default 1800000 (30 min). */
  readonly sessionIdleTimeoutMs?: number;
  /** Stateful mode: most live sessions. Default 1000. */
  readonly maxSessions?: number;
  /** Answer POSTs with plain JSON instead of SSE (no server-to-client requests mid-call). Default false. */
  readonly enableJsonResponse?: boolean;
}

/** What `close()` reports. */
export interface HttpTransportCloseResult {
  /** True when every in-flight request finished within the drain timeout. */
  readonly drained: boolean;
}

type Route = "mcp" | "healthz" | "readyz" | "metrics" | "oauth_metadata" | "not_found";

/** The running endpoint. */
export class HttpTransportServer {
  readonly #options: HttpTransportServerOptions;
  readonly #http: NodeHttpServer;
  readonly #guard: DnsRebindingGuard;
  readonly #path: string;
  readonly #maxBody: number;
  readonly #sessions: McpSessionStore | undefined;
  readonly #inFlight = new Set<ServerResponse>();
  #shuttingDown = false;
  #url: string | undefined;
  #metadataPaths: string[] = [];

  /** @throws Error for unsafe or inconsistent options (non-loopback without auth or allowedHosts). */
  constructor(options: HttpTransportServerOptions) {
    const host = options.host ?? "127.0.0.1";
    if (!options.authenticator && options.anonymousTenant === undefined) {
      throw new Error(
        "The HTTP transport needs auth.jwt settings (or, on loopback only, an anonymous local tenant).",
      );
    }
    if (!options.authenticator && !isLoopbackAddress(host)) {
      throw new Error(
        `Refusing to serve ${host} without authentication: configure auth.jwt (JWT caller tenants) or bind 127.0.0.1.`,
      );
    }
    this.#options = options;
    this.#guard = new DnsRebindingGuard(host, options);
    this.#path = options.path ?? "/mcp";
    this.#maxBody = options.maxBodyBytes ?? 1_048_576;
    this.#sessions =
      options.mode === "stateful"
        ? new McpSessionStore(options.sessionIdleTimeoutMs ?? 1_800_000, options.maxSessions ?? 1000)
        : undefined;
    this.#http = createServer((req, res) => void this.#handle(req, res));
  }

  /** `http://host:port/mcp` once listening. */
  get url(): string {
    if (!this.#url) throw new Error("The HTTP transport is not listening yet; await listen() first.");
    return this.#url;
  }

  get isShuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** Starts listening. Resolves with the endpoint URL. @throws the listen error (e.g. EADDRINUSE). */
  async listen(): Promise<string> {
    const host = this.#options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      this.#http.once("error", reject);
      this.#http.listen(this.#options.port ?? 3000, host, () => {
        this.#http.off("error", reject);
        resolve();
      });
    });
    const address = this.#http.address() as AddressInfo;
    const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
    this.#url = `http://${hostPart}:${address.port}${this.#path}`;
    this.#metadataPaths = this.#options.protectedResource
      ? protectedResourceMetadataPaths(this.#resource())
      : [];
    this.#options.logger?.info(
      { url: this.#url, mode: this.#options.mode ?? "stateless" },
      "MCP Streamable HTTP endpoint listening",
    );
    return this.#url;
  }

  /** Marks the start of shutdown: `/readyz` answers 503, new MCP requests get 503. */
  beginShutdown(): void {
    this.#shuttingDown = true;
  }

  /**
   * Graceful drain: stops accepting connections, lets in-flight requests finish for up to
   * `drainTimeoutMs`, then closes sessions and cuts what is left.
   */
  async close(): Promise<HttpTransportCloseResult> {
    this.beginShutdown();
    const closed = new Promise<void>((resolve) => this.#http.close(() => resolve()));
    this.#http.closeIdleConnections();
    const drained = await this.#waitForInFlight(this.#options.drainTimeoutMs ?? 10_000);
    await this.#sessions?.closeAll();
    this.#http.closeAllConnections();
    await closed;
    this.#options.logger?.info({ drained }, "MCP Streamable HTTP endpoint closed");
    return { drained };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = (req.url ?? "/").split("?")[0] ?? "/";
    const route: Route =
      pathname === this.#path
        ? "mcp"
        : pathname === "/healthz"
          ? "healthz"
          : pathname === "/readyz"
            ? "readyz"
            : pathname === "/metrics" && this.#options.metrics
              ? "metrics"
              : this.#metadataPaths.includes(pathname)
                ? "oauth_metadata"
                : "not_found";
    if (this.#shuttingDown) res.setHeader("Connection", "close");
    res.on("finish", () => this.#options.metrics?.observeHttpRequest({ route, status: res.statusCode }));
    try {
      if (route === "mcp") return await this.#handleMcp(req, res);
      if (req.method !== "GET" && req.method !== "HEAD")
        return sendJson(res, 405, { error: "method_not_allowed" }, { Allow: "GET" });
      switch (route) {
        case "healthz":
          return sendJson(res, 200, { status: "ok" });
        case "readyz": {
          const report = evaluateReadiness(this.#options.readiness, this.#shuttingDown);
          return sendJson(res, report.ready ? 200 : 503, report);
        }
        case "metrics": {
          if (!this.#metricsAuthorised(req)) {
            return sendJson(
              res,
              401,
              { error: "unauthorized", message: "/metrics needs Authorization: Bearer <metrics token>." },
              { "WWW-Authenticate": 'Bearer realm="metrics"' },
            );
          }
          const { contentType, body } = await this.#options.metrics!.scrape();
          res.writeHead(200, { "Content-Type": contentType });
          res.end(body);
          return;
        }
        case "oauth_metadata":
          return sendJson(
            res,
            200,
            protectedResourceMetadata(this.#options.protectedResource!, this.#resource()),
          );
        default:
          return sendJson(res, 404, {
            error: "not_found",
            message: `No such endpoint; the MCP endpoint is ${this.#path}.`,
          });
      }
    } catch (error) {
      this.#options.logger?.error({ err: error, route }, "HTTP request failed");
      if (!res.headersSent) sendJson(res, 500, { error: "internal_error" });
      else res.end();
    }
  }

  #metricsAuthorised(req: IncomingMessage): boolean {
    const token = this.#options.metricsToken;
    if (token === undefined) return true;
    const match = /^Bearer (.+)$/i.exec(header(req, "authorization") ?? "");
    // Digests have equal lengths, so the comparison time says nothing about the token.
    const digest = (text: string) => createHash("sha256").update(text).digest();
    return timingSafeEqual(digest(match?.[1]?.trim() ?? ""), digest(token));
  }

  async #handleMcp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = this.#guard.check(req.headers.host, header(req, "origin"));
    if (refusal) {
      this.#options.logger?.warn(
        { header: refusal.header },
        "MCP request refused by DNS-rebinding protection",
      );
      return sendRpcError(res, 403, -32000, `Forbidden: ${refusal.message}`);
    }
    if (this.#shuttingDown)
      return sendRpcError(res, 503, -32000, "The server is shutting down; retry on another replica.", {
        "Retry-After": "5",
      });
    if (this.#options.readiness?.started && !this.#options.readiness.started()) {
      return sendRpcError(res, 503, -32000, "The server is starting; retry shortly.", { "Retry-After": "2" });
    }

    let caller: HttpCaller;
    try {
      caller = await this.#authenticate(req);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      return this.#sendAuthError(res, error);
    }

    const method = req.method ?? "GET";
    const allowed = this.#sessions ? ["POST", "GET", "DELETE"] : ["POST"];
    if (!allowed.includes(method)) {
      return sendRpcError(res, 405, -32000, `Method ${method} is not allowed on ${this.#path}.`, {
        Allow: allowed.join(", "),
      });
    }

    let body: unknown;
    if (method === "POST") {
      try {
        body = await readJsonBody(req, this.#maxBody);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          return sendRpcError(
            res,
            413,
            -32000,
            `Request body too large: the limit is ${this.#maxBody} bytes.`,
            { Connection: "close" },
          );
        }
        if (error instanceof BodyNotJsonError)
          return sendRpcError(res, 400, -32700, "Parse error: the body is not valid JSON.");
        throw error;
      }
    }

    this.#inFlight.add(res);
    res.on("close", () => this.#inFlight.delete(res));
    const authed = Object.assign(req, { auth: authInfoFor(caller) });
    if (!this.#sessions) return this.#handleStateless(authed, res, caller, body);
    return this.#handleStateful(authed, res, caller, body, this.#sessions);
  }

  async #handleStateless(
    req: IncomingMessage,
    res: ServerResponse,
    caller: HttpCaller,
    body: unknown,
  ): Promise<void> {
    const server = this.#options.createMcpServer(caller);
    // No sessionIdGenerator: stateless (the SDK issues no Mcp-Session-Id).
    const transport = new StreamableHTTPServerTransport(
      this.#options.enableJsonResponse ? { enableJsonResponse: true } : {},
    );
    res.on("close", () => {
      void transport.close().catch(() => undefined);
      void server.close().catch(() => undefined);
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  async #handleStateful(
    req: IncomingMessage,
    res: ServerResponse,
    caller: HttpCaller,
    body: unknown,
    sessions: McpSessionStore,
  ): Promise<void> {
    const sessionId = header(req, "mcp-session-id");
    if (sessionId !== undefined) {
      const session = sessions.get(sessionId, caller);
      // Another tenant's session answers like an unknown one (no existence oracle).
      if (!session) return sendRpcError(res, 404, -32001, "Session not found; initialize a new session.");
      return session.transport.handleRequest(req, res, body);
    }
    if (req.method !== "POST" || !isInitializeRequest(body)) {
      return sendRpcError(res, 400, -32000, "Bad Request: No valid session ID provided");
    }
    if (sessions.isFull())
      return sendRpcError(res, 503, -32000, "Too many open sessions; retry later.", { "Retry-After": "30" });

    const server = this.#options.createMcpServer(caller);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      ...(this.#options.enableJsonResponse ? { enableJsonResponse: true } : {}),
      onsessioninitialized: (id) => sessions.add({ id, transport, server, caller, lastSeenMs: Date.now() }),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.remove(transport.sessionId);
      void server.close().catch(() => undefined);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  async #authenticate(req: IncomingMessage): Promise<HttpCaller> {
    const authenticator = this.#options.authenticator;
    if (!authenticator) {
      return {
        tenantId: this.#options.anonymousTenant!,
        subject: undefined,
        clientId: undefined,
        scopes: [],
        expiresAt: undefined,
      };
    }
    return authenticator.authenticate(header(req, "authorization"));
  }

  #sendAuthError(res: ServerResponse, error: AuthenticationError): void {
    const headers: Record<string, string> = {};
    if (error.status === 401) {
      const metadataUrl = this.#options.protectedResource
        ? protectedResourceMetadataUrl(this.#resource())
        : undefined;
      headers["WWW-Authenticate"] = metadataUrl
        ? bearerChallenge(metadataUrl, error.oauthError, error.message)
        : `Bearer${error.oauthError ? ` error="${error.oauthError}"` : ""}`;
    }
    if (error.status === 503) headers["Retry-After"] = "10";
    this.#options.logger?.warn(
      { status: error.status, reason: error.message },
      "MCP request refused by authentication",
    );
    sendRpcError(res, error.status, -32000, error.message, headers);
  }

  /** The resource identifier: configured, or derived from the listening URL. */
  #resource(): string {
    return this.#options.protectedResource?.resource ?? this.url;
  }

  async #waitForInFlight(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.#inFlight.size > 0 && Date.now() < deadline) {
      // Standalone GET streams of stateful sessions never end by themselves: they do not hold the drain.
      const pending = [...this.#inFlight].filter((r) => !isStandaloneSse(r));
      if (pending.length === 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return [...this.#inFlight].every((r) => isStandaloneSse(r));
  }
}

/** Creates the endpoint (not yet listening). See {@link HttpTransportServerOptions}. */
export function createHttpTransportServer(options: HttpTransportServerOptions): HttpTransportServer {
  return new HttpTransportServer(options);
}

function isStandaloneSse(res: ServerResponse): boolean {
  return res.req.method === "GET";
}

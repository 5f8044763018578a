/**
 * `startTestHost()`: a real `@octopus-mcp/host` in-process (same code as production: loader checks,
 * lifecycle, registry validation, call pipeline, MCP server) with an SDK `Client` connected over
 * the SDK's `InMemoryTransport`. Plugin tests call tools the way an agent does.
 */
import "reflect-metadata";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { CallToolResultSchema, type Tool } from "@modelcontextprotocol/sdk/types.js";
import type { ProgressUpdate } from "@octopus-mcp/core";
import {
  createHost,
  defaultHostConfig,
  StaticCredentialResolver,
  type CredentialsByTenant,
  type HostConfigInput,
  type OctopusMcpHost,
  type PreloadedPlugin,
  type StopReport,
  type ToolCallHook,
} from "@octopus-mcp/host";
import { LogCapture, type CapturedLogLine } from "./log-capture.js";
import { readToolResult, type ToolCallResult } from "./tool-result.js";
import { registerVitestCleanup } from "./vitest-cleanup.js";

/** A plugin for the test host: an instance, a factory (may be async), a class, or any of these with its config section. */
export type TestPlugin = PreloadedPlugin["plugin"] | PreloadedPlugin;

export interface StartTestHostOptions {
  readonly plugins: readonly TestPlugin[];
  /** Caller tenants (`HostConfig.tenants`), e.g. `{ default: { octopus: { serverUrl, credentialId: "octopus" } } }`. */
  readonly tenants?: NonNullable<HostConfigInput["tenants"]>;
  /** Secrets per caller tenant: `{ [tenantId]: { [credentialId]: secret } }` (registered for redaction). */
  readonly credentials?: CredentialsByTenant;
  /** Caller tenant of `client`/`callTool`. Default `"default"` (also the host's `localTenant`). */
  readonly tenant?: string;
  /** Any other host config (policy, calls.timeoutMs, lifecycle, logging.level, ...). */
  readonly config?: HostConfigInput;
  /** `fetch` behind the host's HttpClient (fault injection). */
  readonly fetch?: typeof fetch;
  /** Tool-call hooks (confirmation, audit, metrics) to test with. */
  readonly hooks?: readonly ToolCallHook[];
  /** Page size of list methods. Default 100. */
  readonly listPageSize?: number;
  /**
   * Stop automatically when the Vitest test that started the host ends. Default true. Hosts started
   * in `beforeAll` are not stopped automatically: call `stop()` in `afterAll`.
   */
  readonly autoStop?: boolean;
}

export interface CallToolOptions {
  /** Abort the call (sends `notifications/cancelled`). */
  readonly signal?: AbortSignal;
  /** Receives `notifications/progress` (the request then carries a progressToken). */
  readonly onProgress?: (update: ProgressUpdate) => void;
}

/** A client acting as one caller tenant. */
export interface TestHostClient {
  readonly tenant: string;
  /** MCP client (SDK 1.32) acting as `tenant`; connected once `ready` resolves. */
  readonly client: Client;
  /** Resolves when `client` has finished `initialize` (callTool/listTools wait for it themselves). */
  readonly ready: Promise<Client>;
  /**
   * Calls a tool. Resolves to `{ ok: true, data, result }` or `{ ok: false, error, result }`.
   * @throws McpError for protocol errors, e.g. -32602 for an unknown tool.
   */
  callTool<T = unknown>(
    name: string,
    args?: Record<string, unknown>,
    options?: CallToolOptions,
  ): Promise<ToolCallResult<T>>;
  /** Every tool visible to this tenant (follows `nextCursor`). */
  listTools(): Promise<Tool[]>;
}

export interface TestHost extends TestHostClient {
  readonly host: OctopusMcpHost;
  /** Parsed JSON log lines (live). */
  readonly logs: CapturedLogLine[];
  /** The raw log text, as it would have reached stderr (after redaction). */
  logText(): string;
  /** A client for another caller tenant (connected on first use; stopped with the host). */
  asTenant(tenantId: string): TestHostClient;
  /** Stops clients and the host (idempotent). */
  stop(): Promise<StopReport>;
}

function toPreloaded(item: TestPlugin): PreloadedPlugin {
  if (typeof item === "function") return { plugin: item };
  if ("manifest" in item) return { plugin: item };
  return item;
}

interface PendingClient {
  readonly client: Client;
  /** Resolves when initialize has completed. */
  readonly ready: Promise<Client>;
}

function connectClient(host: OctopusMcpHost, tenant: string): PendingClient {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "octopus-mcp-testkit", version: "0.0.0" }, { capabilities: {} });
  const ready = Promise.all([
    host.connect(serverTransport, { identity: () => ({ tenantId: tenant }) }),
    client.connect(clientTransport),
  ]).then(() => client);
  ready.catch(() => undefined);
  return { client, ready };
}

function clientFor(tenant: string, pending: PendingClient, callTimeoutMs: number): TestHostClient {
  const client = pending.ready;
  return {
    tenant,
    client: pending.client,
    ready: pending.ready,
    async callTool<T>(name: string, args: Record<string, unknown> = {}, options: CallToolOptions = {}) {
      const c = await client;
      const result = await c.callTool({ name, arguments: args }, CallToolResultSchema, {
        // Above the host's call timeout, so the host's `timeout` result arrives first.
        timeout: callTimeoutMs + 5_000,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress
          ? {
              onprogress: (p: {
                progress: number;
                total?: number | undefined;
                message?: string | undefined;
              }) =>
                options.onProgress?.({
                  progress: p.progress,
                  ...(p.total !== undefined ? { total: p.total } : {}),
                  ...(p.message !== undefined ? { message: p.message } : {}),
                }),
            }
          : {}),
      });
      return readToolResult<T>(result as Parameters<typeof readToolResult>[0]);
    },
    async listTools() {
      const c = await client;
      const tools: Tool[] = [];
      let cursor: string | undefined;
      do {
        const page = await c.listTools(cursor !== undefined ? { cursor } : undefined);
        tools.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return tools;
    },
  };
}

/**
 * Starts a real host with `plugins` and connects a client as caller tenant `tenant`.
 * @throws PluginStartupError when a plugin fails under policy `abort` (the default), with every
 *   failure listed; ConfigError when `config`/`tenants` are invalid.
 */
export async function startTestHost(options: StartTestHostOptions): Promise<TestHost> {
  const tenant = options.tenant ?? "default";
  const overrides = options.config ?? {};
  const config = defaultHostConfig({
    ...overrides,
    localTenant: tenant,
    logging: { level: "debug", pretty: false, ...overrides.logging },
    credentials: { env: false, ...overrides.credentials },
    tenants: { ...overrides.tenants, ...options.tenants },
  });
  const logs = new LogCapture();
  const credentials = options.credentials ?? {};
  const host = createHost({
    config,
    plugins: options.plugins.map(toPreloaded),
    credentials: (deps) => new StaticCredentialResolver(credentials, deps),
    logDestination: logs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.listPageSize !== undefined ? { listPageSize: options.listPageSize } : {}),
  });
  await host.start();

  const clients = new Map<string, PendingClient>();
  const pendingClient = (id: string): PendingClient => {
    let c = clients.get(id);
    if (!c) {
      c = connectClient(host, id);
      clients.set(id, c);
    }
    return c;
  };
  const main = pendingClient(tenant);
  try {
    await main.ready;
  } catch (error) {
    await host.stop();
    throw error;
  }

  let stopping: Promise<StopReport> | undefined;
  const stop = (): Promise<StopReport> => {
    stopping ??= (async () => {
      for (const c of clients.values()) {
        await c.ready.then((client) => client.close()).catch(() => undefined);
      }
      return host.stop();
    })();
    return stopping;
  };
  if (options.autoStop !== false) await registerVitestCleanup(stop);

  const callTimeoutMs = config.calls.timeoutMs;
  const testHost: TestHost = {
    host,
    logs: logs.lines,
    logText: () => logs.text(),
    ...clientFor(tenant, main, callTimeoutMs),
    asTenant: (tenantId: string): TestHostClient =>
      clientFor(tenantId, pendingClient(tenantId), callTimeoutMs),
    stop,
  };
  return testHost;
}

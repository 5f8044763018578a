/**
 * Builds an MCP `Server` (SDK 1.32 low-level server: plugins hand in plain JSON Schema, which
 * `McpServer.registerTool` rejects, reference/mcp-protocol.md §2) over the host's registry.
 * Reusable: stdio connects one server; the HTTP transport creates one per request from the same
 * registry, pipeline and identity function.
 */
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { Protocol } from "@modelcontextprotocol/sdk/shared/protocol.js";
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type ServerCapabilities,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { annotationsFor, type Logger } from "@octopus-mcp/core";
import { withConfirmArgument } from "../confirmation/confirm-argument.js";
import type { HostConfig } from "../config/types.js";
import type { CallerIdentity, ToolCallTransport } from "../host/call-hooks.js";
import type { ToolCallPipeline } from "../host/tool-call-pipeline.js";
import type { RegisteredTool } from "../registry/registered-items.js";
import type { ToolRegistry } from "../registry/tool-registry.js";
import type { TenantScope } from "../tenancy/tenant-scope.js";
import { HostServer } from "./host-server.js";
import { DEFAULT_PAGE_SIZE, paginate } from "./pagination.js";
import { registerPromptHandlers, registerResourceHandlers } from "./resource-prompt-handlers.js";

/** The request facts an identity function may use (HTTP puts the verified token in `authInfo`). */
export interface RequestIdentitySource {
  readonly authInfo?: unknown;
  readonly sessionId?: string;
}

export interface McpServerFactoryOptions {
  readonly registry: ToolRegistry;
  readonly pipeline: ToolCallPipeline;
  readonly scope: TenantScope;
  readonly config: HostConfig;
  readonly logger: Logger;
  readonly serverInfo: { readonly name: string; readonly version: string };
  readonly shutdownSignal: AbortSignal;
  /** Page size of list methods. Default {@link DEFAULT_PAGE_SIZE}. */
  readonly pageSize?: number;
}

/** Per-server choices: who the caller is. */
export interface CreateServerOptions {
  /** The caller of each request. Default: the config's `localTenant` (stdio). */
  readonly identity?: (extra: RequestIdentitySource) => CallerIdentity;
}

/**
 * The `tools/list` entry of a tool. Write/delete tools are listed with the host-owned optional
 * `confirm` boolean (confirmation fallback for clients without elicitation); the host strips it
 * before argument validation, so plugins never declare or see it.
 */
export function toolListing(tool: RegisteredTool): Tool {
  const d = tool.definition;
  return {
    name: d.name,
    ...(d.title !== undefined ? { title: d.title } : {}),
    description: d.description,
    inputSchema: withConfirmArgument(d.name, d.access, d.inputSchema) as Tool["inputSchema"],
    ...(d.outputSchema !== undefined ? { outputSchema: d.outputSchema as Tool["outputSchema"] } : {}),
    annotations: {
      ...(d.title !== undefined ? { title: d.title } : {}),
      ...annotationsFor(d.access, d.annotations),
    },
  };
}

/** What hooks may need of the request carrying a call (elicitation uses all three). */
function callTransport(
  extra: { readonly requestId: string | number; readonly sendRequest: unknown },
  clientCapabilities: object | undefined,
): ToolCallTransport {
  return clientCapabilities
    ? {
        requestId: extra.requestId,
        clientCapabilities: clientCapabilities as Record<string, unknown>,
        sendRequest: extra.sendRequest as never,
      }
    : { requestId: extra.requestId, sendRequest: extra.sendRequest as never };
}

/** Creates a server with handlers for what the registry holds; capabilities only for those. */
export function createMcpServer(
  options: McpServerFactoryOptions,
  perServer: CreateServerOptions = {},
): Server {
  const { registry, pipeline, config } = options;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  // stdio: one caller for every request (one frozen object, not one per request).
  const localCaller: CallerIdentity = Object.freeze({ tenantId: config.localTenant });
  const identity = perServer.identity ?? ((): CallerIdentity => localCaller);

  const hasResources = registry.resources.length > 0 || registry.resourceTemplates.length > 0;
  const hasPrompts = registry.prompts.length > 0;
  const capabilities: ServerCapabilities = {
    // A fixed registry: the list never changes while serving.
    tools: { listChanged: false },
    ...(hasResources ? { resources: { listChanged: false } } : {}),
    ...(hasPrompts ? { prompts: { listChanged: false } } : {}),
  };
  const instructions = registry.instructions();
  const server = new HostServer(
    { name: options.serverInfo.name, version: options.serverInfo.version },
    { capabilities, ...(instructions !== undefined ? { instructions } : {}) },
  );

  server.setRequestHandler(ListToolsRequestSchema, (request, extra) => {
    const tenantId = identity(extra).tenantId;
    const visible = registry.tools.filter((tool) => pipeline.isAllowed(tool, tenantId));
    const { page, nextCursor } = paginate(
      visible,
      (t) => t.definition.name,
      request.params?.cursor,
      pageSize,
    );
    return { tools: page.map(toolListing), ...(nextCursor !== undefined ? { nextCursor } : {}) };
  });

  // Registered through `Protocol`, not `Server`: SDK 1.32's `Server.setRequestHandler` wraps
  // tools/call to zod-parse the request a second time and the result once more (server/index.js).
  // The request is still parsed once (shared/protocol.js); the pipeline builds every result
  // itself, in the shapes its tests pin.
  Protocol.prototype.setRequestHandler.call(server, CallToolRequestSchema, (request, extra) => {
    const progressToken = request.params._meta?.progressToken;
    return pipeline.call({
      name: request.params.name,
      arguments: request.params.arguments ?? {},
      identity: identity(extra),
      signal: extra.signal,
      ...(progressToken !== undefined
        ? {
            progress: (update) =>
              extra.sendNotification({
                method: "notifications/progress",
                params: {
                  progressToken,
                  progress: update.progress,
                  ...(update.total !== undefined ? { total: update.total } : {}),
                  ...(update.message !== undefined ? { message: update.message } : {}),
                },
              }),
          }
        : {}),
      transport: callTransport(extra, server.getClientCapabilities()),
    });
  });

  const deps = {
    registry,
    scope: options.scope,
    config,
    logger: options.logger,
    pageSize,
    identity,
    shutdownSignal: options.shutdownSignal,
  };
  if (hasResources) registerResourceHandlers(server, deps);
  if (hasPrompts) registerPromptHandlers(server, deps);
  return server;
}

/**
 * `resources/*` and `prompts/*` handlers over the merged registry. Reads and gets run inside the
 * caller-tenant scope like tool calls; typed errors become JSON-RPC errors (`not_found` ->
 * -32002 "Resource not found" per MCP 2025-11-25, `invalid_arguments` -> -32602, anything else
 * -32603 with a generic message; the stack goes to the log).
 */
import { isOctopusMcpError, type Logger, type RequestContext } from "@octopus-mcp/core";
import {
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type GetPromptResult,
  type ReadResourceResult,
} from "@modelcontextprotocol/sdk/types.js";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { HostConfig } from "../config/types.js";
import type { CallerIdentity } from "../host/call-hooks.js";
import { newScopeData } from "../host/request-scope.js";
import type { ToolRegistry } from "../registry/tool-registry.js";
import { TenantContext, type TenantScope } from "../tenancy/tenant-scope.js";
import { paginate } from "./pagination.js";

/** MCP 2025-11-25 error code for an unknown resource URI. */
export const RESOURCE_NOT_FOUND = -32002;

export interface ResourcePromptDeps {
  readonly registry: ToolRegistry;
  readonly scope: TenantScope;
  readonly config: HostConfig;
  readonly logger: Logger;
  readonly pageSize: number;
  readonly identity: (extra: { authInfo?: unknown }) => CallerIdentity;
  readonly shutdownSignal: AbortSignal;
}

function toMcpError(error: unknown, what: string, logger: Logger, correlationId: string): McpError {
  if (error instanceof McpError) return error;
  if (isOctopusMcpError(error)) {
    if (error.code === "not_found") return new McpError(RESOURCE_NOT_FOUND, error.message);
    if (error.code === "invalid_arguments") return new McpError(ErrorCode.InvalidParams, error.message);
    if (error.code !== "internal_error")
      return new McpError(ErrorCode.InternalError, `${error.code}: ${error.message}`);
  }
  logger.error({ err: error, correlationId }, `${what} failed`);
  return new McpError(
    ErrorCode.InternalError,
    `${what} failed with an internal error (correlationId ${correlationId}).`,
  );
}

/** The optional fields a resource or template listing carries, omitted when the plugin set none. */
function optionalListingFields(d: {
  readonly title?: string;
  readonly description?: string;
  readonly mimeType?: string;
}): { title?: string; description?: string; mimeType?: string } {
  return {
    ...(d.title !== undefined ? { title: d.title } : {}),
    ...(d.description !== undefined ? { description: d.description } : {}),
    ...(d.mimeType !== undefined ? { mimeType: d.mimeType } : {}),
  };
}

/** Registers the resource handlers (only call when resources or templates exist). */
export function registerResourceHandlers(server: Server, deps: ResourcePromptDeps): void {
  const { registry } = deps;
  server.setRequestHandler(ListResourcesRequestSchema, (request) => {
    const { page, nextCursor } = paginate(
      registry.resources,
      (r) => r.definition.uri,
      request.params?.cursor,
      deps.pageSize,
    );
    return {
      resources: page.map(({ definition: d }) => ({
        uri: d.uri,
        name: d.name,
        ...optionalListingFields(d),
      })),
      ...(nextCursor !== undefined ? { nextCursor } : {}),
    };
  });
  server.setRequestHandler(ListResourceTemplatesRequestSchema, (request) => {
    const { page, nextCursor } = paginate(
      registry.resourceTemplates,
      (t) => t.definition.uriTemplate,
      request.params?.cursor,
      deps.pageSize,
    );
    return {
      resourceTemplates: page.map(({ definition: d }) => ({
        uriTemplate: d.uriTemplate,
        name: d.name,
        ...optionalListingFields(d),
      })),
      ...(nextCursor !== undefined ? { nextCursor } : {}),
    };
  });
  server.setRequestHandler(ReadResourceRequestSchema, async (request, extra): Promise<ReadResourceResult> => {
    const uri = request.params.uri;
    const match = registry.findResource(uri);
    if (!match || !URL.canParse(uri)) throw new McpError(RESOURCE_NOT_FOUND, `Resource not found: ${uri}`);
    const plugin = match.kind === "resource" ? match.resource.plugin : match.template.plugin;
    const data = newScopeData(deps.config, deps.identity(extra), plugin.name);
    const context: RequestContext = {
      signal: AbortSignal.any([extra.signal, deps.shutdownSignal]),
      logger: deps.logger,
      tenant: new TenantContext(deps.scope),
    };
    return deps.scope.run(data, async () => {
      try {
        const contents =
          match.kind === "resource"
            ? await match.resource.definition.read(new URL(uri), context)
            : await match.template.definition.read(new URL(uri), match.variables, context);
        return { contents: contents.map((c) => ({ ...c })) };
      } catch (error) {
        throw toMcpError(error, `Reading resource ${uri}`, deps.logger, data.correlationId);
      }
    });
  });
}

/** Registers the prompt handlers (only call when prompts exist). */
export function registerPromptHandlers(server: Server, deps: ResourcePromptDeps): void {
  const { registry } = deps;
  server.setRequestHandler(ListPromptsRequestSchema, (request) => {
    const { page, nextCursor } = paginate(
      registry.prompts,
      (p) => p.definition.name,
      request.params?.cursor,
      deps.pageSize,
    );
    return {
      prompts: page.map(({ definition: d }) => ({
        name: d.name,
        ...(d.title !== undefined ? { title: d.title } : {}),
        description: d.description,
        ...(d.arguments ? { arguments: d.arguments.map((a) => ({ ...a })) } : {}),
      })),
      ...(nextCursor !== undefined ? { nextCursor } : {}),
    };
  });
  server.setRequestHandler(GetPromptRequestSchema, async (request, extra): Promise<GetPromptResult> => {
    const prompt = registry.getPrompt(request.params.name);
    if (!prompt) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${request.params.name}`);
    const args = request.params.arguments ?? {};
    const missing = (prompt.definition.arguments ?? []).filter(
      (a) => a.required === true && args[a.name] === undefined,
    );
    if (missing.length > 0) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Prompt "${prompt.definition.name}" needs argument(s): ${missing.map((a) => a.name).join(", ")}`,
      );
    }
    const data = newScopeData(deps.config, deps.identity(extra), prompt.plugin.name);
    const context: RequestContext = {
      signal: AbortSignal.any([extra.signal, deps.shutdownSignal]),
      logger: deps.logger,
      tenant: new TenantContext(deps.scope),
    };
    return deps.scope.run(data, async () => {
      try {
        const result = await prompt.definition.get(args, context);
        return {
          ...(result.description !== undefined ? { description: result.description } : {}),
          messages: result.messages.map((m) => ({ role: m.role, content: { ...m.content } })),
        };
      } catch (error) {
        throw toMcpError(error, `Prompt ${prompt.definition.name}`, deps.logger, data.correlationId);
      }
    });
  });
}

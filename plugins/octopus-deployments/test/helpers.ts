import type {
  CallerTenantSettings,
  ICredentialResolver,
  ITenantContext,
  Logger,
  ProgressUpdate,
  ToolCallContext,
} from "@octopus-mcp/core";
import { annotationsFor } from "@octopus-mcp/core";
import { DeploymentsDeps, deploymentsToolDefinitions, type DeploymentsConfig } from "../src/index.js";
import type { AnyTool } from "../src/define.js";
import type { HttpClient } from "@octopus-mcp/core";

const noop = () => undefined;
export const silentLogger: Logger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  fatal: noop,
  child: () => silentLogger,
};

export function tenant(tenantId: string, settings: CallerTenantSettings): ITenantContext {
  return { tenantId, correlationId: `c-${tenantId}`, subject: undefined, settings };
}

export function context(
  t: ITenantContext,
  progress: ProgressUpdate[] = [],
  signal: AbortSignal = new AbortController().signal,
): ToolCallContext {
  return { signal, logger: silentLogger, tenant: t, progress: async (u) => void progress.push(u) };
}

export function credentials(map: Record<string, string>): ICredentialResolver {
  return {
    async getPasswordAsync(id) {
      const v = map[String(id)];
      if (v === undefined) throw new Error(`no credential ${id}`);
      return v;
    },
  };
}

/** Tools as they appear in tools/list (write tools get the host's `confirm` property). */
export function listedTools(tools: readonly AnyTool[]): unknown[] {
  return tools.map((t) => {
    const inputSchema =
      t.access === "read"
        ? t.inputSchema
        : {
            ...t.inputSchema,
            properties: {
              ...(t.inputSchema.properties as object),
              confirm: {
                type: "boolean",
                description:
                  "Set to true only after the user has explicitly approved this change. Needed when your client cannot show confirmation prompts (MCP elicitation); without it the call returns confirmation_required with a summary to show the user.",
              },
            },
          };
    return {
      name: t.name,
      ...(t.title ? { title: t.title } : {}),
      description: t.description,
      inputSchema,
      ...(t.outputSchema ? { outputSchema: t.outputSchema } : {}),
      annotations: annotationsFor(t.access, t.annotations),
    };
  });
}

export function tools(
  http: HttpClient,
  creds: ICredentialResolver,
  config: DeploymentsConfig = { pollIntervalMs: 10 },
): Map<string, AnyTool> {
  const deps = new DeploymentsDeps(http, creds, config);
  return new Map(deploymentsToolDefinitions(deps).map((t) => [t.name, t]));
}

export async function call(
  tool: AnyTool | undefined,
  args: Record<string, unknown>,
  ctx: ToolCallContext,
): Promise<Record<string, unknown>> {
  if (!tool) throw new Error("no such tool");
  if (typeof tool.handler !== "function") throw new Error("class handler");
  return (await (tool.handler as (a: unknown, c: ToolCallContext) => unknown)(args, ctx)) as Record<
    string,
    unknown
  >;
}

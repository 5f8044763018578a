/**
 * `template_get_server_info`: which Octopus Server the caller tenant uses and its version.
 *
 * It shows every plugin principle in one place:
 * - credential safety: the config holds a credential ID; the secret is resolved per call through
 *   `ICredentialResolver` and sent only in a header (the host redacts it from logs);
 * - tenant isolation: the server comes from the *current caller tenant's* settings
 *   (`tenant.settings.octopus`), read inside the call, never cached across tenants;
 * - schema standards: zod schema with every property described and unknown keys refused;
 * - graceful degradation: outbound HTTP goes through the host's `HttpClient` (retries, breaker,
 *   timeouts, abort) and failures are typed errors the host turns into structured error bodies.
 */
import {
  defineTool,
  TOKENS,
  UnauthorizedError,
  UpstreamUnavailableError,
  type HttpClient,
  type ICredentialResolver,
  type IToolHandler,
  type ToolCallContext,
} from "@octopus-mcp/core";
import { inject, injectable } from "tsyringe";
import { z } from "zod";
import { TEMPLATE_CONFIG, type TemplateConfig } from "../config.js";

/** Fields the tool can return. */
export const SERVER_INFO_FIELDS = ["application", "version", "apiVersion", "installationId"] as const;
export type ServerInfoField = (typeof SERVER_INFO_FIELDS)[number];

export const getServerInfoInput = z
  .object({
    fields: z
      .array(z.enum(SERVER_INFO_FIELDS))
      .min(1)
      .optional()
      .describe("Fields to return; all when omitted. Use it to keep the answer short."),
  })
  .strict();

export type GetServerInfoArgs = z.infer<typeof getServerInfoInput>;

/** The tool's result: the server URL plus the requested fields. */
export interface ServerInfo {
  readonly serverUrl: string;
  readonly application?: string;
  readonly version?: string;
  readonly apiVersion?: string;
  readonly installationId?: string;
}

/** The part of Octopus's root document (`GET /api`) this tool reads (Octopus REST API, `RootResource`). */
interface OctopusRootDocument {
  readonly Application?: string;
  readonly Version?: string;
  readonly ApiVersion?: string;
  readonly InstallationId?: string;
}

/** Resolved from the plugin's container once per call; every parameter has an explicit token. */
@injectable()
export class GetServerInfoHandler implements IToolHandler<GetServerInfoArgs, ServerInfo> {
  constructor(
    @inject(TOKENS.HttpClient) private readonly http: HttpClient,
    @inject(TOKENS.CredentialResolver) private readonly credentials: ICredentialResolver,
    @inject(TEMPLATE_CONFIG) private readonly config: TemplateConfig,
  ) {}

  async handle(args: GetServerInfoArgs, context: ToolCallContext): Promise<ServerInfo> {
    const octopus = context.tenant.settings.octopus;
    if (octopus === undefined) {
      throw new UnauthorizedError(
        `Caller tenant "${context.tenant.tenantId}" has no Octopus Server configured. ` +
          `The operator must set tenants.${context.tenant.tenantId}.octopus in the host config.`,
      );
    }
    const secret = await this.credentials.getPasswordAsync(octopus.credentialId);
    const headers: Record<string, string> =
      octopus.credentialType === "bearer"
        ? { Authorization: `Bearer ${secret}` }
        : { "X-Octopus-ApiKey": secret };
    const response = await this.http.request<OctopusRootDocument>({
      url: new URL("api", withTrailingSlash(octopus.serverUrl)),
      headers,
      timeoutMs: this.config.requestTimeoutMs,
      signal: context.signal,
      upstreamName: "Octopus",
    });
    const root = response.body;
    if (typeof root !== "object" || root === null || typeof root.Version !== "string") {
      throw new UpstreamUnavailableError(
        `${octopus.serverUrl} did not answer like an Octopus Server (no Version in GET /api). Check serverUrl.`,
      );
    }
    context.logger.debug({ version: root.Version }, "read Octopus root document");
    const all: Record<ServerInfoField, string | undefined> = {
      application: root.Application,
      version: root.Version,
      apiVersion: root.ApiVersion,
      installationId: root.InstallationId,
    };
    const result: { -readonly [K in keyof ServerInfo]: ServerInfo[K] } = { serverUrl: octopus.serverUrl };
    for (const field of args.fields ?? SERVER_INFO_FIELDS) {
      const value = all[field];
      if (value !== undefined) result[field] = value;
    }
    return result;
  }
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

export const getServerInfoTool = defineTool({
  name: "template_get_server_info",
  title: "Octopus Server info",
  description:
    "Returns the URL, product name and version of the Octopus Server this caller uses. " +
    "Use it to check connectivity or which API features to expect.",
  access: "read",
  inputSchema: getServerInfoInput,
  outputSchema: {
    type: "object",
    additionalProperties: false,
    required: ["serverUrl"],
    properties: {
      serverUrl: { type: "string", description: "Base URL of the Octopus Server." },
      application: { type: "string", description: "Product name, e.g. Octopus Deploy." },
      version: { type: "string", description: "Octopus Server version, e.g. 2025.3.1234." },
      apiVersion: { type: "string", description: "REST API version." },
      installationId: { type: "string", description: "Unique ID of this Octopus installation." },
    },
  },
  handler: GetServerInfoHandler,
});

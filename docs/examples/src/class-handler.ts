// A class handler resolved from the plugin's DI container once per call. Every constructor
// parameter has an explicit @inject(TOKEN): test runners and bundlers do not emit decorator metadata.
import "reflect-metadata";
import {
  defineTool,
  TOKENS,
  type HttpClient,
  type ICredentialResolver,
  type IOctopusPlugin,
  type IToolHandler,
  type ToolCallContext,
} from "@octopus-mcp/core";
import { inject, injectable } from "tsyringe";
import { z } from "zod";
import { PRECOMPILED_CONFIG_VALIDATOR } from "./generated/config-validator.js";

/** The plugin's own config section, validated by the host against `configSchema`. */
export interface StatusConfig {
  readonly statusPath: string;
}
export const STATUS_CONFIG = Symbol.for("octopus-mcp-plugin-status.Config");

/** `manifest.configSchema`; test/config-validator.test.ts keeps its precompiled validator in step. */
export const STATUS_CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: { statusPath: { type: "string", default: "/api", description: "Path to probe." } },
};

const input = z.object({}).strict();

@injectable()
export class ServerStatusHandler implements IToolHandler<z.infer<typeof input>, { status: number }> {
  constructor(
    @inject(TOKENS.HttpClient) private readonly http: HttpClient,
    @inject(TOKENS.CredentialResolver) private readonly credentials: ICredentialResolver,
    @inject(STATUS_CONFIG) private readonly config: StatusConfig,
  ) {}

  async handle(_args: z.infer<typeof input>, context: ToolCallContext): Promise<{ status: number }> {
    const octopus = context.tenant.settings.octopus; // the current caller tenant's server
    if (!octopus) throw new Error("unreachable in this example: every tenant has an Octopus server");
    const apiKey = await this.credentials.getPasswordAsync(octopus.credentialId);
    const response = await this.http.request({
      url: new URL(this.config.statusPath, octopus.serverUrl),
      headers: { "X-Octopus-ApiKey": apiKey },
      signal: context.signal,
      upstreamName: "Octopus",
    });
    return { status: response.status };
  }
}

export function createStatusPlugin(): IOctopusPlugin<StatusConfig> {
  return {
    manifest: {
      name: "octopus-mcp-plugin-status",
      version: "1.0.0",
      namespace: "status",
      description: "Checks the caller tenant's Octopus Server.",
      hostVersion: "^0.1.0",
      configSchema: STATUS_CONFIG_SCHEMA,
      precompiledConfigValidator: PRECOMPILED_CONFIG_VALIDATOR, // optional, saves start-up time
    },
    onRegister(container, config) {
      container.registerInstance(STATUS_CONFIG, config); // no I/O here
    },
    async onStartAsync(context) {
      context.registry.addTool(
        defineTool({
          name: "status_check_server",
          description: "Returns the HTTP status of the caller tenant's Octopus Server API root.",
          access: "read",
          inputSchema: input,
          handler: ServerStatusHandler,
        }),
      );
    },
    async onStopAsync() {},
  };
}

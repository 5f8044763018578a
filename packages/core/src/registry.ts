/**
 * What a plugin registers in `onStartAsync` through `context.registry`: tools, resources, resource
 * templates and prompts. The host owns the merged registry and serves it over MCP.
 */
import type { ToolDefinition } from "./tool.js";
import type { ITenantContext } from "./tenant.js";
import type { Logger } from "./logger.js";

/** One item of a `resources/read` result (MCP `TextResourceContents` / `BlobResourceContents`). */
export type ResourceContents =
  | { readonly uri: string; readonly mimeType?: string; readonly text: string }
  | { readonly uri: string; readonly mimeType?: string; readonly blob: string };

/** Context of a resource read or prompt get; same scoping as a tool call. */
export interface RequestContext {
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly tenant: ITenantContext;
}

/** A fixed resource (listed in `resources/list`). */
export interface ResourceDefinition {
  /** e.g. `octopus://spaces` */
  readonly uri: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly mimeType?: string;
  read(uri: URL, context: RequestContext): Promise<readonly ResourceContents[]>;
}

/** A parameterised resource (RFC 6570 level-1 template, listed in `resources/templates/list`). */
export interface ResourceTemplateDefinition {
  /** e.g. `octopus://spaces/{space}/releases/{id}` */
  readonly uriTemplate: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly mimeType?: string;
  /** `variables` holds the decoded values of the template's `{name}` expressions. */
  read(
    uri: URL,
    variables: Readonly<Record<string, string>>,
    context: RequestContext,
  ): Promise<readonly ResourceContents[]>;
}

/** An argument of a prompt (MCP `PromptArgument`). */
export interface PromptArgumentDefinition {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

/** A message of a prompt (MCP `PromptMessage`, text only). */
export interface PromptMessageDefinition {
  readonly role: "user" | "assistant";
  readonly content: { readonly type: "text"; readonly text: string };
}

/** A prompt template (listed in `prompts/list`). Name: `<namespace>_<name>`. */
export interface PromptDefinition {
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly arguments?: readonly PromptArgumentDefinition[];
  get(
    args: Readonly<Record<string, string>>,
    context: RequestContext,
  ): Promise<{ readonly description?: string; readonly messages: readonly PromptMessageDefinition[] }>;
}

/** The registration surface handed to `onStartAsync`. Registering after start throws. */
export interface ToolRegistrar {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addTool(tool: ToolDefinition<any, any>): void;
  addResource(resource: ResourceDefinition): void;
  addResourceTemplate(template: ResourceTemplateDefinition): void;
  addPrompt(prompt: PromptDefinition): void;
  /** A paragraph for the server's `instructions` (how the agent should use this plugin's tools). */
  addInstructions(text: string): void;
}

/**
 * The items of the merged registry: what a plugin registered, validated, with the plugin it
 * belongs to and (for tools) the argument and output validators, each compiled once on first use.
 */
import type {
  PromptDefinition,
  ResourceDefinition,
  ResourceTemplateDefinition,
  ToolDefinition,
} from "@octopus-mcp/core";
import type { DependencyContainer } from "tsyringe";
import type { SchemaValidator } from "./lazy-validator.js";
import type { CompiledUriTemplate } from "./uri-template.js";

/** Which plugin an item came from. */
export interface PluginRef {
  /** Manifest name, e.g. `@octopus-mcp/plugin-octopus-tasks`. */
  readonly name: string;
  readonly namespace: string;
  readonly version: string;
  /** The plugin's child container (class handlers are resolved from it per call). */
  readonly container: DependencyContainer;
}

export interface RegisteredTool {
  readonly plugin: PluginRef;
  readonly definition: ToolDefinition;
  /**
   * Validates arguments against `definition.inputSchema` (host's strict Ajv, compiled on the first
   * call and reused). Throws InternalError if the schema does not compile (see SchemaValidator).
   */
  readonly validateArguments: SchemaValidator;
  /** The same for `definition.outputSchema`; `undefined` when the tool declares none. */
  readonly validateOutput: SchemaValidator | undefined;
  /** `JSON.stringify(inputSchema)` length in UTF-8 bytes (what every agent pays in context). */
  readonly inputSchemaBytes: number;
}

export interface RegisteredResource {
  readonly plugin: PluginRef;
  readonly definition: ResourceDefinition;
}

export interface RegisteredResourceTemplate {
  readonly plugin: PluginRef;
  readonly definition: ResourceTemplateDefinition;
  readonly template: CompiledUriTemplate;
}

export interface RegisteredPrompt {
  readonly plugin: PluginRef;
  readonly definition: PromptDefinition;
}

/** One reason a plugin's registrations were refused; `item` is the tool/resource/prompt name. */
export interface RegistrationProblem {
  readonly kind: "tool" | "resource" | "resourceTemplate" | "prompt";
  readonly item: string;
  /** JSON pointer from the item's definition, e.g. `/inputSchema/properties/space`. */
  readonly pointer: string;
  readonly rule: string;
  readonly message: string;
}

/** `Plugin "p" tool "t": /inputSchema/x: [rule] message` */
export function formatProblem(pluginName: string, problem: RegistrationProblem): string {
  const kind = problem.kind === "resourceTemplate" ? "resource template" : problem.kind;
  return (
    `Plugin "${pluginName}" ${kind} "${problem.item}": ${problem.pointer || "/"}: ` +
    `rule "${problem.rule}": ${problem.message}`
  );
}

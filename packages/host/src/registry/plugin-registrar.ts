/**
 * The `ToolRegistrar` one plugin receives in `onStartAsync`. It only collects: validation happens
 * after the plugin's start resolves ({@link validateRegistrations}), and registering outside the
 * plugin's start window throws, so the served registry cannot change under a running client.
 */
import type {
  PromptDefinition,
  ResourceDefinition,
  ResourceTemplateDefinition,
  ToolDefinition,
  ToolRegistrar,
} from "@octopus-mcp/core";

/** What one plugin registered during its start. */
export interface PluginRegistrations {
  readonly tools: readonly ToolDefinition[];
  readonly resources: readonly ResourceDefinition[];
  readonly resourceTemplates: readonly ResourceTemplateDefinition[];
  readonly prompts: readonly PromptDefinition[];
  readonly instructions: readonly string[];
}

export class PluginRegistrar implements ToolRegistrar {
  readonly #tools: ToolDefinition[] = [];
  readonly #resources: ResourceDefinition[] = [];
  readonly #templates: ResourceTemplateDefinition[] = [];
  readonly #prompts: PromptDefinition[] = [];
  readonly #instructions: string[] = [];
  #open = false;

  constructor(private readonly pluginName: string) {}

  /** Opens the start window (called just before `onStartAsync`). */
  open(): void {
    this.#open = true;
  }

  /** Closes it for good (start resolved, failed or timed out). */
  close(): void {
    this.#open = false;
  }

  #assertOpen(what: string): void {
    if (!this.#open) {
      throw new Error(
        `Plugin "${this.pluginName}" called registry.${what} outside its onStartAsync. ` +
          `Register tools, resources and prompts while onStartAsync runs (before its promise resolves).`,
      );
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addTool(tool: ToolDefinition<any, any>): void {
    this.#assertOpen("addTool");
    this.#tools.push(tool as ToolDefinition);
  }

  addResource(resource: ResourceDefinition): void {
    this.#assertOpen("addResource");
    this.#resources.push(resource);
  }

  addResourceTemplate(template: ResourceTemplateDefinition): void {
    this.#assertOpen("addResourceTemplate");
    this.#templates.push(template);
  }

  addPrompt(prompt: PromptDefinition): void {
    this.#assertOpen("addPrompt");
    this.#prompts.push(prompt);
  }

  addInstructions(text: string): void {
    this.#assertOpen("addInstructions");
    if (typeof text === "string" && text.trim() !== "") this.#instructions.push(text.trim());
  }

  /** A snapshot of everything registered so far. */
  registrations(): PluginRegistrations {
    return {
      tools: [...this.#tools],
      resources: [...this.#resources],
      resourceTemplates: [...this.#templates],
      prompts: [...this.#prompts],
      instructions: [...this.#instructions],
    };
  }
}

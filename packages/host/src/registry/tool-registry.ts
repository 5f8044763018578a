/**
 * The merged registry the host serves: tools, resources, resource templates and prompts of every
 * started plugin, validated at startup. It is filled once during `start()` and read-only after,
 * so every MCP `Server` (one for stdio, one per HTTP request later) lists the same items in the
 * same order.
 */
import type {
  RegisteredPrompt,
  RegisteredResource,
  RegisteredResourceTemplate,
  RegisteredTool,
} from "./registered-items.js";
import type { ValidatedRegistrations } from "./registration-validator.js";

/** A `resources/read` target: a fixed resource, or a template with the variables it matched. */
export type ResourceMatch =
  | { readonly kind: "resource"; readonly resource: RegisteredResource }
  | {
      readonly kind: "template";
      readonly template: RegisteredResourceTemplate;
      readonly variables: Record<string, string>;
    };

export class ToolRegistry {
  readonly #tools = new Map<string, RegisteredTool>();
  readonly #resources = new Map<string, RegisteredResource>();
  readonly #templates: RegisteredResourceTemplate[] = [];
  readonly #prompts = new Map<string, RegisteredPrompt>();
  readonly #instructions: { namespace: string; text: string }[] = [];
  #sealed = false;
  /** Sorted views, computed once when sealed (every tools/list and resources/read reads them). */
  #sorted:
    | {
        tools: readonly RegisteredTool[];
        resources: readonly RegisteredResource[];
        templates: readonly RegisteredResourceTemplate[];
        prompts: readonly RegisteredPrompt[];
      }
    | undefined;

  /**
   * Adds one plugin's validated items.
   * @throws Error when the registry is sealed or `validated` still has problems (a caller bug).
   */
  add(namespace: string, validated: ValidatedRegistrations): void {
    if (this.#sealed)
      throw new Error("The tool registry is sealed after start; it cannot change while serving.");
    if (validated.problems.length > 0)
      throw new Error(`Refusing to add plugin "${namespace}": it has registration problems`);
    for (const tool of validated.tools) this.#tools.set(tool.definition.name, tool);
    for (const resource of validated.resources) this.#resources.set(resource.definition.uri, resource);
    this.#templates.push(...validated.resourceTemplates);
    for (const prompt of validated.prompts) this.#prompts.set(prompt.definition.name, prompt);
    for (const text of validated.instructions) this.#instructions.push({ namespace, text });
  }

  /** Ends the filling phase. */
  seal(): void {
    this.#sealed = true;
    this.#sorted = {
      tools: this.#sortTools(),
      resources: this.#sortResources(),
      templates: this.#sortTemplates(),
      prompts: this.#sortPrompts(),
    };
  }

  #sortTools(): RegisteredTool[] {
    return [...this.#tools.values()].sort((a, b) => compare(a.definition.name, b.definition.name));
  }

  #sortResources(): RegisteredResource[] {
    return [...this.#resources.values()].sort((a, b) => compare(a.definition.uri, b.definition.uri));
  }

  #sortTemplates(): RegisteredResourceTemplate[] {
    return [...this.#templates].sort((a, b) => compare(a.definition.uriTemplate, b.definition.uriTemplate));
  }

  #sortPrompts(): RegisteredPrompt[] {
    return [...this.#prompts.values()].sort((a, b) => compare(a.definition.name, b.definition.name));
  }

  /** Every tool, sorted by name (deterministic `tools/list` order). */
  get tools(): readonly RegisteredTool[] {
    return this.#sorted?.tools ?? this.#sortTools();
  }

  getTool(name: string): RegisteredTool | undefined {
    return this.#tools.get(name);
  }

  /** Fixed resources, sorted by URI. */
  get resources(): readonly RegisteredResource[] {
    return this.#sorted?.resources ?? this.#sortResources();
  }

  /** Resource templates, sorted by template. */
  get resourceTemplates(): readonly RegisteredResourceTemplate[] {
    return this.#sorted?.templates ?? this.#sortTemplates();
  }

  /** Prompts, sorted by name. */
  get prompts(): readonly RegisteredPrompt[] {
    return this.#sorted?.prompts ?? this.#sortPrompts();
  }

  getPrompt(name: string): RegisteredPrompt | undefined {
    return this.#prompts.get(name);
  }

  /** A fixed resource with exactly this URI wins over templates; templates are tried in sorted order. */
  findResource(uri: string): ResourceMatch | undefined {
    const fixed = this.#resources.get(uri);
    if (fixed) return { kind: "resource", resource: fixed };
    for (const template of this.resourceTemplates) {
      const variables = template.template.match(uri);
      if (variables) return { kind: "template", template, variables };
    }
    return undefined;
  }

  /** The server `instructions`: each plugin's paragraphs, in plugin start order; `undefined` when none. */
  instructions(): string | undefined {
    if (this.#instructions.length === 0) return undefined;
    return this.#instructions.map((i) => i.text).join("\n\n");
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

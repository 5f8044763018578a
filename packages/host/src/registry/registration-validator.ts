/**
 * Validates what one plugin registered against the host's rules and the items already accepted
 * from other plugins. Produces either registry items with their validators, or the list of
 * problems that fail the plugin (the boot-failure policy then decides abort or continue).
 * Schemas either compile now (`eager`) or are checked without compiling and compiled on first use
 * (`on-first-use`, what the host does at start-up: see strict-schema-check.ts for why).
 */
import type { ToolDefinition } from "@octopus-mcp/core";
import { CONFIRM_ARGUMENT } from "../confirmation/confirm-argument.js";
import type { PluginRegistrations } from "./plugin-registrar.js";
import type {
  PluginRef,
  RegisteredPrompt,
  RegisteredResource,
  RegisteredResourceTemplate,
  RegisteredTool,
  RegistrationProblem,
} from "./registered-items.js";
import { compiledValidator, lazyValidator, type SchemaValidator } from "./lazy-validator.js";
import { checkInputSchema, checkOutputSchema, compileSchema, type SchemaViolation } from "./schema-rules.js";
import type { StrictSchemas } from "./strict-schemas.js";
import { checkSchemaStrictness } from "./strict-schema-check.js";
import { compileUriTemplate } from "./uri-template.js";

/** Tool and prompt names: snake_case (issue 2). */
export const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
/** Longest tool name; some clients prefix server names and cap the total at 64. */
export const MAX_TOOL_NAME_LENGTH = 64;

/** Names and URIs already taken, with the plugin that owns each (for duplicate messages). */
export interface TakenNames {
  readonly tools: Map<string, string>;
  readonly resourceUris: Map<string, string>;
  readonly resourceNames: Map<string, string>;
  readonly templates: Map<string, string>;
  readonly prompts: Map<string, string>;
}

export function emptyTakenNames(): TakenNames {
  return {
    tools: new Map(),
    resourceUris: new Map(),
    resourceNames: new Map(),
    templates: new Map(),
    prompts: new Map(),
  };
}

/**
 * When tool schemas are compiled: `eager` compiles every schema during validation (the full Ajv
 * check; ~1 ms a schema), `on-first-use` checks them with {@link checkSchemaStrictness} and
 * compiles each validator on its first call.
 */
export type SchemaCompilation = "eager" | "on-first-use";

/** Name lookups over two layers (names taken by earlier plugins, then by this plugin). */
type NameLookup = Pick<ReadonlyMap<string, string>, "get" | "has">;

function layered(lower: ReadonlyMap<string, string>, upper: ReadonlyMap<string, string>): NameLookup {
  return {
    get: (key) => upper.get(key) ?? lower.get(key),
    has: (key) => upper.has(key) || lower.has(key),
  };
}

export interface ValidatedRegistrations {
  readonly tools: RegisteredTool[];
  readonly resources: RegisteredResource[];
  readonly resourceTemplates: RegisteredResourceTemplate[];
  readonly prompts: RegisteredPrompt[];
  readonly instructions: readonly string[];
  readonly problems: RegistrationProblem[];
}

function nameProblems(
  kind: RegistrationProblem["kind"],
  name: unknown,
  namespace: string,
  taken: NameLookup,
  plugin: string,
  maxLength: number | undefined,
): RegistrationProblem[] {
  const item = typeof name === "string" ? name : String(name);
  if (typeof name !== "string" || name === "") {
    return [
      { kind, item, pointer: "/name", rule: "name-pattern", message: "name must be a non-empty string" },
    ];
  }
  const out: RegistrationProblem[] = [];
  if (!NAME_PATTERN.test(name)) {
    out.push({
      kind,
      item,
      pointer: "/name",
      rule: "name-pattern",
      message: `name must match ${NAME_PATTERN.source} (snake_case)`,
    });
  }
  if (!name.startsWith(`${namespace}_`) || name.length === namespace.length + 1) {
    out.push({
      kind,
      item,
      pointer: "/name",
      rule: "namespace-prefix",
      message: `name must start with the plugin namespace "${namespace}_" followed by a verb, e.g. "${namespace}_list_things"`,
    });
  }
  if (maxLength !== undefined && name.length > maxLength) {
    out.push({
      kind,
      item,
      pointer: "/name",
      rule: "name-length",
      message: `name has ${name.length} characters; at most ${maxLength} allowed`,
    });
  }
  const owner = taken.get(name);
  if (owner !== undefined) {
    out.push({
      kind,
      item,
      pointer: "/name",
      rule: "unique-name",
      message:
        owner === plugin ? `registered twice by this plugin` : `already registered by plugin "${owner}"`,
    });
  }
  return out;
}

/** `schema-compiles` for one schema: compiled now (eager) or checked and compiled on first use. */
function schemaValidator(
  strict: StrictSchemas,
  compilation: SchemaCompilation,
  schema: object,
  owner: { plugin: string; tool: string; pointer: "/inputSchema" | "/outputSchema" },
): { validator: SchemaValidator | undefined; violations: SchemaViolation[] } {
  if (compilation === "eager") {
    const compiled = compileSchema(strict.ajv, schema as never, owner.pointer);
    return {
      violations: compiled.violations,
      validator: compiled.validate && compiledValidator(compiled.validate, owner),
    };
  }
  const violations = checkSchemaStrictness(strict, schema, owner.pointer);
  return { violations, validator: violations.length > 0 ? undefined : lazyValidator(strict, schema, owner) };
}

function validateTool(
  tool: ToolDefinition,
  plugin: PluginRef,
  strict: StrictSchemas,
  compilation: SchemaCompilation,
  takenTools: NameLookup,
): { tool?: RegisteredTool; problems: RegistrationProblem[] } {
  const item = typeof tool?.name === "string" ? tool.name : String(tool?.name);
  const problems: RegistrationProblem[] = nameProblems(
    "tool",
    tool?.name,
    plugin.namespace,
    takenTools,
    plugin.name,
    MAX_TOOL_NAME_LENGTH,
  );
  const push = (pointer: string, rule: string, message: string) =>
    problems.push({ kind: "tool", item, pointer, rule, message });

  if (typeof tool.description !== "string" || tool.description.trim() === "") {
    push(
      "/description",
      "tool-description",
      "description must be a non-empty string saying what the tool returns and when to use it",
    );
  }
  if (!["read", "write", "delete"].includes(tool.access)) {
    push(
      "/access",
      "access",
      `access must be "read", "write" or "delete" (found ${JSON.stringify(tool.access)})`,
    );
  }
  if (typeof tool.handler !== "function") {
    push("/handler", "handler", "handler must be a function or a class with a handle(args, context) method");
  }

  for (const v of checkInputSchema(tool.inputSchema)) push(v.pointer, v.rule, v.message);
  const declared = (tool.inputSchema as { properties?: unknown } | undefined)?.properties;
  if (
    tool.access !== "read" &&
    typeof declared === "object" &&
    declared !== null &&
    CONFIRM_ARGUMENT in declared
  ) {
    push(
      `/inputSchema/properties/${CONFIRM_ARGUMENT}`,
      "reserved-argument",
      `write/delete tools must not declare "${CONFIRM_ARGUMENT}": the host adds it (confirmation fallback) and strips it before the handler; rename the property`,
    );
  }
  const owner = (pointer: "/inputSchema" | "/outputSchema") => ({ plugin: plugin.name, tool: item, pointer });
  const input = problems.some((p) => p.pointer.startsWith("/inputSchema"))
    ? undefined
    : schemaValidator(strict, compilation, tool.inputSchema, owner("/inputSchema"));
  for (const v of input?.violations ?? []) push(v.pointer, v.rule, v.message);

  let output: ReturnType<typeof schemaValidator> | undefined;
  if (tool.outputSchema !== undefined) {
    const outputViolations = checkOutputSchema(tool.outputSchema);
    for (const v of outputViolations) push(v.pointer, v.rule, v.message);
    if (outputViolations.length === 0) {
      output = schemaValidator(strict, compilation, tool.outputSchema, owner("/outputSchema"));
      for (const v of output.violations) push(v.pointer, v.rule, v.message);
    }
  }

  if (problems.length > 0 || !input?.validator) return { problems };
  return {
    problems,
    tool: {
      plugin,
      definition: tool,
      validateArguments: input.validator,
      validateOutput: output?.validator,
      inputSchemaBytes: Buffer.byteLength(JSON.stringify(tool.inputSchema), "utf8"),
    },
  };
}

/**
 * Validates `registrations` of `plugin`. Accepted names are added to `taken` only when the plugin
 * has no problem at all (a failed plugin serves nothing). `compilation` defaults to `on-first-use`
 * (host start-up); `checkToolDefinitions` passes `eager`. Schemas are checked against `strict`'s
 * rules; on-first-use validators keep `strict` and compile with its Ajv later (Ajv caches them).
 */
export function validateRegistrations(
  plugin: PluginRef,
  registrations: PluginRegistrations,
  strict: StrictSchemas,
  taken: TakenNames,
  compilation: SchemaCompilation = "on-first-use",
): ValidatedRegistrations {
  const problems: RegistrationProblem[] = [];
  const local = emptyTakenNames();
  // Lookups see earlier plugins' names and this plugin's so far (not copied: 2,000 tools).
  const view = {
    tools: layered(taken.tools, local.tools),
    resourceUris: layered(taken.resourceUris, local.resourceUris),
    resourceNames: layered(taken.resourceNames, local.resourceNames),
    templates: layered(taken.templates, local.templates),
    prompts: layered(taken.prompts, local.prompts),
  };

  const tools: RegisteredTool[] = [];
  for (const definition of registrations.tools) {
    const result = validateTool(definition, plugin, strict, compilation, view.tools);
    problems.push(...result.problems);
    if (result.tool) tools.push(result.tool);
    if (typeof definition?.name === "string") local.tools.set(definition.name, plugin.name);
  }

  const resources: RegisteredResource[] = [];
  for (const definition of registrations.resources) {
    const current = view;
    const item = String(definition.name);
    const p = nameProblems(
      "resource",
      definition.name,
      plugin.namespace,
      current.resourceNames,
      plugin.name,
      undefined,
    );
    if (!URL.canParse(String(definition.uri))) {
      p.push({
        kind: "resource",
        item,
        pointer: "/uri",
        rule: "uri",
        message: `uri ${JSON.stringify(definition.uri)} is not an absolute URI`,
      });
    } else if (current.resourceUris.has(definition.uri)) {
      p.push({
        kind: "resource",
        item,
        pointer: "/uri",
        rule: "unique-uri",
        message: `uri "${definition.uri}" is already registered by plugin "${current.resourceUris.get(definition.uri)}"`,
      });
    }
    if (typeof definition.read !== "function") {
      p.push({
        kind: "resource",
        item,
        pointer: "/read",
        rule: "handler",
        message: "read must be a function",
      });
    }
    problems.push(...p);
    if (p.length === 0) resources.push({ plugin, definition });
    local.resourceNames.set(item, plugin.name);
    local.resourceUris.set(String(definition.uri), plugin.name);
  }

  const resourceTemplates: RegisteredResourceTemplate[] = [];
  for (const definition of registrations.resourceTemplates) {
    const current = view;
    const item = String(definition.name);
    const p = nameProblems(
      "resourceTemplate",
      definition.name,
      plugin.namespace,
      current.resourceNames,
      plugin.name,
      undefined,
    );
    let template: ReturnType<typeof compileUriTemplate> | undefined;
    try {
      template = compileUriTemplate(String(definition.uriTemplate));
    } catch (error) {
      p.push({
        kind: "resourceTemplate",
        item,
        pointer: "/uriTemplate",
        rule: "uri-template",
        message: (error as Error).message,
      });
    }
    if (current.templates.has(definition.uriTemplate)) {
      p.push({
        kind: "resourceTemplate",
        item,
        pointer: "/uriTemplate",
        rule: "unique-uri",
        message: `uriTemplate "${definition.uriTemplate}" is already registered by plugin "${current.templates.get(definition.uriTemplate)}"`,
      });
    }
    if (typeof definition.read !== "function") {
      p.push({
        kind: "resourceTemplate",
        item,
        pointer: "/read",
        rule: "handler",
        message: "read must be a function",
      });
    }
    problems.push(...p);
    if (p.length === 0 && template) resourceTemplates.push({ plugin, definition, template });
    local.resourceNames.set(item, plugin.name);
    local.templates.set(String(definition.uriTemplate), plugin.name);
  }

  const prompts: RegisteredPrompt[] = [];
  for (const definition of registrations.prompts) {
    const item = String(definition.name);
    const p = nameProblems(
      "prompt",
      definition.name,
      plugin.namespace,
      view.prompts,
      plugin.name,
      MAX_TOOL_NAME_LENGTH,
    );
    if (typeof definition.get !== "function") {
      p.push({ kind: "prompt", item, pointer: "/get", rule: "handler", message: "get must be a function" });
    }
    problems.push(...p);
    if (p.length === 0) prompts.push({ plugin, definition });
    local.prompts.set(item, plugin.name);
  }

  if (problems.length === 0) {
    for (const [k, v] of local.tools) taken.tools.set(k, v);
    for (const [k, v] of local.resourceUris) taken.resourceUris.set(k, v);
    for (const [k, v] of local.resourceNames) taken.resourceNames.set(k, v);
    for (const [k, v] of local.templates) taken.templates.set(k, v);
    for (const [k, v] of local.prompts) taken.prompts.set(k, v);
  }
  return { tools, resources, resourceTemplates, prompts, instructions: registrations.instructions, problems };
}

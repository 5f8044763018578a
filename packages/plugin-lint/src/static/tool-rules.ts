/**
 * Tool-definition rules (reference/lint-rules.md §1, §1.1): names, descriptions and size, schema
 * structure and portability, and access vs annotations. The host's own startup rules are reused
 * (`checkInputSchema`, `compileSchema`, `NAME_PATTERN`) so lint and host never disagree.
 */
import { annotationsFor, type ToolDefinition } from "@octopus-mcp/core";
import {
  checkInputSchema,
  checkOutputSchema,
  compileSchema,
  createStrictAjv,
  MAX_TOOL_NAME_LENGTH,
  NAME_PATTERN,
  type SchemaRule,
} from "@octopus-mcp/host";
import type { RawFinding } from "../findings.js";
import { walkSchema } from "./schema-walk.js";

/** Longest description before L-SIZE-1 warns, in characters. */
export const MAX_DESCRIPTION_CHARS = 1024;
/** Most tools per plugin before L-SIZE-1 warns (mcp-scan W002). */
export const MAX_TOOLS = 100;

const HOST_RULE_TO_LINT: Record<SchemaRule, string> = {
  "root-object": "L-SCHEMA-1",
  "schema-compiles": "L-SCHEMA-6",
  "required-declared": "L-SCHEMA-8",
  "property-description": "L-SCHEMA-9",
  "no-additional-properties": "L-SCHEMA-11",
};

const MUTATING_VERBS = new Set([
  "delete",
  "remove",
  "drop",
  "send",
  "post",
  "pay",
  "write",
  "create",
  "update",
  "cancel",
  "deploy",
  "purge",
  "destroy",
  "kill",
  "restart",
  "sync",
  "rollback",
  "promote",
  "set",
  "put",
  "patch",
  "trigger",
  "run",
  "execute",
  "approve",
  "reject",
  "submit",
]);
const CONSTRAINING = [
  "type",
  "enum",
  "const",
  "$ref",
  "anyOf",
  "oneOf",
  "allOf",
  "not",
  "properties",
  "items",
  "pattern",
  "format",
];
const DIALECT_2020 = /^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function portability(schema: unknown, base: string, tool: string, out: RawFinding[]): void {
  walkSchema(schema, base, ({ schema: s, pointer, slot, name }) => {
    const at = { tool, pointer };
    if (typeof s === "boolean") {
      if (slot !== "root")
        out.push({
          ruleId: "L-SCHEMA-2",
          location: at,
          message: `bare ${s} schema${name ? ` for property "${name}"` : ""}`,
        });
      return;
    }
    if (!isRecord(s)) return;
    if (Array.isArray(s.type)) {
      out.push({
        ruleId: "L-SCHEMA-3",
        location: { tool, pointer: `${pointer}/type` },
        message: `type is an array ${JSON.stringify(s.type)}; some clients only read a single type`,
      });
    }
    if (typeof s.$ref === "string" && !s.$ref.startsWith("#")) {
      out.push({
        ruleId: "L-SCHEMA-4",
        location: { tool, pointer: `${pointer}/$ref` },
        message: `remote $ref "${s.$ref}" cannot be resolved by clients`,
      });
    }
    if ((slot === "property" || slot === "items") && !CONSTRAINING.some((k) => k in s)) {
      out.push({
        ruleId: "L-SCHEMA-5",
        location: at,
        message: `untyped subschema${name ? ` for property "${name}"` : ""}: accepts any value`,
      });
    }
  });
}

function hints(schema: unknown, tool: string, out: RawFinding[]): void {
  walkSchema(schema, "/inputSchema", ({ schema: s, pointer, slot, name }) => {
    if (slot !== "property" || !isRecord(s) || name === undefined) return;
    const isString = s.type === "string";
    if (isString && s.enum === undefined && s.const === undefined) {
      const d = typeof s.description === "string" ? s.description : "";
      const alternation =
        typeof s.pattern === "string" && /^\^\(?[A-Za-z0-9_-]+(?:\|[A-Za-z0-9_-]+)+\)?\$$/.test(s.pattern);
      const listed = /\bone of\b[^.]*?(["'`])[^"'`]+\1\s*(?:,|\bor\b)/i.test(d);
      if (alternation || listed) {
        out.push({
          ruleId: "L-SCHEMA-12",
          location: { tool, pointer },
          message: `property "${name}" accepts a fixed set of values but declares no enum`,
        });
      }
    }
    if (isString && s.format === undefined && s.enum === undefined) {
      const lower = name.toLowerCase();
      const want = /e-?mail(?:address)?$/.test(lower)
        ? "email"
        : /(?:^|_)(?:url|uri)$|(?:url|uri)$/.test(lower)
          ? "uri"
          : /(?:timestamp|datetime|date)$/.test(lower)
            ? "date-time or date"
            : undefined;
      if (want)
        out.push({
          ruleId: "L-SCHEMA-13",
          location: { tool, pointer },
          message: `string property "${name}" has no "format" (expected ${want})`,
        });
    }
  });
}

function accessRules(tool: ToolDefinition, namespace: string, out: RawFinding[]): void {
  const name = tool.name;
  const explicit = isRecord(tool.annotations) ? tool.annotations : {};
  const effective = annotationsFor(tool.access, explicit);
  if (tool.access === "read" && explicit.readOnlyHint === false) {
    out.push({
      ruleId: "L-ACCESS-1",
      location: { tool: name, pointer: "/annotations/readOnlyHint" },
      message: `access "read" but readOnlyHint is false`,
    });
  }
  if (tool.access !== "read" && explicit.readOnlyHint === true) {
    out.push({
      ruleId: "L-ACCESS-1",
      location: { tool: name, pointer: "/annotations/readOnlyHint" },
      message: `access "${tool.access}" but readOnlyHint is true`,
    });
  }
  if (tool.access === "delete" && explicit.destructiveHint === false) {
    out.push({
      ruleId: "L-ACCESS-1",
      location: { tool: name, pointer: "/annotations/destructiveHint" },
      message: `access "delete" but destructiveHint is false`,
    });
  }
  if (tool.access === "read" && explicit.destructiveHint === true) {
    out.push({
      ruleId: "L-ACCESS-1",
      location: { tool: name, pointer: "/annotations/destructiveHint" },
      message: `access "read" but destructiveHint is true`,
    });
  }
  if (effective.readOnlyHint === true && effective.destructiveHint === true) {
    out.push({
      ruleId: "L-ANNOT-2",
      location: { tool: name, pointer: "/annotations" },
      message: "readOnlyHint and destructiveHint are both true",
    });
  }
  if (effective.readOnlyHint === true && typeof name === "string") {
    const words = (name.startsWith(`${namespace}_`) ? name.slice(namespace.length + 1) : name).split(/[_.-]/);
    // Names follow `<namespace>_<verb>[_<noun>]`: only the verb position says what the tool does.
    const verb = words[0] !== undefined && MUTATING_VERBS.has(words[0].toLowerCase()) ? words[0] : undefined;
    if (verb) {
      out.push({
        ruleId: "L-ANNOT-2",
        location: { tool: name, pointer: "/name" },
        message: `read-only tool is named with the mutating verb "${verb}"`,
      });
    }
  }
}

/** Structure rules of all `tools` of a plugin with namespace `namespace`. */
export function checkToolDefinitions(tools: readonly ToolDefinition[], namespace: string): RawFinding[] {
  const out: RawFinding[] = [];
  const ajv = createStrictAjv();
  const seen = new Set<string>();
  if (tools.length > MAX_TOOLS) {
    out.push({
      ruleId: "L-SIZE-1",
      location: {},
      message: `the plugin registers ${tools.length} tools (more than ${MAX_TOOLS})`,
    });
  }
  tools.forEach((tool, index) => {
    const name = typeof tool?.name === "string" ? tool.name : `#${index}`;
    const at = (pointer: string) => ({ tool: name, pointer });
    if (typeof tool.name !== "string" || !/^[A-Za-z0-9._-]{1,128}$/.test(tool.name)) {
      out.push({
        ruleId: "L-NAME-1",
        location: at("/name"),
        message: `name ${JSON.stringify(tool.name)} does not match ^[A-Za-z0-9._-]{1,128}$`,
      });
    }
    if (typeof tool.name === "string") {
      if (seen.has(tool.name))
        out.push({
          ruleId: "L-NAME-2",
          location: at("/name"),
          message: `"${tool.name}" is registered twice`,
        });
      seen.add(tool.name);
      const problems: string[] = [];
      if (!NAME_PATTERN.test(tool.name)) problems.push("is not snake_case");
      if (!tool.name.startsWith(`${namespace}_`) || tool.name.length === namespace.length + 1)
        problems.push(`does not start with "${namespace}_" plus a verb`);
      if (tool.name.length > MAX_TOOL_NAME_LENGTH)
        problems.push(`has ${tool.name.length} characters (at most ${MAX_TOOL_NAME_LENGTH})`);
      if (problems.length > 0)
        out.push({
          ruleId: "L-NAME-3",
          location: at("/name"),
          message: `name "${tool.name}" ${problems.join(", ")}`,
        });
    }
    if (typeof tool.description !== "string" || tool.description.trim() === "") {
      out.push({
        ruleId: "L-DESC-1",
        location: at("/description"),
        message: "description is missing or empty",
      });
    } else if (tool.description.length > MAX_DESCRIPTION_CHARS) {
      out.push({
        ruleId: "L-SIZE-1",
        location: at("/description"),
        message: `description has ${tool.description.length} characters (budget ${MAX_DESCRIPTION_CHARS})`,
      });
    }

    const input = tool.inputSchema as unknown;
    const inputViolations = checkInputSchema(input);
    for (const v of inputViolations)
      out.push({ ruleId: HOST_RULE_TO_LINT[v.rule], location: at(v.pointer), message: v.message });
    if (isRecord(input) && input.type === "object") {
      portability(input, "/inputSchema", name, out);
      hints(input, name, out);
      if (typeof input.$schema === "string" && !DIALECT_2020.test(input.$schema)) {
        out.push({
          ruleId: "L-SCHEMA-6",
          location: at("/inputSchema/$schema"),
          message: `declares dialect "${input.$schema}"; tools use JSON Schema 2020-12`,
        });
      } else if (!inputViolations.some((v) => v.rule === "required-declared")) {
        for (const v of compileSchema(ajv, input as never, "/inputSchema").violations)
          out.push({ ruleId: "L-SCHEMA-6", location: at(v.pointer), message: v.message });
      }
      const props = isRecord(input.properties) ? Object.keys(input.properties) : [];
      if (props.length === 0 && input.additionalProperties !== false) {
        out.push({
          ruleId: "L-SCHEMA-10",
          location: at("/inputSchema"),
          message: "tool without parameters does not set additionalProperties: false",
        });
      }
    }
    if (tool.outputSchema !== undefined) {
      const outputViolations = checkOutputSchema(tool.outputSchema);
      for (const v of outputViolations)
        out.push({ ruleId: "L-SCHEMA-7", location: at(v.pointer), message: v.message });
      if (outputViolations.length === 0) {
        portability(tool.outputSchema, "/outputSchema", name, out);
        for (const v of compileSchema(ajv, tool.outputSchema, "/outputSchema").violations)
          out.push({ ruleId: "L-SCHEMA-6", location: at(v.pointer), message: v.message });
      }
    }
    accessRules(tool, namespace, out);
  });
  return out;
}

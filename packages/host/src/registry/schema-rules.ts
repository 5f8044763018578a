/**
 * The startup rules every tool schema must pass before the host serves it (issue 2, "Registry").
 * Rules are checked by walking the schema ourselves (so each violation has a JSON pointer and a
 * rule name an author can act on), then `schema-compiles`: at host start-up by
 * {@link checkSchemaStrictness} (meta-schema and Ajv strict-mode checks, without compiling), in
 * `checkToolDefinitions` and plugin-lint by compiling under the host's strict Ajv.
 *
 * Why so strict: SDK 1.32 clients throw on the whole `tools/list` when one tool's inputSchema lacks
 * root `type: "object"` (reference/mcp-protocol.md §3), and zod-to-json-schema silently returns an
 * empty schema for zod 4 input, which would otherwise reach clients as "accepts anything".
 */
import type { JsonSchema } from "@octopus-mcp/core";
import { escapePointerSegment, resolvePointerRef } from "./json-pointer.js";
import type { StrictAjv } from "./strict-ajv.js";
import { StrictSchemas } from "./strict-schemas.js";
import { SCHEMA_COMPILES_PREFIX, checkSchemaStrictness } from "./strict-schema-check.js";

export { escapePointerSegment };

/** Rule names, as they appear in startup errors and docs/plugin-authoring.md. */
export type SchemaRule =
  | "root-object"
  | "schema-compiles"
  | "required-declared"
  | "property-description"
  | "no-additional-properties";

/** One broken rule; `pointer` is a JSON pointer from the tool definition, e.g. `/inputSchema/properties/space`. */
export interface SchemaViolation {
  readonly pointer: string;
  readonly rule: SchemaRule;
  readonly message: string;
}

type SchemaObject = Record<string, unknown>;

function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks root `type: "object"`. An empty or type-less schema gets a message that names the usual
 * cause (a zod 4 schema handed to zod-to-json-schema).
 */
export function checkRootObject(schema: unknown, pointer: string): SchemaViolation[] {
  if (!isSchemaObject(schema)) {
    return [{ pointer, rule: "root-object", message: `must be a JSON Schema object with "type": "object"` }];
  }
  if (schema.type === "object") return [];
  const keys = Object.keys(schema).filter((k) => k !== "$schema");
  const hint =
    keys.length === 0
      ? ` The schema is empty: this is what zod-to-json-schema returns for a zod 4 schema. Use the zod 3 API ` +
        `("zod" ^3.25, import from "zod"), or convert zod 4 schemas with z.toJSONSchema; defineTool does this for you.`
      : "";
  const found = schema.type === undefined ? "no type" : `type ${JSON.stringify(schema.type)}`;
  return [
    {
      pointer: `${pointer}/type`,
      rule: "root-object",
      message:
        `root must have "type": "object" (found ${found}); a tool without parameters uses ` +
        `{ "type": "object", "additionalProperties": false }.${hint}`,
    },
  ];
}

/** Resolves a local `$ref` (`#/$defs/X`) against `root`; `undefined` when it cannot. */
function resolveLocalRef(root: SchemaObject, ref: string): SchemaObject | undefined {
  const target = resolvePointerRef(root, ref)?.target;
  return isSchemaObject(target) ? target : undefined;
}

function hasDescription(root: SchemaObject, schema: unknown): boolean {
  if (!isSchemaObject(schema)) return false;
  if (typeof schema.description === "string" && schema.description.trim() !== "") return true;
  if (typeof schema.$ref === "string") {
    const target = resolveLocalRef(root, schema.$ref);
    return target !== undefined && typeof target.description === "string" && target.description.trim() !== "";
  }
  return false;
}

/** Walks every subschema, checking the object rules wherever an object schema appears. */
function walk(
  root: SchemaObject,
  schema: unknown,
  pointer: string,
  out: SchemaViolation[],
  depth: number,
): void {
  if (!isSchemaObject(schema) || depth > 64) return;
  const properties = isSchemaObject(schema.properties) ? schema.properties : undefined;
  const isObject =
    schema.type === "object" ||
    (Array.isArray(schema.type) && schema.type.includes("object")) ||
    properties !== undefined;

  if (isObject) {
    const additional = schema.additionalProperties;
    if (additional === true || (isSchemaObject(additional) && Object.keys(additional).length === 0)) {
      out.push({
        pointer: `${pointer}/additionalProperties`,
        rule: "no-additional-properties",
        message: `"additionalProperties" must not be true (or {}): declare every property, or set it to false`,
      });
    }
    if (Array.isArray(schema.required)) {
      schema.required.forEach((name, index) => {
        if (typeof name !== "string" || properties === undefined || !(name in properties)) {
          out.push({
            pointer: `${pointer}/required/${index}`,
            rule: "required-declared",
            message: `required entry ${JSON.stringify(name)} is not declared in "properties"`,
          });
        }
      });
    }
    for (const [name, propertySchema] of Object.entries(properties ?? {})) {
      const propertyPointer = `${pointer}/properties/${escapePointerSegment(name)}`;
      if (!hasDescription(root, propertySchema)) {
        out.push({
          pointer: propertyPointer,
          rule: "property-description",
          message: `property "${name}" has no "description" (agents choose arguments from it; with zod use .describe())`,
        });
      }
      walk(root, propertySchema, propertyPointer, out, depth + 1);
    }
    if (isSchemaObject(additional)) walk(root, additional, `${pointer}/additionalProperties`, out, depth + 1);
  }

  for (const keyword of ["items", "not", "if", "then", "else", "contains"]) {
    if (isSchemaObject(schema[keyword])) walk(root, schema[keyword], `${pointer}/${keyword}`, out, depth + 1);
  }
  for (const keyword of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
    const list = schema[keyword];
    if (Array.isArray(list))
      list.forEach((sub, i) => walk(root, sub, `${pointer}/${keyword}/${i}`, out, depth + 1));
  }
  for (const keyword of ["$defs", "definitions"]) {
    const defs = schema[keyword];
    if (isSchemaObject(defs)) {
      for (const [name, sub] of Object.entries(defs)) {
        walk(root, sub, `${pointer}/${keyword}/${escapePointerSegment(name)}`, out, depth + 1);
      }
    }
  }
}

/**
 * Compiles `schema` under the strict Ajv (eagerly: ~1 ms a schema). Returns the validator, or
 * `schema-compiles` violations: those of {@link checkSchemaStrictness} when it locates the problem
 * (so host start-up and eager checks report the same pointer and wording), else one at `pointer`
 * carrying Ajv's message.
 */
export function compileSchema(
  ajv: StrictAjv,
  schema: JsonSchema,
  pointer: string,
): { validate?: ReturnType<StrictAjv["compile"]>; violations: SchemaViolation[] } {
  try {
    return { validate: ajv.compile(schema as SchemaObject), violations: [] };
  } catch (error) {
    const located = checkSchemaStrictness(StrictSchemas.of(ajv), schema, pointer);
    if (located.length > 0) return { violations: located };
    const reason = error instanceof Error ? error.message : String(error);
    return {
      violations: [{ pointer, rule: "schema-compiles", message: `${SCHEMA_COMPILES_PREFIX}${reason}` }],
    };
  }
}

/**
 * All rule violations of an input schema: root object, then (only if that holds) the object rules
 * recursively. Compilation is separate ({@link compileSchema}).
 */
export function checkInputSchema(schema: unknown, pointer = "/inputSchema"): SchemaViolation[] {
  const root = checkRootObject(schema, pointer);
  if (root.length > 0) return root;
  const out: SchemaViolation[] = [];
  walk(schema as SchemaObject, schema, pointer, out, 0);
  return out;
}

/** Output schemas only need root `type: "object"` (MCP 2025-11-25, `Tool.outputSchema`). */
export function checkOutputSchema(schema: unknown, pointer = "/outputSchema"): SchemaViolation[] {
  return checkRootObject(schema, pointer);
}

/**
 * Schema-valid example arguments from a tool's inputSchema, for smoke tests ("every tool accepts
 * its own minimal arguments"). Covers what tool schemas use: const/enum/default/examples, the
 * primitive types with length/range bounds and common formats, arrays, nested objects, anyOf/oneOf
 * (first branch) and local `$ref`. `pattern` is not solved: give such properties an `examples`
 * entry. Check the result with the host's validator when in doubt.
 */
import type { JsonSchema } from "@octopus-mcp/core";

type Schema = Record<string, unknown>;

export interface ExampleOptions {
  /** Fill optional properties too. Default false (required ones only). */
  readonly includeOptional?: boolean;
}

const FORMATS: Record<string, string> = {
  "date-time": "2026-01-01T00:00:00Z",
  date: "2026-01-01",
  time: "00:00:00Z",
  uri: "https://example.com/",
  url: "https://example.com/",
  email: "someone@example.com",
  uuid: "00000000-0000-4000-8000-000000000000",
  hostname: "example.com",
  ipv4: "127.0.0.1",
};

function resolveRef(root: Schema, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split("/"))
    node = (node as Schema | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  return typeof node === "object" && node !== null ? (node as Schema) : schema;
}

function example(root: Schema, raw: unknown, options: ExampleOptions, depth: number): unknown {
  if (typeof raw !== "object" || raw === null || depth > 32) return null;
  const schema = resolveRef(root, raw as Schema);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  for (const key of ["oneOf", "anyOf"]) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const first = branches.find((b) => (b as Schema).type !== "null") ?? branches[0];
      return example(root, first, options, depth + 1);
    }
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  const type = types.find((t) => t !== "null") ?? types[0] ?? (schema.properties ? "object" : undefined);
  switch (type) {
    case "string": {
      if (typeof schema.format === "string" && FORMATS[schema.format]) return FORMATS[schema.format];
      const min = typeof schema.minLength === "number" ? schema.minLength : 1;
      return "x".repeat(Math.max(min, 1));
    }
    case "integer":
    case "number": {
      if (typeof schema.minimum === "number")
        return type === "integer" ? Math.ceil(schema.minimum) : schema.minimum;
      if (typeof schema.exclusiveMinimum === "number") return Math.floor(schema.exclusiveMinimum) + 1;
      if (typeof schema.maximum === "number" && schema.maximum < 1)
        return type === "integer" ? Math.floor(schema.maximum) : schema.maximum;
      return 1;
    }
    case "boolean":
      return false;
    case "null":
      return null;
    case "array": {
      const count = typeof schema.minItems === "number" ? schema.minItems : 0;
      return Array.from({ length: count }, () => example(root, schema.items, options, depth + 1));
    }
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, unknown>;
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      const out: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(properties)) {
        if (required.has(name) || options.includeOptional) out[name] = example(root, sub, options, depth + 1);
      }
      return out;
    }
    default:
      return null;
  }
}

/** Example arguments valid against `inputSchema` (see the module comment for what is covered). */
export function exampleArguments(
  inputSchema: JsonSchema,
  options: ExampleOptions = {},
): Record<string, unknown> {
  const value = example(inputSchema as Schema, inputSchema, options, 0);
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * Conversion of tool schemas to JSON Schema. Plugins may hand in plain JSON Schema, a zod 3 schema
 * (converted with zod-to-json-schema) or a zod 4 schema (converted with zod 4's own
 * `toJSONSchema`). zod-to-json-schema silently returns an empty `{ "$schema": ... }` for zod 4
 * schemas (seen with 3.25.2), so zod 4 is detected by its `_zod` marker and never handed to it.
 */
import { zodToJsonSchema } from "zod-to-json-schema";
import { toJSONSchema as zod4ToJsonSchema } from "zod/v4/core";
import type { ZodTypeAny } from "zod";

/** A JSON Schema document (2020-12 dialect), as served in `tools/list`. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** A zod 3 schema (`_def`, no `_zod`). */
export function isZod3Schema(value: unknown): value is ZodTypeAny {
  return (
    typeof value === "object" &&
    value !== null &&
    "_def" in value &&
    !("_zod" in value) &&
    typeof (value as { safeParse?: unknown }).safeParse === "function"
  );
}

/** A zod 4 schema (classic or mini), from `zod@4` or `zod@3.25`'s `zod/v4` entry point. */
export function isZod4Schema(value: unknown): boolean {
  return typeof value === "object" && value !== null && "_zod" in value;
}

/** Anything `defineTool` accepts as a schema. */
export type SchemaInput = JsonSchema | ZodTypeAny;

/**
 * Returns a JSON Schema for `schema`, without `$schema` (MCP's default dialect is 2020-12).
 * Does not validate the result: the host does that at startup, and rejects an empty or type-less
 * schema whatever produced it.
 */
export function toJsonSchema(schema: SchemaInput): JsonSchema {
  let converted: Record<string, unknown>;
  if (isZod4Schema(schema)) {
    converted = zod4ToJsonSchema(schema as never, { target: "draft-2020-12", io: "input" }) as Record<
      string,
      unknown
    >;
  } else if (isZod3Schema(schema)) {
    converted = zodToJsonSchema(schema, { target: "jsonSchema2019-09", $refStrategy: "none" }) as Record<
      string,
      unknown
    >;
  } else {
    return schema as JsonSchema;
  }
  const { $schema: _ignored, ...rest } = converted;
  return rest;
}

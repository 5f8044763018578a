/**
 * Source of `generated/meta-schema-validator.ts`: the JSON Schema 2020-12 meta-schema (Ajv's
 * bundled copy, https://json-schema.org/draft/2020-12/schema, with its vocabularies), flattened
 * (below) and compiled with `allErrors`. Used by {@link metaSchemaErrors}; see standalone-module.ts
 * for why it is precompiled.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { REGENERATE_COMMAND, standaloneModule } from "./standalone-module.js";

/** The 2020-12 meta-schema's `$id`. */
export const META_SCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema";

/** The vocabulary meta-schemas the 2020-12 meta-schema combines with `allOf`, in its order. */
const VOCABULARIES = [
  "core",
  "applicator",
  "unevaluated",
  "validation",
  "meta-data",
  "format-annotation",
  "content",
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The 2020-12 meta-schema as one schema: the `properties` and `$defs` of the seven vocabulary
 * meta-schemas and of the meta-schema itself merged into one object, `$dynamicRef: "#meta"`
 * replaced by `$ref: "#"` and references into a vocabulary (`meta/validation#/$defs/...`) made
 * local. For a schema in the 2020-12 dialect this accepts and refuses exactly what the original
 * does (`#meta` can only resolve to the meta-schema itself there), and reports the same errors
 * once each instead of once per vocabulary; test/json-schema/generated-validators.test.ts
 * compares the two on hand-written and generated schemas. Its generated code is ~40 % smaller and
 * runs about twice as fast before V8 has warmed up, which is when a host checks its tools' schemas.
 *
 * @throws Error when Ajv's bundled meta-schemas have a shape this flattening does not handle
 *   (another keyword at a vocabulary's top level, a name in two vocabularies, another `$dynamicRef`),
 *   so an Ajv upgrade that changes them fails the sync test instead of changing verdicts.
 */
export function flatMetaSchema2020(ajv: Ajv2020): Record<string, Json> {
  const schemaOf = (id: string) => {
    const schema = ajv.getSchema(id)?.schema;
    if (typeof schema !== "object" || schema === null) throw new Error(`Ajv has no ${id} meta-schema`);
    return schema as Record<string, Json>;
  };
  const localise = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(localise);
    if (typeof node !== "object" || node === null) return node;
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "$dynamicRef") {
        if (value !== "#meta") throw new Error(`unexpected $dynamicRef ${JSON.stringify(value)}`);
        out.$ref = "#";
      } else if (key === "$ref" && typeof value === "string" && !value.startsWith("#")) {
        const local = /^meta\/[a-z-]+(#\/\$defs\/.+)$/.exec(value)?.[1];
        if (local === undefined) throw new Error(`unexpected $ref ${value}`);
        out.$ref = local;
      } else out[key] = localise(value);
    }
    return out;
  };
  const properties: Record<string, Json> = {};
  const defs: Record<string, Json> = {};
  const parts = [
    ...VOCABULARIES.map((v) => schemaOf(`https://json-schema.org/draft/2020-12/meta/${v}`)),
    schemaOf(META_SCHEMA_2020_12),
  ];
  // What a part may hold besides `properties` and `$defs`: identification, annotations, the
  // `allOf` of the vocabularies (the part being flattened here) and the shared `type`.
  const allowed = new Set(["$schema", "$id", "$vocabulary", "$dynamicAnchor", "$comment", "title", "allOf"]);
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key === "properties" || key === "$defs" || allowed.has(key)) continue;
      if (key === "type" && JSON.stringify(value) === '["object","boolean"]') continue;
      throw new Error(`unexpected keyword "${key}" in ${String(part.$id)}`);
    }
    for (const [target, key] of [
      [properties, "properties"],
      [defs, "$defs"],
    ] as const) {
      for (const [name, sub] of Object.entries((part[key] ?? {}) as Record<string, Json>)) {
        if (name in target) throw new Error(`${key}/${name} is defined twice`);
        target[name] = localise(sub);
      }
    }
  }
  return {
    $id: "https://octopus-mcp.invalid/json-schema/2020-12/flat-meta-schema",
    type: ["object", "boolean"],
    properties,
    $defs: defs,
  };
}

/** The text of `generated/meta-schema-validator.ts`. */
export function metaSchemaValidatorSource(): string {
  const ajv = new Ajv2020({
    // Ajv relaxes strict mode for its own meta-schemas too (they mix `type`-less keywords); strict
    // mode only decides what compiles, not what the compiled code accepts.
    strict: false,
    allErrors: true,
    logger: false,
    // Like Ajv's own meta-schema validation: `format` in the meta-schema is not checked.
    validateFormats: false,
    code: { source: true, esm: true },
  });
  const validate = ajv.compile(flatMetaSchema2020(ajv));
  return standaloneModule(
    ajv,
    validate,
    "Ajv's JSON Schema 2020-12 meta-schema, flattened",
    REGENERATE_COMMAND,
  );
}

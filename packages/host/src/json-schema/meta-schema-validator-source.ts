/**
 * Source of `generated/meta-schema-validator.ts`: the JSON Schema 2020-12 meta-schema (Ajv's
 * bundled copy, https://json-schema.org/draft/2020-12/schema, with its vocabularies), compiled
 * with `allErrors`. Used by {@link metaSchemaErrors}; see standalone-module.ts for why.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { REGENERATE_COMMAND, standaloneModule } from "./standalone-module.js";

/** The 2020-12 meta-schema's `$id`. */
export const META_SCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema";

/** The text of `generated/meta-schema-validator.ts`. */
export function metaSchemaValidatorSource(): string {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    logger: false,
    code: { source: true, esm: true },
  });
  const validate = ajv.getSchema(META_SCHEMA_2020_12);
  if (!validate) throw new Error(`Ajv has no ${META_SCHEMA_2020_12} meta-schema`);
  return standaloneModule(ajv, validate, "Ajv's JSON Schema 2020-12 meta-schema", REGENERATE_COMMAND);
}

/**
 * Checking a schema against the JSON Schema 2020-12 meta-schema without compiling the meta-schema
 * at start-up (every new Ajv instance did, about 0.1 s each): the validator of a flattened copy of
 * the meta-schema is precompiled into `generated/meta-schema-validator.ts` (see
 * meta-schema-validator-source.ts).
 */
import type { ErrorObject } from "ajv";
import { validate as validateGenerated } from "./generated/meta-schema-validator.js";

type MetaSchemaValidator = ((schema: unknown) => boolean) & { errors?: ErrorObject[] | null };
const validateMeta = validateGenerated as MetaSchemaValidator;

const DIALECT_2020_12 = /^https:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/;

/**
 * The meta-schema violations of `schema`, as Ajv's `validateSchema` reports them (`instancePath`
 * is the JSON pointer into the schema) but each once, where Ajv repeats an error for every
 * vocabulary meta-schema it comes from; `[]` when it is a valid 2020-12 schema.
 *
 * @returns `undefined` when `schema` declares another dialect in `$schema`: the precompiled
 *   validator cannot judge it, so the caller must let Ajv validate it (Ajv's `validateSchema`).
 */
export function metaSchemaErrors(schema: unknown): ErrorObject[] | undefined {
  if (typeof schema === "object" && schema !== null && "$schema" in schema) {
    const dialect = (schema as { $schema?: unknown }).$schema;
    if (typeof dialect !== "string" || !DIALECT_2020_12.test(dialect)) return undefined;
  }
  return validateMeta(schema) ? [] : [...(validateMeta.errors ?? [])];
}

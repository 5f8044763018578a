/**
 * Ajv standalone code generation (https://ajv.js.org/standalone.html) for validators the host
 * would otherwise compile at every start: its own config schema and the JSON Schema 2020-12
 * meta-schema. Each compile cost 0.1-0.6 s of a stdio host's cold start on a 2-core machine
 * (bench figure 2); a generated module loads in about 10 ms.
 *
 * Only the sync tests (`test/json-schema/generated-validators.test.ts`, which rewrite the generated
 * files with `UPDATE_SCHEMA=1`) import the generators, so the running host never loads Ajv's
 * code generator for these schemas.
 */
import type { AnyValidateFunction } from "ajv/dist/core.js";
import type { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCodeModule from "ajv/dist/standalone/index.js";

// CommonJS with `exports.default`; under NodeNext the default import is the module object.
const standaloneCode = standaloneCodeModule.default;

/**
 * The text of an ES module whose `validate` (and default) export is `validate`, compiled by `ajv`
 * (which must have been created with `code: { source: true, esm: true }`).
 *
 * @param origin what the module is generated from, for the header, e.g. "host-config-schema.ts"
 * @param regenerate the command that regenerates the file, for the header
 */
export function standaloneModule(
  ajv: Ajv2020,
  validate: AnyValidateFunction,
  origin: string,
  regenerate: string,
): string {
  return [
    "/* eslint-disable */",
    "// @ts-nocheck",
    `// GENERATED from ${origin} by Ajv standalone code generation: do not edit.`,
    `// Regenerate with \`${regenerate}\`.`,
    'import { createRequire } from "node:module";',
    // Ajv's standalone code loads its runtime helpers and formats with `require`.
    "const require = createRequire(import.meta.url);",
    standaloneCode(ajv, validate),
    "",
  ].join("\n");
}

/** The command that regenerates every generated validator (run in packages/host). */
export const REGENERATE_COMMAND =
  "UPDATE_SCHEMA=1 npx vitest run --project host test/json-schema/generated-validators.test.ts";

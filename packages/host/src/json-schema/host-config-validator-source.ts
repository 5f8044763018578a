/**
 * Source of `generated/host-config-validator.ts`: {@link hostConfigSchema} compiled with the options
 * the host config is validated with (see standalone-module.ts for why it is precompiled).
 */
import { _ } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { hostConfigSchema } from "../config/host-config-schema.js";
import { CONFIG_AJV_OPTIONS } from "../config/schema-issues.js";
import { REGENERATE_COMMAND, standaloneModule } from "./standalone-module.js";

// CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule.default;

/**
 * The text of `generated/host-config-validator.ts`: its `validate` export has Ajv
 * `ValidateFunction` semantics (returns a boolean, sets `validate.errors`, applies defaults and
 * coercions to its argument in place). Options: `CONFIG_AJV_OPTIONS` (strict, allErrors, verbose,
 * defaults, coercion because `${VAR}` interpolation yields strings: `timeoutMs: ${CALL_TIMEOUT}`
 * must become a number) and formats, plus `strictRequired` off because
 * `oneOf: [{ required: ["package"] }, { required: ["path"] }]` names properties declared by the
 * enclosing schema, which that rule cannot see.
 */
export function hostConfigValidatorSource(): string {
  const ajv = new Ajv2020({
    ...CONFIG_AJV_OPTIONS,
    strictRequired: false,
    code: { source: true, esm: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats(ajv);
  return standaloneModule(ajv, ajv.compile(hostConfigSchema), "host-config-schema.ts", REGENERATE_COMMAND);
}

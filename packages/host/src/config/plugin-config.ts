/**
 * Validation of one plugin's config section (`plugins[i].config`) against the plugin's
 * `manifest.configSchema`, called by the loader after importing the plugin.
 */
import type { PrecompiledConfigValidator } from "@octopus-mcp/core";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { type ConfigIssue } from "./config-error.js";
import { precompiledValidatorFor, type ConfigValidateFunction } from "./precompiled-config-validator.js";
import { createConfigAjv, schemaErrorsToIssues } from "./schema-issues.js";
import { metaSchemaErrors } from "../json-schema/meta-schema.js";

// One instance for every plugin section; Ajv caches a compiled validator per schema object.
// `addUsedSchema: false` keeps two plugins' equal `$id`s from colliding. The meta-schema check is
// precompiled (json-schema/meta-schema.ts): compiling it cost about 0.1 s of every start-up.
// Defaults and coercion as for the host config (CONFIG_AJV_OPTIONS).
let sharedAjv: Ajv2020 | undefined;
function configAjv(): Ajv2020 {
  return (sharedAjv ??= createConfigAjv({
    addUsedSchema: false,
    validateSchema: false,
    // Each validator runs once per start: skipping Ajv's code optimisation pass halves the compile
    // time, which is on every start's critical path (bench figure 2).
    code: { optimize: false },
  }));
}

/**
 * Validates `section` against `schema` (JSON Schema 2020-12, Ajv strict, allErrors) and applies
 * the schema's `default`s INTO `section` (it is mutated; pass the object you keep). Scalars are
 * coerced to the schema's type (`"30"` -> 30), since `${VAR}` interpolation produces strings.
 *
 * @param schema the plugin's `manifest.configSchema`
 * @param section the plugin's section from the host config (an object; `{}` when absent)
 * @param where the config file and the JSON pointer of the section, e.g. `/plugins/0/config`
 * @param precompiled the plugin's `manifest.precompiledConfigValidator`: used instead of compiling
 *   `schema` when it was made from `schema` with the host's settings (precompiled-config-validator.ts)
 * @returns every problem found (empty when valid). A schema that does not compile under strict
 *   mode is reported as one issue blaming the plugin, not the operator.
 */
export function validatePluginSection(
  schema: object,
  section: unknown,
  where: { readonly file: string; readonly path: string },
  precompiled?: PrecompiledConfigValidator,
): ConfigIssue[] {
  let validate: ConfigValidateFunction;
  try {
    validate = precompiledValidatorFor(schema, precompiled) ?? compile(schema);
  } catch (error) {
    return [
      {
        file: where.file,
        path: where.path,
        message: `the plugin's configSchema is not a valid strict JSON Schema 2020-12: ${(error as Error).message}`,
        fix: "report this to the plugin's author (the schema must compile under Ajv strict mode)",
      },
    ];
  }
  if (validate(section)) return [];
  return schemaErrorsToIssues(validate.errors, where.file, where.path);
}

/** @throws Error when `schema` fails the meta-schema or does not compile under strict mode. */
function compile(schema: object): ConfigValidateFunction {
  const ajv = configAjv();
  // Ajv's own meta-schema validation is off (see configAjv); other dialects still get it.
  const metaErrors = metaSchemaErrors(schema) ?? (ajv.validateSchema(schema) ? [] : (ajv.errors ?? []));
  if (metaErrors.length > 0) throw new Error(`schema is invalid: ${ajv.errorsText(metaErrors)}`);
  return ajv.compile(schema);
}

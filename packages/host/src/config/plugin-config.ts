/**
 * Validation of one plugin's config section (`plugins[i].config`) against the plugin's
 * `manifest.configSchema`, called by the loader after importing the plugin.
 */
import { type ConfigIssue } from "./config-error.js";
import { createConfigAjv, schemaErrorsToIssues } from "./schema-issues.js";

/**
 * Validates `section` against `schema` (JSON Schema 2020-12, Ajv strict, allErrors) and applies
 * the schema's `default`s INTO `section` (it is mutated; pass the object you keep). Scalars are
 * coerced to the schema's type (`"30"` -> 30), since `${VAR}` interpolation produces strings.
 *
 * @param schema the plugin's `manifest.configSchema`
 * @param section the plugin's section from the host config (an object; `{}` when absent)
 * @param where the config file and the JSON pointer of the section, e.g. `/plugins/0/config`
 * @returns every problem found (empty when valid). A schema that does not compile under strict
 *   mode is reported as one issue blaming the plugin, not the operator.
 */
export function validatePluginSection(
  schema: object,
  section: unknown,
  where: { readonly file: string; readonly path: string },
): ConfigIssue[] {
  // coerceTypes as for the host config: `${VAR}` interpolation yields strings.
  const ajv = createConfigAjv({ useDefaults: true, coerceTypes: true });
  let validate;
  try {
    validate = ajv.compile(schema);
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

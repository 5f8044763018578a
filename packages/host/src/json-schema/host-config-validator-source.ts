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
    // Every `$ref` (including the hoisted sections below) becomes a function of its own.
    inlineRefs: false,
    code: { source: true, esm: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats(ajv);
  return standaloneModule(
    ajv,
    ajv.compile(withOptionalSectionsHoisted(hostConfigSchema)),
    "host-config-schema.ts",
    REGENERATE_COMMAND,
  );
}

type SchemaNode = { [keyword: string]: unknown };

const isSchemaNode = (value: unknown): value is SchemaNode =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A copy of `schema` in which every object-typed property without a `default` (an optional
 * section such as `auth`, `audit` or `server.http`) is moved to `$defs` and referenced. Compiled
 * with `inlineRefs: false`, each becomes a function that V8 compiles only when a config has that
 * section: the whole validator is one ~180 KB function otherwise, and compiling it on its first
 * call was most of reading a config (bench figure 2). The schema accepts, defaults and coerces
 * exactly as before (a `$ref` to a section is the section); only Ajv's `schemaPath` in errors
 * changes, which config issues do not use.
 *
 * @throws Error when two sections would get the same `$defs` name.
 */
export function withOptionalSectionsHoisted(schema: object): SchemaNode {
  const copy = structuredClone(schema) as SchemaNode;
  const defs = (copy.$defs ??= {}) as SchemaNode;
  const visit = (node: SchemaNode, path: readonly string[]) => {
    const properties = node.properties;
    if (!isSchemaNode(properties)) return;
    for (const [name, sub] of Object.entries(properties)) {
      if (!isSchemaNode(sub)) continue;
      visit(sub, [...path, name]);
      if (sub.type !== "object" || "default" in sub) continue;
      const defName = `section_${[...path, name].join("_")}`;
      if (defName in defs) throw new Error(`$defs/${defName} exists already`);
      defs[defName] = sub;
      properties[name] = { $ref: `#/$defs/${defName}` };
    }
  };
  visit(copy, []);
  for (const [name, def] of Object.entries({ ...defs })) if (isSchemaNode(def)) visit(def, [name]);
  return copy;
}

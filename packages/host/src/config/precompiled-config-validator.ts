/**
 * Plugin config validators compiled ahead of time (`manifest.precompiledConfigValidator`): Ajv
 * standalone code of `configSchema`, made with the options the host validates config sections
 * with. Compiling three small config schemas at start-up cost ~30 ms of a stdio host's cold start
 * (a fresh Ajv and its first compile included; bench figure 2), evaluating their code well under
 * 1 ms. The host trusts a validator only for the schema and compile settings it was made from, and
 * compiles the schema itself otherwise.
 */
import type { PrecompiledConfigValidator } from "@octopus-mcp/core";
import type { ErrorObject } from "ajv";
import type * as Ajv2020Module from "ajv/dist/2020.js";
import type { AnyValidateFunction } from "ajv/dist/core.js";
import type { FormatsPlugin } from "ajv-formats";
import { canonicalSha256 } from "../audit/canonical-json.js";
import { requireCommonJs } from "../commonjs.js";
import { CONFIG_AJV_OPTIONS } from "./schema-issues.js";

/** A validator as Ajv compiles it: applies defaults and coercions in place, sets `errors`. */
export type ConfigValidateFunction = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * The `format` the host accepts: Ajv's major.minor (its standalone code and runtime helpers belong
 * together) and the version of {@link CONFIG_AJV_OPTIONS}, bumped when they change.
 */
export function pluginConfigValidatorFormat(): string {
  if (format === undefined) {
    const { version } = requireCommonJs("ajv/package.json") as { version: string };
    format = `ajv-${version.split(".").slice(0, 2).join(".")}/2020-12/config-1`;
  }
  return format;
}

let format: string | undefined;

/**
 * Compiles `schema` as the host compiles config sections and returns it as Ajv standalone code,
 * for `manifest.precompiledConfigValidator`. Meant for a plugin's tests and build, not for
 * start-up (it loads Ajv's code generator).
 * @throws Error (Ajv's) when `schema` does not compile under strict mode.
 */
export function pluginConfigValidator(schema: object): PrecompiledConfigValidator {
  const { Ajv2020, _ } = requireCommonJs("ajv/dist/2020.js") as typeof Ajv2020Module;
  const addFormats = requireCommonJs("ajv-formats") as FormatsPlugin;
  // CommonJS: the module is the function.
  const standaloneCode = requireCommonJs("ajv/dist/standalone/index.js") as (
    ajv: InstanceType<typeof Ajv2020>,
    validate: AnyValidateFunction,
  ) => string;
  const ajv = new Ajv2020({
    ...CONFIG_AJV_OPTIONS,
    code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats(ajv);
  return {
    format: pluginConfigValidatorFormat(),
    schemaSha256: canonicalSha256(schema),
    source: standaloneCode(ajv, ajv.compile(schema)),
  };
}

/**
 * The validate function of `precompiled` when it was made from `schema` with the host's settings;
 * `undefined` otherwise (the caller compiles `schema`). Its code runs with the host's `require`,
 * so its Ajv runtime helpers are the host's.
 * @throws Error when the source does not evaluate to a function (a broken generated file).
 */
export function precompiledValidatorFor(
  schema: object,
  precompiled: PrecompiledConfigValidator | undefined,
): ConfigValidateFunction | undefined {
  if (precompiled === undefined || typeof precompiled !== "object") return undefined;
  if (precompiled.format !== pluginConfigValidatorFormat()) return undefined;
  if (precompiled.schemaSha256 !== canonicalSha256(schema) || typeof precompiled.source !== "string")
    return undefined;
  const module = { exports: {} as unknown };
  // Plugins are code the operator chose to run in this process; this is their code too.
  new Function("require", "module", "exports", precompiled.source)(requireCommonJs, module, module.exports);
  if (typeof module.exports !== "function") {
    throw new Error("the precompiled config validator's source does not export a validate function");
  }
  return module.exports as ConfigValidateFunction;
}

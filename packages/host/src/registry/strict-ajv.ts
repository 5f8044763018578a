/**
 * The host's own Ajv: JSON Schema 2020-12 (MCP's default dialect since spec 2025-11-25), `strict`
 * and meta-schema validation on, `ajv-formats` added. The SDK's default Ajv is lenient
 * (draft-07, `strict: false`, `validateSchema: false`, see reference/mcp-protocol.md §2.1), so the
 * host never relies on it to vet plugin schemas.
 */
import type * as Ajv2020Module from "ajv/dist/2020.js";
import type { FormatsPlugin } from "ajv-formats";
import { requireCommonJs } from "../commonjs.js";

export type StrictAjv = InstanceType<typeof Ajv2020Module.Ajv2020>;

/** Options of {@link createStrictAjv}. */
export interface StrictAjvOptions {
  /**
   * Validate each schema against the meta-schema before compiling it (default true). Only a caller
   * that has validated the schemas already turns it off: it spares compiling the 2020-12
   * meta-schema (~0.1 s) in that Ajv.
   */
  readonly validateSchema?: boolean;
}

/**
 * A fresh strict Ajv. `allErrors` so an `invalid_arguments` body lists every violation;
 * `allowUnionTypes` because `type: ["string", "null"]` (zod `.nullable()`) is ordinary;
 * `useDefaults` so handlers receive schema defaults (arguments are cloned before validation).
 */
export function createStrictAjv(options: StrictAjvOptions = {}): StrictAjv {
  // Required on first use, not imported: a stdio start-up checks schemas without any Ajv
  // (strict-schemas.ts), and an import would make Node lex Ajv for named exports (commonjs.ts).
  const { Ajv2020 } = requireCommonJs("ajv/dist/2020.js") as typeof Ajv2020Module;
  // ajv-formats is CommonJS: the module is the plugin function.
  const addFormats = requireCommonJs("ajv-formats") as FormatsPlugin;
  const ajv = new Ajv2020({
    strict: true,
    allowUnionTypes: true,
    validateSchema: options.validateSchema ?? true,
    validateFormats: true,
    allErrors: true,
    useDefaults: true,
  });
  addFormats(ajv);
  return ajv;
}

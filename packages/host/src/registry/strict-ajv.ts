/**
 * The host's own Ajv: JSON Schema 2020-12 (MCP's default dialect since spec 2025-11-25), `strict`
 * and meta-schema validation on, `ajv-formats` added. The SDK's default Ajv is lenient
 * (draft-07, `strict: false`, `validateSchema: false`, see reference/mcp-protocol.md §2.1), so the
 * host never relies on it to vet plugin schemas.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export type StrictAjv = InstanceType<typeof Ajv2020>;

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
  const ajv = new Ajv2020({
    strict: true,
    allowUnionTypes: true,
    validateSchema: options.validateSchema ?? true,
    validateFormats: true,
    allErrors: true,
    useDefaults: true,
  });
  addFormats.default(ajv);
  return ajv;
}

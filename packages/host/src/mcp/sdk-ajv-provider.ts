/**
 * Stands in for the MCP SDK's `validation/ajv-provider.js` inside the host's command bundle only
 * (packages/host/scripts/bundle-cli.mjs; library code and tests use the SDK's module as it is).
 *
 * Why: the SDK's `server/index.js` imports that module statically, and it loads Ajv's draft-07
 * core and ajv-formats (about 60 CommonJS files, ~25 ms of a stdio cold start on a 2-core machine,
 * bench figure 2) for a validator the host never needs before a server elicits (see
 * `LazyJsonSchemaValidator` in host-server.ts). This class has the same constructor and
 * `getValidator`, and delegates to the SDK's own provider (its CommonJS build, so the call stays
 * synchronous), which it requires on the first `getValidator` call.
 */
import { createRequire } from "node:module";
import type * as SdkAjvProvider from "@modelcontextprotocol/sdk/validation/ajv";
import type {
  JsonSchemaType,
  JsonSchemaValidator,
  jsonSchemaValidator,
} from "@modelcontextprotocol/sdk/validation/types.js";

const require = createRequire(import.meta.url);

type SdkValidator = InstanceType<typeof SdkAjvProvider.AjvJsonSchemaValidator>;
type SdkAjv = ConstructorParameters<typeof SdkAjvProvider.AjvJsonSchemaValidator>[0];

/** The SDK's `AjvJsonSchemaValidator`, created on the first `getValidator` call. */
export class AjvJsonSchemaValidator implements jsonSchemaValidator {
  readonly #ajv: SdkAjv;
  #inner: SdkValidator | undefined;

  /** @param ajv as the SDK's: a configured Ajv instance, else the SDK's default one. */
  constructor(ajv?: SdkAjv) {
    this.#ajv = ajv;
  }

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    if (!this.#inner) {
      const { AjvJsonSchemaValidator: Sdk } =
        require("@modelcontextprotocol/sdk/validation/ajv") as typeof SdkAjvProvider;
      this.#inner = new Sdk(this.#ajv);
    }
    return this.#inner.getValidator<T>(schema);
  }
}

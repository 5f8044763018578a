/**
 * Argument and output validators compiled on first use. Start-up only checks schemas
 * ({@link checkSchemaStrictness}); compiling every validator of 2,000 tools up front took ~5 s
 * (bench figure 3) while most tools of a session are never called. Each validator compiles once,
 * on its first call, and is reused after (Ajv also caches by schema object, so tools sharing one
 * schema object share one compiled function).
 */
import { InternalError } from "@octopus-mcp/core";
import type { ErrorObject, ValidateFunction } from "ajv";
import { formatProblem, type RegistrationProblem } from "./registered-items.js";
import type { StrictSchemas } from "./strict-schemas.js";

/**
 * A validator with Ajv's calling convention: `validate(data)` returns whether `data` is valid and
 * leaves the errors of that call in `validate.errors` (`null` when valid). Like Ajv with
 * `useDefaults`, it may fill schema defaults into `data`.
 */
export interface SchemaValidator {
  /**
   * Validates `data`, compiling the schema on the first call.
   * @throws InternalError (code `internal_error`) when the schema does not compile; the message is
   *   the start-up format: `Plugin "<plugin>" tool "<tool>": <pointer>: rule "schema-compiles": ...`.
   *   Every later call throws the same error (compilation is not retried).
   */
  (data: unknown): boolean;
  /** Errors of the last call; `null` when it was valid, `undefined` before any call. */
  readonly errors: ErrorObject[] | null | undefined;
  /** Whether the compiled function exists yet (false until the first call or {@link compile}). */
  readonly isCompiled: boolean;
  /**
   * The compiled Ajv function (compiled now if needed; the same function every time).
   * @throws InternalError as the call does.
   */
  compile(): ValidateFunction;
}

/** Which schema a validator belongs to, for the error when it does not compile. */
export interface ValidatorOwner {
  /** Manifest name of the plugin. */
  readonly plugin: string;
  readonly tool: string;
  /** `/inputSchema` or `/outputSchema`. */
  readonly pointer: string;
}

/**
 * A validator that compiles `schema` on first use, with the compiling Ajv of `strict` (the
 * {@link StrictSchemas} start-up checked `schema` with). Only for schemas that passed
 * {@link checkSchemaStrictness} (it includes the meta-schema validation the compiling Ajv skips).
 */
export function lazyValidator(strict: StrictSchemas, schema: object, owner: ValidatorOwner): SchemaValidator {
  return validatorOf(() => strict.compiler.compile(schema), owner);
}

/** A validator around a function compiled already (eager checks such as `checkToolDefinitions`). */
export function compiledValidator(validate: ValidateFunction, owner: ValidatorOwner): SchemaValidator {
  return validatorOf(() => validate, owner);
}

function validatorOf(compileNow: () => ValidateFunction, owner: ValidatorOwner): SchemaValidator {
  let compiled: ValidateFunction | undefined;
  let failure: InternalError | undefined;
  let errors: ErrorObject[] | null | undefined;

  const compile = (): ValidateFunction => {
    if (compiled) return compiled;
    if (failure) throw failure;
    try {
      compiled = compileNow();
      return compiled;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const problem: RegistrationProblem = {
        kind: "tool",
        item: owner.tool,
        pointer: owner.pointer,
        rule: "schema-compiles",
        message: `does not compile under Ajv strict mode (JSON Schema 2020-12): ${reason} (found when the validator was first compiled)`,
      };
      failure = new InternalError(formatProblem(owner.plugin, problem));
      throw failure;
    }
  };

  const validate = (data: unknown): boolean => {
    const fn = compile();
    const valid = fn(data) as boolean;
    errors = fn.errors;
    return valid;
  };
  return Object.defineProperties(validate, {
    errors: { get: () => errors, enumerable: true },
    isCompiled: { get: () => compiled !== undefined, enumerable: true },
    compile: { value: compile },
  }) as unknown as SchemaValidator;
}

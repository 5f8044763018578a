/**
 * The `confirm` argument: the fallback confirmation for clients without MCP elicitation. The host
 * adds an optional, described boolean `confirm` to the listed inputSchema of every write and
 * delete tool and removes it from the arguments before validation and the handler, so plugins never
 * declare or see it.
 */
import { InvalidArgumentsError, type JsonSchema, type ToolAccess } from "@octopus-mcp/core";

/** Name of the host-owned confirmation argument. */
export const CONFIRM_ARGUMENT = "confirm";

/** Description served for the `confirm` property (read by agents). */
export const CONFIRM_ARGUMENT_DESCRIPTION =
  "Set to true only after the user has explicitly approved this change. Needed when your client " +
  "cannot show confirmation prompts (MCP elicitation); without it the call returns confirmation_required " +
  "with a summary to show the user.";

/**
 * The inputSchema to list for a tool: for `write`/`delete` tools a copy with an optional `confirm`
 * boolean property; `read` tools' schemas are returned unchanged (same object).
 * @throws Error when a write/delete tool already declares its own `confirm` property (the host owns
 *   that name; the plugin must rename its property).
 */
export function withConfirmArgument(
  toolName: string,
  access: ToolAccess,
  inputSchema: JsonSchema,
): JsonSchema {
  if (access === "read") return inputSchema;
  const properties = (inputSchema["properties"] ?? {}) as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(properties, CONFIRM_ARGUMENT)) {
    throw new Error(
      `Tool ${toolName} declares a "${CONFIRM_ARGUMENT}" property, which the host reserves for write/delete ` +
        "confirmation. Rename the plugin's property.",
    );
  }
  return {
    ...inputSchema,
    properties: {
      ...properties,
      [CONFIRM_ARGUMENT]: { type: "boolean", description: CONFIRM_ARGUMENT_DESCRIPTION },
    },
  };
}

/** Arguments split into the host's `confirm` flag and what the tool itself receives. */
export interface SplitArguments {
  /** `true`/`false` when sent, `undefined` when absent. */
  readonly confirm: boolean | undefined;
  /** The arguments without `confirm` (a copy; the input is not modified). */
  readonly toolArguments: Record<string, unknown>;
}

/**
 * Removes `confirm` from a write/delete call's arguments. Read tools keep their arguments as sent.
 * @throws InvalidArgumentsError when `confirm` is present but not a boolean.
 */
export function splitConfirmArgument(
  access: ToolAccess,
  args: Readonly<Record<string, unknown>> | undefined,
): SplitArguments {
  const source = args ?? {};
  if (access === "read" || !Object.prototype.hasOwnProperty.call(source, CONFIRM_ARGUMENT)) {
    return { confirm: undefined, toolArguments: { ...source } };
  }
  const { [CONFIRM_ARGUMENT]: confirm, ...toolArguments } = source;
  if (typeof confirm !== "boolean") {
    throw new InvalidArgumentsError(`"${CONFIRM_ARGUMENT}" must be true or false.`, [
      {
        path: `/${CONFIRM_ARGUMENT}`,
        rule: "type",
        message: `Send "${CONFIRM_ARGUMENT}": true after the user approved the change.`,
      },
    ]);
  }
  return { confirm, toolArguments };
}

/**
 * The arguments without the host-owned `confirm` of a write/delete call, never throwing (for calls
 * refused before their arguments are looked at, e.g. by the access policy). Read tools' arguments
 * and arguments without `confirm` are returned as they are (same object); non-objects too.
 */
export function withoutConfirmArgument(access: ToolAccess, args: unknown): unknown {
  if (
    access === "read" ||
    typeof args !== "object" ||
    args === null ||
    Array.isArray(args) ||
    !Object.prototype.hasOwnProperty.call(args, CONFIRM_ARGUMENT)
  ) {
    return args;
  }
  const { [CONFIRM_ARGUMENT]: _confirm, ...rest } = args as Record<string, unknown>;
  return rest;
}

/**
 * `OCTOPUS_MCP_SKIP_CONFIRMATION`: turns write/delete confirmation off for unattended automation
 * (CI agents with no human to ask). Access tiers still apply. Logged as a warning at startup so the
 * choice is visible in every deployment's logs.
 */
import type { Logger } from "@octopus-mcp/core";

/** Name of the environment variable. */
export const SKIP_CONFIRMATION_ENV = "OCTOPUS_MCP_SKIP_CONFIRMATION";

/** A value of the variable that is neither true nor false. */
export class SkipConfirmationSettingError extends Error {
  constructor(value: string) {
    super(
      `${SKIP_CONFIRMATION_ENV} is ${JSON.stringify(value.slice(0, 32))}; set it to "true" to skip write/delete ` +
        'confirmation for unattended automation, or "false" (or unset it) to keep confirmation on.',
    );
    this.name = "SkipConfirmationSettingError";
  }
}

/**
 * Reads the variable: `true`/`1`/`yes` -> true; unset, empty, `false`/`0`/`no` -> false
 * (case-insensitive). When true, logs a warning through `logger`.
 * @throws SkipConfirmationSettingError for any other value (fail at startup, never guess).
 */
export function readSkipConfirmation(env: NodeJS.ProcessEnv, logger?: Logger): boolean {
  const raw = env[SKIP_CONFIRMATION_ENV];
  const value = raw?.trim().toLowerCase() ?? "";
  let skip: boolean;
  if (["true", "1", "yes"].includes(value)) skip = true;
  else if (["", "false", "0", "no"].includes(value)) skip = false;
  else throw new SkipConfirmationSettingError(raw ?? "");
  if (skip && logger) warnSkipConfirmation(logger);
  return skip;
}

/** The startup warning that confirmation is off (for callers that read the setting before they have a logger). */
export function warnSkipConfirmation(logger: Logger): void {
  logger.warn(
    { env: SKIP_CONFIRMATION_ENV },
    `${SKIP_CONFIRMATION_ENV}=true: write and delete tool calls run WITHOUT user confirmation ` +
      "(meant for unattended automation only). Read-only and allow-deletes policy still apply.",
  );
}

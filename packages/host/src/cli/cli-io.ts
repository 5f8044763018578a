/**
 * Output helpers of the CLI. stdout is reserved for the command's result (and for the MCP protocol
 * under `serve`); diagnostics go to stderr.
 */
import type { HostConfig } from "../config/types.js";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

/** `config` with host-wide read-only forced on (the `--read-only` flag). */
export function withReadOnly(config: HostConfig): HostConfig {
  return { ...config, policy: { ...config.policy, readOnly: true } };
}

/** The message of an error for the terminal (no stack unless it is a bug we did not anticipate). */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

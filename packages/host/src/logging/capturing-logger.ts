/**
 * A logger that records its lines as parsed objects, for tests and the testkit (`host.logs`).
 * It is the real logger (same mixin, redaction and serialisers) with an in-memory destination.
 */
import { type Logger } from "pino";
import { createLogger, type CreateLoggerOptions } from "./create-logger.js";

/** One parsed log line. */
export type LogLine = Record<string, unknown> & { readonly level: string; readonly msg?: string };

export interface CapturingLogger {
  readonly logger: Logger;
  /** Parsed lines, oldest first (live: grows as the logger writes). */
  readonly lines: LogLine[];
  /** The raw text written, exactly as it would reach stderr (after redaction). */
  text(): string;
  /** Forgets the lines captured so far. */
  clear(): void;
}

/**
 * Creates a logger whose lines are captured in memory. Level defaults to `trace` so tests see
 * everything; `pretty` is always off.
 */
export function createCapturingLogger(
  options: Omit<CreateLoggerOptions, "destination" | "file" | "pretty" | "level"> & {
    readonly level?: CreateLoggerOptions["level"];
  },
): CapturingLogger {
  const lines: LogLine[] = [];
  let raw = "";
  let pending = "";
  const destination = {
    write(chunk: string): boolean {
      raw += chunk;
      pending += chunk;
      let newline = pending.indexOf("\n");
      while (newline !== -1) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.trim()) lines.push(JSON.parse(line) as LogLine);
        newline = pending.indexOf("\n");
      }
      return true;
    },
  };
  const logger = createLogger({ ...options, level: options.level ?? "trace", pretty: false, destination });
  return {
    logger,
    lines,
    text: () => raw,
    clear: () => {
      lines.length = 0;
      raw = "";
    },
  };
}

/**
 * The audit log: one JSON line per tool call, to its own file or stream (never mixed with the
 * operational log, never stdout in stdio mode). A line says who (caller tenant, subject) called
 * what (tool, plugin, access tier), how it was confirmed, the outcome and the duration, plus a
 * SHA-256 of the canonical arguments so a call can be matched without storing its arguments.
 * Argument values, results and error messages are never written, so secrets cannot leak here.
 */
import { createWriteStream, openSync } from "node:fs";
import type { Writable } from "node:stream";
import type { Logger, ToolAccess, ToolErrorCode } from "@octopus-mcp/core";
import type { ConfirmedHow } from "../confirmation/confirmation-gate.js";
import { argumentsSha256 } from "./canonical-json.js";

/** `success`, an error code of the structured error body, or `cancelled` (client cancellation). */
export type AuditOutcome = "success" | "cancelled" | ToolErrorCode;

/** What the call pipeline reports for one finished call. */
export interface ToolCallAuditInput {
  readonly tenantId: string;
  readonly subject: string | undefined;
  readonly correlationId: string;
  readonly tool: string;
  /** Plugin namespace or package name. */
  readonly plugin: string | undefined;
  readonly access: ToolAccess;
  /** `undefined` when the call ended before confirmation (e.g. invalid arguments, read-only). */
  readonly confirmedHow: ConfirmedHow | undefined;
  readonly outcome: AuditOutcome;
  /** Wall time of the call, in ms. */
  readonly durationMs: number;
  /** The arguments as the tool received them (without `confirm`); only their hash is written. */
  readonly arguments: unknown;
}

/** One audit line (JSON object). Field names are the stable interface for log shippers. */
export interface AuditRecord {
  /** ISO 8601 UTC, when the call ended. */
  readonly time: string;
  readonly type: "tool_call";
  readonly callerTenantId: string;
  readonly subject: string | null;
  readonly correlationId: string;
  readonly tool: string;
  readonly plugin: string | null;
  readonly access: ToolAccess;
  readonly confirmedHow: ConfirmedHow | null;
  readonly outcome: AuditOutcome;
  /** Rounded to whole ms. */
  readonly durationMs: number;
  /** Hex SHA-256 of the canonical JSON of the arguments. */
  readonly argumentsSha256: string;
}

/** Where audit lines go. `write` receives one line including its trailing newline. */
export interface AuditSink {
  write(line: string): void;
  /** Flushes and releases the sink. */
  close(): Promise<void>;
}

export interface AuditLogOptions {
  readonly sink: AuditSink;
  /** Clock for `time`; default `() => new Date()`. */
  readonly now?: () => Date;
  /**
   * A last-resort redaction of the serialised line (the host's SecretRedactor), in case an
   * identifier ever contained a known secret value.
   */
  readonly redact?: (text: string) => string;
}

/** Writes audit records. One per host. */
export class AuditLog {
  readonly #sink: AuditSink;
  readonly #now: () => Date;
  readonly #redact: (text: string) => string;
  #lastTimeMs = Number.NaN;
  #lastTime = "";

  constructor(options: AuditLogOptions) {
    this.#sink = options.sink;
    this.#now = options.now ?? (() => new Date());
    this.#redact = options.redact ?? ((text) => text);
  }

  /** Writes the line for one call and returns the record written. Never throws for sink errors (see the sinks). */
  record(input: ToolCallAuditInput): AuditRecord {
    const record: AuditRecord = {
      time: this.#isoTime(),
      type: "tool_call",
      callerTenantId: input.tenantId,
      subject: input.subject ?? null,
      correlationId: input.correlationId,
      tool: input.tool,
      plugin: input.plugin ?? null,
      access: input.access,
      confirmedHow: input.confirmedHow ?? null,
      outcome: input.outcome,
      durationMs: Math.max(0, Math.round(input.durationMs)),
      argumentsSha256: argumentsSha256(input.arguments),
    };
    this.#sink.write(`${this.#redact(serialiseAuditRecord(record))}\n`);
    return record;
  }

  close(): Promise<void> {
    return this.#sink.close();
  }

  /** `now()` as ISO 8601, formatted once per millisecond (`toISOString` is a visible cost per call). */
  #isoTime(): string {
    const now = this.#now();
    const ms = now.getTime();
    if (ms !== this.#lastTimeMs) {
      this.#lastTimeMs = ms;
      this.#lastTime = now.toISOString();
    }
    return this.#lastTime;
  }
}

/** Printable ASCII without `"` and `\\`: JSON.stringify writes such a string as it is, in quotes. */
const PLAIN_STRING = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function jsonString(text: string): string {
  return PLAIN_STRING.test(text) ? `"${text}"` : JSON.stringify(text);
}

function jsonStringOrNull(text: string | null): string {
  return text === null ? "null" : jsonString(text);
}

/**
 * `JSON.stringify(record)` for the fixed shape of an audit record, same text and field order,
 * about twice as fast (one line per call is on every call's path). Strings that need escaping go
 * through `JSON.stringify`.
 */
export function serialiseAuditRecord(record: AuditRecord): string {
  return (
    `{"time":${jsonString(record.time)},"type":${jsonString(record.type)}` +
    `,"callerTenantId":${jsonString(record.callerTenantId)},"subject":${jsonStringOrNull(record.subject)}` +
    `,"correlationId":${jsonString(record.correlationId)},"tool":${jsonString(record.tool)}` +
    `,"plugin":${jsonStringOrNull(record.plugin)},"access":${jsonString(record.access)}` +
    `,"confirmedHow":${jsonStringOrNull(record.confirmedHow)},"outcome":${jsonString(record.outcome)}` +
    `,"durationMs":${JSON.stringify(record.durationMs)},"argumentsSha256":${jsonString(record.argumentsSha256)}}`
  );
}

/**
 * Appends lines to a file, created with mode 0600 when missing. Opened synchronously so a bad path
 * fails at startup.
 * @throws Error (from fs) when the file cannot be opened for appending, e.g. ENOENT for a missing folder.
 */
export function fileAuditSink(path: string, logger?: Logger): AuditSink {
  const fd = openSync(path, "a", 0o600);
  const stream = createWriteStream(path, { fd, flags: "a" });
  stream.on("error", (error) =>
    logger?.error({ err: error, auditFile: path }, "Writing the audit log failed"),
  );
  return {
    write: (line) => {
      stream.write(line);
    },
    close: () => new Promise<void>((resolve) => stream.end(() => resolve())),
  };
}

/** Writes lines to a stream the caller owns (e.g. stderr, a pipe). `close` does not end the stream. */
export function streamAuditSink(stream: Writable): AuditSink {
  return {
    write: (line) => {
      stream.write(line);
    },
    close: () => Promise.resolve(),
  };
}

/** Keeps lines in memory (`lines`); for tests and the testkit. */
export class MemoryAuditSink implements AuditSink {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  /** The lines parsed as records. */
  records(): AuditRecord[] {
    return this.lines.map((line) => JSON.parse(line) as AuditRecord);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

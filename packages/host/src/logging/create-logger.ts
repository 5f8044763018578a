/**
 * The host's pino logger: JSON lines on stderr (fd 2) or in a file, NEVER stdout (stdout is the MCP
 * protocol channel in stdio mode). Inside a caller-tenant scope every line carries `tenantId`,
 * `correlationId`, `plugin`, `tool` (and `durationMs` since the call started when the scope says
 * when). Every serialised line passes through the {@link SecretRedactor} before it is written.
 */
import { createRequire } from "node:module";
import { hostname } from "node:os";
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import type * as PinoPretty from "pino-pretty";
import { type SecretRedactor } from "./secret-redactor.js";
import { type TenantScope } from "../tenancy/tenant-scope.js";

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";

export interface CreateLoggerOptions {
  /** Minimum level. */
  readonly level: LogLevel;
  /** Pretty-print with pino-pretty; `auto` = when stderr is a TTY (and no file/destination is set). */
  readonly pretty: boolean | "auto";
  /** Append JSON lines to this file (created with its folder) instead of stderr. */
  readonly file?: string;
  /** Write here instead (tests, testkit). Takes precedence over `file`. */
  readonly destination?: NodeJS.WritableStream | DestinationStream;
  /** Secrets registered here never appear in a line. */
  readonly redactor: SecretRedactor;
  /** Source of the per-call bindings. */
  readonly scope?: TenantScope;
  /** Extra fields on every line (pid and hostname are always there). */
  readonly base?: Readonly<Record<string, unknown>>;
}

const chindingsSym = pino.symbols.chindingsSym;

/** The keys a logger already binds (`logger.bindings()` parses JSON, so it is cached per logger). */
const boundKeysCache = new WeakMap<
  object,
  { readonly chindings: unknown; readonly keys: ReadonlySet<string> }
>();

function boundKeys(logger: Logger): ReadonlySet<string> {
  // pino keeps a logger's bindings as a JSON fragment; it changes only with `setBindings`.
  const chindings = (logger as unknown as Record<symbol, unknown>)[chindingsSym];
  const cached = boundKeysCache.get(logger);
  if (cached !== undefined && cached.chindings === chindings) return cached.keys;
  const keys = new Set(Object.keys(logger.bindings()));
  boundKeysCache.set(logger, { chindings, keys });
  return keys;
}

/**
 * Per-call fields taken from the active scope, minus those `logger` already binds (a child may
 * carry `plugin`: pino would then write the key twice) and those the line sets itself (they win
 * anyway; skipping them saves building them). `startedAt` (epoch ms) is optional scope data.
 */
function scopeBindings(
  scope: TenantScope | undefined,
  merge: object,
  logger: Logger,
): Record<string, unknown> {
  const data = scope?.current();
  if (!data) return {};
  const bound = boundKeys(logger);
  const skip = (key: string): boolean => key in merge || bound.has(key);
  const bindings: Record<string, unknown> = {};
  if (!skip("tenantId")) bindings.tenantId = data.tenantId;
  if (!skip("correlationId")) bindings.correlationId = data.correlationId;
  if (data.plugin !== undefined && !skip("plugin")) bindings.plugin = data.plugin;
  if (data.tool !== undefined && !skip("tool")) bindings.tool = data.tool;
  const startedAt = (data as { readonly startedAt?: unknown }).startedAt;
  if (typeof startedAt === "number" && !skip("durationMs")) bindings.durationMs = Date.now() - startedAt;
  return bindings;
}

let lastTimeMs = Number.NaN;
let lastTimeField = "";

/** pino's `isoTime`, with the ISO text built once per millisecond rather than once per line. */
function isoTime(): string {
  const now = Date.now();
  if (now !== lastTimeMs) {
    lastTimeMs = now;
    lastTimeField = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastTimeField;
}

function wantsPretty(options: CreateLoggerOptions): boolean {
  if (options.pretty === true) return true;
  if (options.pretty === false || options.destination || options.file) return false;
  return process.stderr.isTTY === true;
}

function destinationFor(options: CreateLoggerOptions, pretty: boolean): DestinationStream {
  if (options.destination) return options.destination as DestinationStream;
  // Synchronous writes: lines are not lost when the process exits right after an error.
  const raw = options.file ? { dest: options.file, sync: true, mkdir: true } : { dest: 2, sync: true };
  if (pretty) {
    // Loaded only for humans (~35 modules): an agent's stdio host logs JSON and starts faster.
    // `require` keeps createLogger synchronous; pino-pretty is CommonJS.
    const { build: prettyStream } = createRequire(import.meta.url)("pino-pretty") as typeof PinoPretty;
    // A stream in this thread, not a worker transport: stays synchronous and can never reach stdout.
    return prettyStream({ destination: raw.dest, sync: true, mkdir: true, colorize: !options.file });
  }
  return pino.destination(raw);
}

/**
 * Creates the root logger.
 * @returns a pino logger; use `.child({ plugin })` for plugin loggers (the scope fields are added
 *   per line, so children created before a call still carry them inside the call).
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const pretty = wantsPretty(options);
  const { redactor, scope } = options;
  const loggerOptions: LoggerOptions = {
    level: options.level,
    base: { pid: process.pid, hostname: hostname(), ...options.base },
    timestamp: isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Errors under `error` too (pino only serialises `err` by default; JSON.stringify drops message/stack).
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    mixin: (merge, _level, logger) => scopeBindings(scope, merge, logger),
    hooks: { streamWrite: (line) => redactor.redact(line) },
  };
  return pino(loggerOptions, destinationFor(options, pretty));
}

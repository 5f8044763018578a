/**
 * The logging surface plugins see: a subset of pino's `Logger`, so the host can hand in a pino
 * child and tests can hand in anything that records calls. Lines go to stderr (or a file), never
 * stdout. Inside a call every line carries `tenantId`, `correlationId`, `plugin` and `tool`.
 */
export interface LogFn {
  (message: string): void;
  (bindings: Readonly<Record<string, unknown>>, message?: string): void;
}

export interface Logger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  /** A logger whose lines carry `bindings` in addition to this one's. */
  child(bindings: Readonly<Record<string, unknown>>): Logger;
}

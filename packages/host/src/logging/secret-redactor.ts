/**
 * Replaces known secret values with `[REDACTED]`. Credential resolvers register every secret they
 * resolve; the logger passes every serialised line through {@link SecretRedactor.redact}, and the
 * HTTP client redacts upstream error texts, so a registered secret cannot reach a log line or an
 * error message whatever field it hides in.
 */

/** What a registered value is replaced with. */
export const REDACTED = "[REDACTED]";

/** Values shorter than this are ignored: redacting "abc" everywhere would shred every log line. */
export const MIN_SECRET_LENGTH = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One per host (never a module global: two hosts in one process keep their own secrets). */
export class SecretRedactor {
  readonly #values = new Set<string>();
  #pattern: RegExp | undefined;

  /**
   * Registers a secret. Also registers the forms it takes once serialised: JSON-escaped (as in a
   * JSON log line) and percent-encoded (as in a logged URL). Values shorter than
   * {@link MIN_SECRET_LENGTH} characters are ignored.
   */
  register(value: string): void {
    if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) return;
    const before = this.#values.size;
    for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
      if (form.length >= MIN_SECRET_LENGTH) this.#values.add(form);
    }
    if (this.#values.size !== before) this.#pattern = undefined;
  }

  /** Number of registered forms (for tests and metrics). */
  get size(): number {
    return this.#values.size;
  }

  /** `text` with every registered value replaced by `[REDACTED]`. */
  redact(text: string): string {
    if (this.#values.size === 0 || typeof text !== "string") return text;
    // Longest first, so a secret containing another registered secret is replaced whole.
    this.#pattern ??= new RegExp(
      [...this.#values]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join("|"),
      "g",
    );
    return text.replace(this.#pattern, REDACTED);
  }

  /**
   * A deep copy of `value` with every string redacted (object keys too). Arrays and plain objects
   * are copied; `Error`s become objects of the same prototype with redacted `message`/`stack` and
   * own properties; other objects (Date, Buffer, Map, ...) are returned as they are. Cycles are
   * preserved.
   */
  redactValue<T>(value: T): T {
    if (this.#values.size === 0) return value;
    const seen = new Map<object, unknown>();
    const visit = (node: unknown): unknown => {
      if (typeof node === "string") return this.redact(node);
      if (typeof node !== "object" || node === null) return node;
      if (seen.has(node)) return seen.get(node);
      if (Array.isArray(node)) {
        const copy: unknown[] = [];
        seen.set(node, copy);
        for (const item of node) copy.push(visit(item));
        return copy;
      }
      const prototype = Object.getPrototypeOf(node) as object | null;
      const isError = node instanceof Error;
      if (!isError && prototype !== Object.prototype && prototype !== null) return node;
      const copy = Object.create(prototype) as Record<string, unknown>;
      seen.set(node, copy);
      if (isError) {
        // message and stack are own but non-enumerable on Errors.
        for (const key of ["message", "stack"] as const) {
          if (typeof node[key] === "string") {
            Object.defineProperty(copy, key, {
              value: this.redact(node[key]),
              writable: true,
              configurable: true,
              enumerable: false,
            });
          }
        }
        if ("cause" in node) copy.cause = visit(node.cause);
      }
      for (const [key, child] of Object.entries(node)) copy[this.redact(key)] = visit(child);
      return copy;
    };
    return visit(value) as T;
  }
}

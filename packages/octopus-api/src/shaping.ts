/**
 * Output shaping for an LLM's context window: compact objects (no `Links`, no nulls, no empty
 * arrays or strings), ISO 8601 UTC times, durations in seconds, and `fields` selection.
 */

export interface CompactOptions {
  /** Keys dropped at every depth. Default `["Links"]`. */
  readonly dropKeys?: readonly string[];
  /** Also drop empty strings (Octopus sends `ErrorMessage: ""`). Default true. */
  readonly dropEmptyStrings?: boolean;
  /** Also drop empty objects. Default true. */
  readonly dropEmptyObjects?: boolean;
}

/**
 * Returns a copy of `value` without `Links`, `null`/`undefined`, empty arrays, empty strings and
 * empty objects, at every depth. Non-plain objects (Date, ...) are kept as they are.
 */
export function compact<T>(value: T, options: CompactOptions = {}): T {
  const drop = new Set(options.dropKeys ?? ["Links"]);
  const dropEmptyStrings = options.dropEmptyStrings ?? true;
  const dropEmptyObjects = options.dropEmptyObjects ?? true;
  const isEmpty = (v: unknown): boolean =>
    v === null ||
    v === undefined ||
    (Array.isArray(v) && v.length === 0) ||
    (dropEmptyStrings && v === "") ||
    (dropEmptyObjects && isPlainObject(v) && Object.keys(v).length === 0);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk).filter((x) => !isEmpty(x));
    if (!isPlainObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(v)) {
      if (drop.has(key)) continue;
      const shaped = walk(child);
      if (!isEmpty(shaped)) out[key] = shaped;
    }
    return out;
  };
  return walk(value) as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Converts an Octopus date-time (`2017-03-20T21:00:17.205+00:00`) to ISO 8601 UTC
 * (`2017-03-20T21:00:17.205Z`). Returns undefined for null, empty or unparseable values.
 */
export function isoTime(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * Seconds between two date-times, rounded to whole seconds; `end` defaults to `now` (a running
 * task). Undefined when `start` is missing or unparseable, or `end` precedes `start`.
 */
export function durationSeconds(
  start: string | null | undefined,
  end?: string | null,
  now: () => number = Date.now,
): number | undefined {
  if (!start) return undefined;
  const from = Date.parse(start);
  const to = end ? Date.parse(end) : now();
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return undefined;
  return Math.round((to - from) / 1000);
}

/**
 * Keeps only the listed fields of `value`. A field is a top-level key or a dotted path
 * (`task.state`). Unknown fields are ignored. Returns `value` unchanged when `fields` is empty or undefined.
 */
export function pickFields<T extends Record<string, unknown>>(
  value: T,
  fields: readonly string[] | undefined,
): Partial<T> {
  if (!fields || fields.length === 0) return value;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const path = field.split(".").filter((p) => p !== "");
    let source: unknown = value;
    for (const part of path) {
      source = isPlainObject(source) ? source[part] : undefined;
    }
    if (source === undefined || path.length === 0) continue;
    let target = out;
    for (const part of path.slice(0, -1)) {
      const next = target[part];
      target = isPlainObject(next) ? next : (target[part] = {});
    }
    target[path[path.length - 1] as string] = source;
  }
  return out as Partial<T>;
}

/** Cuts `text` to at most `max` characters, marking the cut with an ellipsis. */
export function truncateText(text: string | null | undefined, max: number): string | undefined {
  if (text === null || text === undefined || text === "") return undefined;
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

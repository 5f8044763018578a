/**
 * Copies a call's arguments before validation (Ajv applies schema defaults in place, and over the
 * in-memory transport the arguments object is the client's own). Arguments are JSON values, which
 * this copies several times faster than `structuredClone` (whose serialise/deserialise costs a few
 * microseconds even for `{}`); anything that is not a plain object, an array or a primitive (only
 * possible in-process) is handed to `structuredClone`, so the result is the same.
 */

/** A deep copy of `value`: plain objects and arrays copied member by member, other objects by `structuredClone`. */
export function cloneArguments<T>(value: T): T {
  return copy(value, 0) as T;
}

/** Deeper than any sensible argument; a cycle (in-process only) goes to `structuredClone`, which keeps it. */
const MAX_DEPTH = 256;

function copy(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_DEPTH) return structuredClone(value);
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return structuredClone(value);
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = copy((value as Record<string, unknown>)[key], depth + 1);
    // JSON.parse makes "__proto__" an own key; assigning it would set the copy's prototype instead.
    if (key === "__proto__") {
      Object.defineProperty(out, key, {
        value: member,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else out[key] = member;
  }
  return out;
}

/**
 * Canonical JSON and the argument hash of audit lines. Canonical form: object keys sorted by code
 * unit (as RFC 8785 JCS), no whitespace, `undefined` members dropped, numbers and strings as
 * `JSON.stringify` writes them (ECMAScript serialisation, which JCS adopts). Two argument objects
 * that differ only in key order hash the same.
 */
import { createHash } from "node:crypto";

/** Canonical JSON text of a JSON-like value. Non-JSON values (functions, symbols) are dropped like JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return serialise(value) ?? "null";
}

function serialise(value: unknown): string | undefined {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "bigint":
      return JSON.stringify(value.toString());
    case "object": {
      if (Array.isArray(value)) return `[${value.map((item) => serialise(item) ?? "null").join(",")}]`;
      const withToJson = value as { toJSON?: () => unknown };
      if (typeof withToJson.toJSON === "function") return serialise(withToJson.toJSON());
      const entries = Object.keys(value)
        .sort()
        .flatMap((key) => {
          const member = serialise((value as Record<string, unknown>)[key]);
          return member === undefined ? [] : [`${JSON.stringify(key)}:${member}`];
        });
      return `{${entries.join(",")}}`;
    }
    default:
      return undefined;
  }
}

/** Lower-case hex SHA-256 of the canonical JSON of `args` (`{}` when absent). */
export function argumentsSha256(args: unknown): string {
  return createHash("sha256")
    .update(canonicalJson(args ?? {}), "utf8")
    .digest("hex");
}

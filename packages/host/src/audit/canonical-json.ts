/**
 * Canonical JSON and the argument hash of audit lines. Canonical form: object keys sorted by code
 * unit (as RFC 8785 JCS), no whitespace, `undefined` members dropped, numbers and strings as
 * `JSON.stringify` writes them (ECMAScript serialisation, which JCS adopts). Two argument objects
 * that differ only in key order hash the same.
 */
import * as crypto from "node:crypto";

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
      let text = "";
      for (const key of Object.keys(value).sort()) {
        const member = serialise((value as Record<string, unknown>)[key]);
        if (member === undefined) continue;
        text += `${text === "" ? "" : ","}${JSON.stringify(key)}:${member}`;
      }
      return `{${text}}`;
    }
    default:
      return undefined;
  }
}

/**
 * One-shot hex SHA-256 of a UTF-8 string. `crypto.hash` (Node >= 20.12) skips the Hash object
 * `createHash` builds, a few microseconds per audit line; older Node 20 falls back to it.
 */
const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === "function"
    ? (text) => crypto.hash("sha256", text, "hex")
    : (text) => crypto.createHash("sha256").update(text, "utf8").digest("hex");

/** Lower-case hex SHA-256 of the canonical JSON of `value`. */
export function canonicalSha256(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** Lower-case hex SHA-256 of the canonical JSON of `args` (`{}` when absent). */
export function argumentsSha256(args: unknown): string {
  return canonicalSha256(args ?? {});
}

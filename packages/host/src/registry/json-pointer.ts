/**
 * JSON pointer helpers (RFC 6901) shared by the schema rules and the start-up strictness check:
 * escaping one segment, and resolving a local `$ref` (`#/$defs/X`) inside a schema.
 */

type SchemaObject = Record<string, unknown>;

function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Escapes one JSON pointer segment (RFC 6901: `~` -> `~0`, `/` -> `~1`). */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Resolves a local `$ref` that is a JSON pointer fragment (`#`, `#/$defs/X`, percent-encoded
 * segments allowed) against `root`. Returns the target value and its pointer from `root` (e.g.
 * `/$defs/X`), or `undefined` when the ref is not such a fragment or points at nothing.
 */
export function resolvePointerRef(
  root: unknown,
  ref: string,
): { readonly target: unknown; readonly pointer: string } | undefined {
  if (ref === "#") return { target: root, pointer: "" };
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  const segments: string[] = [];
  for (const raw of ref.slice(2).split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    } catch {
      return undefined; // malformed percent-encoding
    }
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(segment)) node = node[Number(segment)];
    else if (isSchemaObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
    segments.push(escapePointerSegment(segment));
  }
  return node === undefined ? undefined : { target: node, pointer: segments.map((s) => `/${s}`).join("") };
}

/** Walks every subschema position of a JSON Schema (2020-12 applicators), with JSON pointers. */

export type SchemaSlot = "root" | "property" | "items" | "additionalProperties" | "applicator" | "definition";

export interface SubschemaVisit {
  readonly schema: unknown;
  readonly pointer: string;
  readonly slot: SchemaSlot;
  /** Property name when `slot` is `property`. */
  readonly name?: string;
}

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Calls `visit` for `schema` and every nested subschema (depth-first, at most 64 levels). */
export function walkSchema(schema: unknown, pointer: string, visit: (v: SubschemaVisit) => void): void {
  const go = (node: unknown, ptr: string, slot: SchemaSlot, depth: number, name?: string): void => {
    visit({ schema: node, pointer: ptr, slot, ...(name !== undefined ? { name } : {}) });
    if (!isRecord(node) || depth > 64) return;
    if (isRecord(node.properties)) {
      for (const [n, sub] of Object.entries(node.properties))
        go(sub, `${ptr}/properties/${escapeSegment(n)}`, "property", depth + 1, n);
    }
    if (node.additionalProperties !== undefined && typeof node.additionalProperties !== "boolean") {
      go(node.additionalProperties, `${ptr}/additionalProperties`, "additionalProperties", depth + 1);
    }
    if (node.items !== undefined) go(node.items, `${ptr}/items`, "items", depth + 1);
    for (const k of ["not", "if", "then", "else", "contains"]) {
      if (node[k] !== undefined) go(node[k], `${ptr}/${k}`, "applicator", depth + 1);
    }
    for (const k of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
      const list = node[k];
      if (Array.isArray(list)) list.forEach((sub, i) => go(sub, `${ptr}/${k}/${i}`, "applicator", depth + 1));
    }
    for (const k of ["$defs", "definitions"]) {
      const defs = node[k];
      if (isRecord(defs))
        for (const [n, sub] of Object.entries(defs))
          go(sub, `${ptr}/${k}/${escapeSegment(n)}`, "definition", depth + 1);
    }
  };
  go(schema, pointer, "root", 0);
}

/** Every string value inside `value` (keys excluded), with its JSON pointer. */
export function collectStrings(
  value: unknown,
  pointer: string,
  out: { text: string; pointer: string }[] = [],
): { text: string; pointer: string }[] {
  if (typeof value === "string") out.push({ text: value, pointer });
  else if (Array.isArray(value)) value.forEach((v, i) => collectStrings(v, `${pointer}/${i}`, out));
  else if (isRecord(value))
    for (const [k, v] of Object.entries(value)) collectStrings(v, `${pointer}/${escapeSegment(k)}`, out);
  return out;
}

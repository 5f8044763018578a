/**
 * Format-preserving YAML edits. Nodes are located with the `yaml` Document API (every node keeps
 * its `range` offsets into the source), and changes are spliced into the original text, so
 * comments, indentation, quoting and key order survive byte for byte outside the edited scalars.
 * Re-stringifying the document would re-indent sequences and rewrap lines.
 */
import { isScalar, parse, parseAllDocuments, type Document, type Scalar } from "yaml";

/** Replace `source.slice(start, end)` with `text`. Offsets in UTF-16 code units. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Applies non-overlapping edits (any order). @throws Error when two edits overlap. */
export function applyTextEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let result = source;
  let previousStart = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.end > previousStart) throw new Error("Overlapping YAML edits.");
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    previousStart = edit.start;
  }
  return result;
}

/** Every document of a (multi-document) YAML file. @throws Error with the parser's message on invalid YAML. */
export function parseYamlDocuments(source: string, fileName: string): readonly Document.Parsed[] {
  const docs = parseAllDocuments(source, { keepSourceTokens: false });
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) throw new Error(`${fileName} is not valid YAML: ${error.message}`);
  }
  return docs;
}

/** A YAML scalar text for `value` that parses back to the same string (quoted when needed). */
export function yamlStringScalar(value: string, style: Scalar.Type | undefined = "PLAIN"): string {
  if (style === "QUOTE_DOUBLE") return JSON.stringify(value);
  if (style === "QUOTE_SINGLE") return `'${value.replace(/'/g, "''")}'`;
  let roundTrips = false;
  try {
    roundTrips = !/[#:]\s|\s#|^[\s'"&*!|>%@`{[,-]|\s$/.test(value) && parse(value) === value;
  } catch {
    roundTrips = false;
  }
  return roundTrips ? value : JSON.stringify(value);
}

/** Edit that replaces a string scalar's value in place, keeping its quote style. @throws Error for block scalars. */
export function replaceScalarEdit(node: Scalar, value: string): TextEdit {
  const range = node.range;
  if (!range) throw new Error("YAML node has no source range.");
  if (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") {
    throw new Error("Block scalars (| or >) are not edited; write the image on one line.");
  }
  return { start: range[0], end: range[1], text: yamlStringScalar(value, node.type) };
}

/** A scalar node holding a string, or undefined. */
export function stringScalar(node: unknown): Scalar<string> | undefined {
  return isScalar(node) && typeof node.value === "string" ? (node as Scalar<string>) : undefined;
}

/** 1-based line number of `offset`. */
export function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** Column (0-based) of `offset` within its line. */
export function columnOf(source: string, offset: number): number {
  return offset - (source.lastIndexOf("\n", offset - 1) + 1);
}

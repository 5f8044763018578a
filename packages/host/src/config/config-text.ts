/**
 * Parsing of config-like files (host config, credentials file): JSON for `.json` files (or text
 * starting with `{` when the extension says nothing), YAML 1.2 otherwise (with `<<` merge keys).
 * A leading byte-order mark is ignored. Syntax errors become
 * {@link ConfigIssue}s with line and column; duplicate keys are errors.
 */
import { createRequire } from "node:module";
import { extname } from "node:path";
import type * as Yaml from "yaml";
import { type ConfigIssue } from "./config-error.js";

// The YAML parser (dozens of modules) loads on the first YAML file only: a JSON config starts
// faster. `require` keeps parseConfigText synchronous; `yaml` ships CommonJS for Node.
const require = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;

export interface ParsedConfigText {
  /** The parsed value (`{}` for an empty file); `undefined` when there were syntax errors. */
  readonly value: unknown;
  readonly issues: ConfigIssue[];
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Which parser a file gets: by extension, else by its first non-blank character. */
export function configTextFormat(file: string, text: string): "json" | "yaml" {
  const extension = extname(file).toLowerCase();
  if (extension === ".json") return "json";
  if (extension === ".yaml" || extension === ".yml") return "yaml";
  return text.trimStart().startsWith("{") ? "json" : "yaml";
}

/** Parses `text` (the content of `file`). Never throws. */
export function parseConfigText(rawText: string, file: string): ParsedConfigText {
  // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
  const text = rawText.replace(/^\uFEFF/, "");
  if (configTextFormat(file, text) === "json") {
    try {
      return { value: text.trim() === "" ? {} : (JSON.parse(text) as unknown), issues: [] };
    } catch (error) {
      // V8 quotes a snippet of the text ('"..." is not valid JSON'): drop it, it may hold a secret.
      const message = (error as Error).message.replace(/,\s*".*" is not valid JSON$/s, "");
      const position = /position (\d+)/.exec(message)?.[1];
      const where = position === undefined ? undefined : lineAndColumn(text, Number(position));
      return {
        value: undefined,
        issues: [
          {
            file,
            path: "",
            message: `JSON syntax error${where ? ` at line ${where.line}, column ${where.column}` : ""}: ${message}`,
            fix: "correct the JSON syntax (or use YAML with a .yaml extension)",
          },
        ],
      };
    }
  }
  const { LineCounter, parseDocument } = (yaml ??= require("yaml") as typeof Yaml);
  const lineCounter = new LineCounter();
  // `merge`: operators share blocks between tenants with `<<: *anchor`.
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter, merge: true });
  if (document.errors.length) {
    return {
      value: undefined,
      issues: document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          file,
          path: "",
          message: `YAML syntax error${position ? ` at line ${position.line}, column ${position.col}` : ""}: ${error.message.split("\n")[0]}`,
          fix: "correct the YAML syntax (indentation, quoting, duplicate keys)",
        };
      }),
    };
  }
  const value: unknown = document.toJS({ maxAliasCount: 100 });
  return { value: value ?? {}, issues: [] };
}

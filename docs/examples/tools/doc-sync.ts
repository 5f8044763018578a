/**
 * Keeps code in the docs identical to the type-checked files under docs/examples. In a markdown
 * file, a line `<!-- include: examples/src/quick-plugin.ts -->` (path relative to docs/) must be
 * followed by a fenced code block holding exactly that file; `<!-- generated: config-reference -->`
 * ... `<!-- /generated -->` holds the config reference rendered from the host config schema.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { renderConfigReference } from "./config-reference.js";

// A block's body never contains a fence line, so a match cannot run into the next block.
const INCLUDE = /<!-- include: ([^\s]+) -->\n```(\w*)\n(?:(?!```)[\s\S])*```/g;
const GENERATED =
  /<!-- generated: config-reference -->\n(?:(?!<!-- \/generated -->)[\s\S])*<!-- \/generated -->/;

/** `markdown` with every include block and generated section rewritten from the sources. */
export function syncDoc(markdown: string, docsDir: string, hostSchemaFile: string): string {
  let out = markdown.replace(INCLUDE, (_match, file: string, lang: string) => {
    const code = readFileSync(path.join(docsDir, file), "utf8").replace(/\n+$/, "");
    return `<!-- include: ${file} -->\n\`\`\`${lang}\n${code}\n\`\`\``;
  });
  if (GENERATED.test(out)) {
    const schema = JSON.parse(readFileSync(hostSchemaFile, "utf8")) as Record<string, unknown>;
    out = out.replace(
      GENERATED,
      () => `<!-- generated: config-reference -->\n${renderConfigReference(schema)}\n<!-- /generated -->`,
    );
  }
  return out;
}

/** The include targets named in `markdown` (paths relative to docs/). */
export function includedFiles(markdown: string): string[] {
  return [...markdown.matchAll(INCLUDE)].map((m) => m[1]!);
}

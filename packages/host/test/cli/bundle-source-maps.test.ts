// The bundles the bins run (scripts/bundle-cli.mjs) carry linked source maps chained through tsc's,
// so `--enable-source-maps` turns bundle positions in stack traces into src/*.ts lines.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist");
const run = promisify(execFile);

describe("CLI bundle source maps", () => {
  it("every chunk links its map, whose host sources are files in src/", () => {
    const chunks = readdirSync(dist).filter((name) => /^octopus-mcp-cli.*\.js$/.test(name));
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      const text = readFileSync(path.join(dist, chunk), "utf8");
      expect(text.trimEnd().endsWith(`//# sourceMappingURL=${chunk}.map`), chunk).toBe(true);
      const map = JSON.parse(readFileSync(path.join(dist, `${chunk}.map`), "utf8")) as { sources: string[] };
      const own = map.sources.filter((source) => !source.includes("node_modules"));
      for (const source of own) {
        expect(source, chunk).toMatch(/^\.\.\/src\/.+\.ts$/);
        expect(existsSync(path.resolve(dist, source)), source).toBe(true);
      }
    }
  });

  it("maps a stack trace from the bundle to src/*.ts with --enable-source-maps", async () => {
    // resolveHostSetup(42) fails inside the bundle (a number is no config path).
    const script = `
      const { resolveHostSetup } = await import(${JSON.stringify(path.join(dist, "octopus-mcp-cli-lib.js"))});
      try { await resolveHostSetup(42); } catch (error) { console.log(error.stack); }
    `;
    const { stdout } = await run(process.execPath, [
      "--enable-source-maps",
      "--input-type=module",
      "-e",
      script,
    ]);
    expect(stdout).toMatch(/src\/cli\/config-path\.ts:\d+:\d+/);
    expect(stdout).not.toMatch(/octopus-mcp-cli-[A-Z0-9]+\.js/);
  });
});

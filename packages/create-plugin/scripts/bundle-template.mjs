// Copies examples/plugin-template into this package's template/ folder so the published package
// carries the template (node_modules, dist and build output excluded).
import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(here, "../../../examples/plugin-template");
const target = path.resolve(here, "../template");
const SKIP = new Set(["node_modules", "dist", ".turbo", "coverage"]);

rmSync(target, { recursive: true, force: true });
cpSync(source, target, {
  recursive: true,
  filter: (file) =>
    !SKIP.has(path.basename(file)) && !file.endsWith(".tsbuildinfo") && !file.endsWith(".tgz"),
});
// npm drops .gitignore files from packages: ship it under another name; the scaffolder renames it back.
cpSync(path.join(source, ".gitignore"), path.join(target, "gitignore"));
rmSync(path.join(target, ".gitignore"), { force: true });

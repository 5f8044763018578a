/**
 * The files a plugin ships or is configured by: source (`src/`, else the built output), config and
 * env files at the package root. Tests, node_modules, source maps and declaration files are skipped.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface SourceFile {
  /** Path relative to the plugin root, `/`-separated. */
  readonly rel: string;
  readonly abs: string;
  readonly content: string;
}

const SKIP_DIRS = new Set(["node_modules", ".git", "test", "tests", "__tests__", "coverage", ".turbo"]);
const CODE_EXT = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const CONFIG_EXT = /\.(?:json|ya?ml|toml|ini|properties|conf)$|^\.env(?:\..*)?$|^\.npmrc$/;
/** Larger files are not scanned (generated bundles, data). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

function walk(dir: string, root: string, out: SourceFile[], accept: (name: string) => boolean): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(abs, root, out, accept);
    } else if (e.isFile() && accept(e.name) && !e.name.endsWith(".d.ts") && !e.name.endsWith(".map")) {
      if (statSync(abs).size > MAX_FILE_BYTES) continue;
      out.push({
        rel: path.relative(root, abs).split(path.sep).join("/"),
        abs,
        content: readFileSync(abs, "utf8"),
      });
    }
  }
}

/** Lists the files to scan under `root`. Code comes from `src/` when present, otherwise from everything but `src`. */
export function listSourceFiles(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  let hasSrc = false;
  try {
    hasSrc = statSync(path.join(root, "src")).isDirectory();
  } catch {
    hasSrc = false;
  }
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const abs = path.join(root, e.name);
    if (e.isFile() && (CONFIG_EXT.test(e.name) || e.name === ".pluginlintrc" || CODE_EXT.test(e.name))) {
      if (e.name === "pnpm-lock.yaml" || e.name === "package-lock.json") continue;
      if (/^(?:vitest|vite|eslint|prettier)\.config\./.test(e.name) || /^tsconfig.*\.json$/.test(e.name))
        continue;
      out.push({ rel: e.name, abs, content: readFileSync(abs, "utf8") });
    } else if (e.isDirectory() && !SKIP_DIRS.has(e.name)) {
      if (hasSrc && e.name === "dist") continue;
      if (!hasSrc || e.name === "src" || e.name === "config") {
        walk(abs, root, out, (n) => CODE_EXT.test(n) || CONFIG_EXT.test(n));
      }
    }
  }
  return out;
}

/** 1-based line of a character offset. */
export function lineOf(content: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < content.length; i++) if (content.charCodeAt(i) === 10) line++;
  return line;
}

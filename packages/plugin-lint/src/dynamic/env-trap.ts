/**
 * L-CRED-3: records reads of `process.env` made by the plugin's own code (a stack frame inside the
 * plugin folder, outside its node_modules) while the trap is installed. Only key names are kept,
 * never values.
 */
import path from "node:path";
import { ALLOWED_ENV_KEYS } from "../static/secret-scan.js";

export interface EnvRead {
  readonly key: string;
  readonly stack: string;
}

/** Installs a recording proxy over `process.env`; call the returned function to restore it. */
export function trapEnvReads(pluginRoot: string): { reads: EnvRead[]; restore: () => void } {
  const reads: EnvRead[] = [];
  const original = process.env;
  const root = pluginRoot.endsWith(path.sep) ? pluginRoot : pluginRoot + path.sep;
  const ownFrame = (line: string) => line.includes(root) && !line.includes(`${root}node_modules`);
  const record = (key: string | symbol) => {
    if (typeof key !== "string" || ALLOWED_ENV_KEYS.has(key)) return;
    const lines = (new Error().stack ?? "").split("\n").slice(3);
    if (lines.some(ownFrame)) reads.push({ key, stack: lines.filter(ownFrame).slice(0, 8).join("\n") });
  };
  const proxy = new Proxy(original, {
    get(target, key, receiver) {
      record(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      record(key);
      return Reflect.has(target, key);
    },
  });
  process.env = proxy;
  return {
    reads,
    restore: () => {
      process.env = original;
    },
  };
}

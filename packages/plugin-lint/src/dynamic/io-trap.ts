/**
 * Records I/O performed during a synchronous call (L-LIFE-2: `onRegister` must do no I/O). The
 * relevant Node APIs are replaced on their CommonJS module objects and `syncBuiltinESMExports()`
 * pushes the replacements into the ESM named exports, so `import { spawn } from "node:child_process"`
 * is trapped too. The originals are still called (the plugin behaves as usual); timers created
 * during the call are cleared afterwards so the lint run leaves nothing behind.
 */
import { createRequire, syncBuiltinESMExports } from "node:module";

const require = createRequire(import.meta.url);

export interface IoEvent {
  readonly kind: "network" | "file-write" | "timer" | "child-process";
  /** e.g. `net.connect`, `fs.writeFileSync`, `setTimeout`. */
  readonly api: string;
  readonly stack: string;
}

type AnyFn = (...args: unknown[]) => unknown;

const TARGETS: readonly { module: string; kind: IoEvent["kind"]; names: readonly string[] }[] = [
  { module: "node:net", kind: "network", names: ["connect", "createConnection", "createServer"] },
  { module: "node:http", kind: "network", names: ["request", "get", "createServer"] },
  { module: "node:https", kind: "network", names: ["request", "get", "createServer"] },
  { module: "node:dgram", kind: "network", names: ["createSocket"] },
  { module: "node:tls", kind: "network", names: ["connect"] },
  {
    module: "node:fs",
    kind: "file-write",
    names: [
      "writeFile",
      "writeFileSync",
      "appendFile",
      "appendFileSync",
      "mkdir",
      "mkdirSync",
      "rm",
      "rmSync",
      "unlink",
      "unlinkSync",
      "rename",
      "renameSync",
      "createWriteStream",
      "copyFile",
      "copyFileSync",
      "open",
      "openSync",
    ],
  },
  {
    module: "node:fs/promises",
    kind: "file-write",
    names: ["writeFile", "appendFile", "mkdir", "rm", "unlink", "rename", "copyFile", "open"],
  },
  {
    module: "node:child_process",
    kind: "child-process",
    names: ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"],
  },
  { module: "node:timers", kind: "timer", names: ["setTimeout", "setInterval", "setImmediate"] },
];

function callerStack(): string {
  const lines = (new Error().stack ?? "").split("\n").slice(3);
  return lines
    .filter((l) => !/\/plugin-lint\/(?:src|dist)\//.test(l))
    .slice(0, 12)
    .join("\n");
}

/**
 * Runs `fn` synchronously with the traps installed and returns what it did.
 * `open`/`openSync` count as writes only with a write flag.
 */
export function traceSyncIo<T>(fn: () => T): { result?: T; error?: unknown; events: IoEvent[] } {
  const events: IoEvent[] = [];
  const restores: (() => void)[] = [];
  const timers: { clear: () => void }[] = [];
  const patch = (obj: Record<string, unknown>, name: string, kind: IoEvent["kind"], label: string) => {
    const original = obj[name];
    if (typeof original !== "function") return;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const isOpen = name === "open" || name === "openSync";
      const flags = args[1];
      if (!isOpen || (typeof flags === "string" && /[wa+]/.test(flags))) {
        events.push({ kind, api: label, stack: callerStack() });
      }
      const value = (original as AnyFn).apply(this, args);
      if (kind === "timer") {
        const clear =
          name === "setInterval" ? clearInterval : name === "setImmediate" ? clearImmediate : clearTimeout;
        timers.push({ clear: () => clear(value as never) });
      }
      return value;
    };
    obj[name] = wrapped;
    restores.push(() => {
      obj[name] = original;
    });
  };
  for (const t of TARGETS) {
    const mod = require(t.module) as Record<string, unknown>;
    for (const name of t.names) patch(mod, name, t.kind, `${t.module.replace("node:", "")}.${name}`);
  }
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of ["setTimeout", "setInterval", "setImmediate"]) patch(g, name, "timer", name);
  patch(g, "fetch", "network", "fetch");
  syncBuiltinESMExports();
  try {
    const result = fn();
    return { result, events };
  } catch (error) {
    return { error, events };
  } finally {
    for (const restore of restores.reverse()) restore();
    syncBuiltinESMExports();
    for (const t of timers) t.clear();
  }
}

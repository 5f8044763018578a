/**
 * L-TENANT-2: output the plugin writes around the host's logger during a call (console.*,
 * process.stdout/stderr.write) carries no tenantId or correlationId, and on stdout it corrupts the
 * stdio protocol channel. Writes whose stack has a frame in the plugin folder (outside its
 * node_modules) are recorded and swallowed; other writes pass through.
 */
import path from "node:path";

export interface OutputWrite {
  readonly api: string;
  readonly text: string;
}

/** Installs the trap; call `restore()` to remove it. */
export function trapPluginOutput(pluginRoot: string): { writes: OutputWrite[]; restore: () => void } {
  const writes: OutputWrite[] = [];
  const root = pluginRoot.endsWith(path.sep) ? pluginRoot : pluginRoot + path.sep;
  const fromPlugin = () =>
    (new Error().stack ?? "")
      .split("\n")
      .slice(3)
      .some((l) => l.includes(root) && !l.includes(`${root}node_modules`));
  const restores: (() => void)[] = [];
  const c = console as unknown as Record<string, (...args: unknown[]) => void>;
  for (const name of ["log", "info", "warn", "error", "debug", "trace"]) {
    const original = c[name]!;
    c[name] = (...args: unknown[]) => {
      if (fromPlugin())
        writes.push({ api: `console.${name}`, text: args.map(String).join(" ").slice(0, 200) });
      else original.apply(console, args);
    };
    restores.push(() => {
      c[name] = original;
    });
  }
  for (const [label, stream] of [
    ["process.stdout.write", process.stdout],
    ["process.stderr.write", process.stderr],
  ] as const) {
    const original = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      if (fromPlugin()) {
        writes.push({ api: label, text: String(chunk).slice(0, 200) });
        return true;
      }
      return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    restores.push(() => {
      stream.write = original;
    });
  }
  return {
    writes,
    restore: () => {
      for (const r of restores.reverse()) r();
    },
  };
}

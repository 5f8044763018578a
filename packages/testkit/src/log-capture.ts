/**
 * An in-memory log destination: the host writes its (already redacted) JSON lines here and the
 * test reads them parsed, as `host.logs`.
 */

/** One parsed pino line (`level` is the label, e.g. `"info"`; `msg` the message). */
export type CapturedLogLine = Record<string, unknown> & { readonly level: string; readonly msg?: string };

export class LogCapture {
  /** Parsed lines, oldest first; grows live. */
  readonly lines: CapturedLogLine[] = [];
  #raw = "";
  #pending = "";

  /** pino destination interface. */
  write(chunk: string): boolean {
    this.#raw += chunk;
    this.#pending += chunk;
    let newline = this.#pending.indexOf("\n");
    while (newline !== -1) {
      const line = this.#pending.slice(0, newline);
      this.#pending = this.#pending.slice(newline + 1);
      if (line.trim() !== "") {
        try {
          this.lines.push(JSON.parse(line) as CapturedLogLine);
        } catch {
          this.lines.push({ level: "unparsed", msg: line });
        }
      }
      newline = this.#pending.indexOf("\n");
    }
    return true;
  }

  /** Everything written, exactly as it would have reached stderr. */
  text(): string {
    return this.#raw;
  }

  clear(): void {
    this.lines.length = 0;
    this.#raw = "";
  }
}

/**
 * Splits a streamed task log into lines with bounded memory.
 *
 * Input: the raw task log (`GET /api/{spaceId}/tasks/{id}/raw`, `text/plain`, octopus-api.md §10.8) as
 * an async iterable of byte chunks (or already-decoded strings). Output: batches of lines, one batch
 * per input chunk, so consumers pay one `await` per chunk rather than per line.
 *
 * Line rules (match GNU grep's view of a text file):
 * - lines end at `\n`; a trailing `\r` is removed (CRLF logs);
 * - a final line without `\n` still counts; a final `\n` does not start an extra empty line;
 * - lines are numbered from 1;
 * - a line longer than `maxLineLength` characters is cut to that length and the rest is skipped
 *   (never buffered), so a log with no newlines at all still uses bounded memory.
 *
 * Breaking out of the consuming `for await` returns this generator, which returns the source's
 * iterator: for a `ReadableStream` or a fetch body that cancels the HTTP download.
 */

/** Default cap on one line, in UTF-16 code units (64 KiB of text). */
export const DEFAULT_MAX_LINE_LENGTH = 65_536;

/** Lines of one input chunk. */
export interface LineBatch {
  /** 1-based number of `lines[0]`. */
  readonly firstLineNumber: number;
  readonly lines: readonly string[];
}

/** Counters a reader updates while it runs (readable after or during iteration). */
export interface LineReaderStats {
  /** Bytes received from the source so far (string chunks count their UTF-16 length). */
  bytesRead: number;
  /** Complete lines produced so far. */
  linesRead: number;
  /** Lines cut to `maxLineLength`. */
  truncatedLines: number;
  /** True once the source ended (the whole log was read). */
  endOfStream: boolean;
}

export interface LineReaderOptions {
  /** Cap per line in characters; default {@link DEFAULT_MAX_LINE_LENGTH}. Must be ≥ 1. */
  readonly maxLineLength?: number;
  /** Receives live counters. */
  readonly stats?: LineReaderStats;
  /** Stops reading (returns early) when aborted. */
  readonly signal?: AbortSignal;
}

/** A fresh, zeroed stats object. */
export function createLineReaderStats(): LineReaderStats {
  return { bytesRead: 0, linesRead: 0, truncatedLines: 0, endOfStream: false };
}

/**
 * Yields the lines of `source` in batches. Memory: one decoded chunk plus at most
 * `maxLineLength` characters of an unfinished line.
 * @throws whatever the source throws (e.g. the host's typed HTTP errors); an `AbortError`-style
 *   `signal.reason` when `signal` is aborted.
 */
export async function* readLineBatches(
  source: AsyncIterable<Uint8Array | string>,
  options: LineReaderOptions = {},
): AsyncGenerator<LineBatch, void, undefined> {
  const maxLineLength = Math.max(1, options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH);
  const stats = options.stats ?? createLineReaderStats();
  const signal = options.signal;
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  // True while the current line has exceeded the cap: the rest of it is dropped up to the next `\n`.
  let skipping = false;
  let nextLineNumber = 1;

  const finishLine = (piece: string, out: string[]): void => {
    let line: string;
    if (skipping) {
      line = pending;
      skipping = false;
    } else {
      line = pending.length === 0 ? piece : pending + piece;
      if (line.length > maxLineLength) {
        line = line.slice(0, maxLineLength);
        stats.truncatedLines++;
      } else if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) {
        line = line.slice(0, -1);
      }
    }
    pending = "";
    out.push(line);
  };

  const appendPartial = (piece: string): void => {
    if (skipping || piece.length === 0) return;
    pending = pending.length === 0 ? piece : pending + piece;
    if (pending.length > maxLineLength) {
      pending = pending.slice(0, maxLineLength);
      stats.truncatedLines++;
      skipping = true;
    }
  };

  for await (const chunk of source) {
    signal?.throwIfAborted();
    let text: string;
    if (typeof chunk === "string") {
      stats.bytesRead += chunk.length;
      text = chunk;
    } else {
      stats.bytesRead += chunk.byteLength;
      text = decoder.decode(chunk, { stream: true });
    }
    if (text.length === 0) continue;
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const newline = text.indexOf("\n", start);
      if (newline === -1) break;
      finishLine(text.slice(start, newline), lines);
      start = newline + 1;
    }
    if (start < text.length) appendPartial(start === 0 ? text : text.slice(start));
    if (lines.length > 0) {
      const batch: LineBatch = { firstLineNumber: nextLineNumber, lines };
      nextLineNumber += lines.length;
      stats.linesRead += lines.length;
      yield batch;
    }
  }
  const tail = decoder.decode();
  if (tail.length > 0) appendPartial(tail);
  if (pending.length > 0 || skipping) {
    const lines: string[] = [];
    finishLine("", lines);
    stats.linesRead += 1;
    yield { firstLineNumber: nextLineNumber, lines };
  }
  stats.endOfStream = true;
}

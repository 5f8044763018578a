/**
 * Line ranges and tails of a streamed task log, with bounded memory.
 * - {@link readLineRange} keeps only the requested lines (copied out of their chunk, see
 *   {@link detachLine}) and stops reading after the last one;
 * - {@link readTail} keeps a ring of the last `count` lines and reads to the end (the raw-log route
 *   has no range support, octopus-api.md §10.8), reporting the total line count.
 */
import { LineRing } from "./grep.js";
import { createLineReaderStats, detachLine, readLineBatches, type LineReaderStats } from "./line-reader.js";

/** Most lines one range or tail may return. */
export const MAX_RANGE_LINES = 500;

export interface NumberedLine {
  /** 1-based. */
  readonly lineNumber: number;
  readonly text: string;
}

export interface LineRangeResult {
  readonly lines: readonly NumberedLine[];
  /** Total lines of the log when it was read to the end, else `undefined`. */
  readonly totalLines: number | undefined;
  /** Whether the log was read to the end. */
  readonly complete: boolean;
  readonly bytesRead: number;
  readonly truncatedLines: number;
}

export interface LineStreamOptions {
  readonly maxLineLength?: number;
  readonly signal?: AbortSignal;
}

function readerOptions(stats: LineReaderStats, options: LineStreamOptions) {
  return {
    stats,
    ...(options.maxLineLength !== undefined ? { maxLineLength: options.maxLineLength } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/**
 * Lines `from`..`to` (1-based, inclusive). A range past the end returns fewer (or no) lines and the
 * total. Stops the download right after line `to`.
 * @throws RangeError when `from` < 1, `to` < `from`, or the range is wider than {@link MAX_RANGE_LINES}.
 */
export async function readLineRange(
  source: AsyncIterable<Uint8Array | string>,
  from: number,
  to: number,
  options: LineStreamOptions = {},
): Promise<LineRangeResult> {
  if (!Number.isInteger(from) || from < 1)
    throw new RangeError(`"from" must be an integer ≥ 1 (got ${from}).`);
  if (!Number.isInteger(to) || to < from)
    throw new RangeError(`"to" must be an integer ≥ "from" (got ${to}).`);
  if (to - from + 1 > MAX_RANGE_LINES) {
    throw new RangeError(`A range may span at most ${MAX_RANGE_LINES} lines (asked for ${to - from + 1}).`);
  }
  const stats = createLineReaderStats();
  const lines: NumberedLine[] = [];
  outer: for await (const batch of readLineBatches(source, readerOptions(stats, options))) {
    const last = batch.firstLineNumber + batch.lines.length - 1;
    if (last < from) continue;
    for (let i = Math.max(0, from - batch.firstLineNumber); i < batch.lines.length; i++) {
      const lineNumber = batch.firstLineNumber + i;
      if (lineNumber > to) break outer;
      lines.push({ lineNumber, text: detachLine(batch.lines[i] as string) });
      if (lineNumber === to) break outer;
    }
  }
  const complete = stats.endOfStream;
  return {
    lines,
    totalLines: complete ? stats.linesRead : undefined,
    complete,
    bytesRead: stats.bytesRead,
    truncatedLines: stats.truncatedLines,
  };
}

/**
 * The last `count` lines and the total number of lines. Reads the whole log; memory is the ring.
 * @throws RangeError when `count` is not in 1..{@link MAX_RANGE_LINES}.
 */
export async function readTail(
  source: AsyncIterable<Uint8Array | string>,
  count: number,
  options: LineStreamOptions = {},
): Promise<LineRangeResult> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_RANGE_LINES) {
    throw new RangeError(`"count" must be an integer from 1 to ${MAX_RANGE_LINES} (got ${count}).`);
  }
  const stats = createLineReaderStats();
  const ring = new LineRing(count);
  for await (const batch of readLineBatches(source, readerOptions(stats, options))) {
    // Only the last `count` lines of a batch can survive; skip the rest cheaply.
    const startIndex = Math.max(0, batch.lines.length - count);
    for (let i = startIndex; i < batch.lines.length; i++) {
      ring.push(batch.firstLineNumber + i, batch.lines[i] as string);
    }
  }
  return {
    // The ring holds slices of the last chunks; copy them so the result does not keep those alive.
    lines: ring.toArray().map((line) => ({ lineNumber: line.lineNumber, text: detachLine(line.text) })),
    totalLines: stats.linesRead,
    complete: true,
    bytesRead: stats.bytesRead,
    truncatedLines: stats.truncatedLines,
  };
}

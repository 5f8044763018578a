/**
 * Streaming grep over a task log with GNU `grep -n` semantics and bounded memory.
 *
 * Semantics follow GNU grep 3.x (checked against it by test/log/grep-gnu.test.ts):
 * - a line is *selected* when the pattern matches it (or, with `invert`, when it does not);
 * - `maxMatches` (grep `-m`) stops after that many selected lines, *after* printing their trailing
 *   context; lines in that trailing context are printed as context even when they match;
 * - `before`/`after` (grep `-B`/`-A`) print context lines; a `--` separator goes between groups of
 *   printed lines that are not adjacent, only when some context was requested;
 * - line numbers are 1-based.
 *
 * Memory: the line reader's bounds plus a ring of `before` lines plus the printed entries
 * (at most `maxMatches * (1 + before + after)` lines). The log itself is never held. Printed lines
 * are copied out of their chunk ({@link detachLine}): kept as slices, each would keep its whole
 * decoded chunk alive (1,000 matches pinned ~18 MB of a 100 MB log in bench figure 5).
 */
import { createLineReaderStats, detachLine, readLineBatches, type LineReaderStats } from "./line-reader.js";

/** Upper bound for `before`/`after` context, per side. */
export const MAX_CONTEXT_LINES = 50;
/** Upper bound for `maxMatches`. */
export const MAX_GREP_MATCHES = 1_000;
/** Longest accepted pattern, in characters (also limits pathological regexes). */
export const MAX_PATTERN_LENGTH = 1_000;

export interface GrepOptions {
  /** A JavaScript regular expression, or a literal string when `fixedStrings` is true. */
  readonly pattern: string;
  /** Treat `pattern` as a literal (grep `-F`). Default false. */
  readonly fixedStrings?: boolean;
  /** grep `-i`. Default false. */
  readonly ignoreCase?: boolean;
  /** Select non-matching lines (grep `-v`). Default false. */
  readonly invert?: boolean;
  /** Context lines before each selected line (grep `-B`), 0..{@link MAX_CONTEXT_LINES}. Default 0. */
  readonly before?: number;
  /** Context lines after each selected line (grep `-A`), 0..{@link MAX_CONTEXT_LINES}. Default 0. */
  readonly after?: number;
  /** Stop after this many selected lines (grep `-m`), 1..{@link MAX_GREP_MATCHES}. Default 100. */
  readonly maxMatches?: number;
  /**
   * Keep reading to the end after `maxMatches` to count every selected line (`totalMatches`).
   * When false, reading stops (the download is cancelled) as soon as the output is complete.
   */
  readonly countAll?: boolean;
  /** Per-line cap in characters passed to the line reader. */
  readonly maxLineLength?: number;
  readonly signal?: AbortSignal;
  /** Called about every {@link PROGRESS_INTERVAL_BYTES} read (bytes and lines so far), e.g. for MCP progress. */
  readonly onProgress?: (bytesRead: number, linesRead: number) => void;
}

/** How often `onProgress` fires, in bytes read. */
export const PROGRESS_INTERVAL_BYTES = 8 * 1024 * 1024;

/** One output item: a selected line, a context line, or a group separator (`--`). */
export type GrepEntry =
  | { readonly kind: "match"; readonly lineNumber: number; readonly text: string }
  | { readonly kind: "context"; readonly lineNumber: number; readonly text: string }
  | { readonly kind: "separator" };

export interface GrepResult {
  readonly entries: readonly GrepEntry[];
  /** Selected lines in `entries` (≤ `maxMatches`). */
  readonly matchCount: number;
  /**
   * Selected lines in the whole log; known when the log was read to the end (always with
   * `countAll`), otherwise `undefined` (there may be more than `matchCount`).
   */
  readonly totalMatches: number | undefined;
  /** True when the whole log was read. */
  readonly complete: boolean;
  /** Lines read (= total lines when `complete`). */
  readonly linesRead: number;
  /** Bytes read from the stream. */
  readonly bytesRead: number;
  /** Lines longer than the cap (their tail was ignored for matching and output). */
  readonly truncatedLines: number;
}

/** A compiled line predicate. */
export type LineMatcher = (line: string) => boolean;

/**
 * Compiles `pattern` into a line predicate.
 * @throws SyntaxError with the engine's message when the regular expression is invalid, or from
 *   {@link assertSafePattern} for catastrophic-backtracking shapes.
 */
export function compileLineMatcher(pattern: string, fixedStrings = false, ignoreCase = false): LineMatcher {
  if (fixedStrings && !ignoreCase) return (line) => line.includes(pattern);
  if (!fixedStrings) assertSafePattern(pattern);
  const source = fixedStrings ? escapeRegExp(pattern) : pattern;
  const regex = new RegExp(source, ignoreCase ? "i" : "");
  return (line) => regex.test(line);
}

/**
 * Rejects patterns with a quantified group that itself contains an unbounded quantifier, such as
 * `(a+)+`, `(\w*\s)*` or `(x+){2,}`: the classic catastrophic-backtracking shapes. JavaScript regexes
 * run synchronously, so one such pattern on a long line could stall the whole host; a timeout
 * cannot interrupt it.
 * @throws SyntaxError naming the construct and suggesting a fix.
 */
export function assertSafePattern(pattern: string): void {
  // For each open group: whether it contains an unbounded quantifier.
  const stack: boolean[] = [];
  let inClass = false;
  const unboundedAt = (i: number): boolean => {
    const c = pattern[i];
    return c === "+" || c === "*" || (c === "{" && /^\{\d*,\}/.test(pattern.slice(i)));
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") stack.push(false);
    else if (c === ")") {
      const innerUnbounded = stack.pop() ?? false;
      const quantified = unboundedAt(i + 1);
      if (innerUnbounded && quantified) {
        throw new SyntaxError(
          `pattern has a repeated group that contains + or * (e.g. "(a+)+"), which can take exponential time; ` +
            `simplify it or use fixed: true`,
        );
      }
      if (innerUnbounded && stack.length > 0) stack[stack.length - 1] = true;
      if (quantified && stack.length > 0) stack[stack.length - 1] = true;
    } else if (unboundedAt(i) && stack.length > 0) stack[stack.length - 1] = true;
  }
}

/** Escapes regular-expression metacharacters so `text` matches literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** Fixed-size ring of the most recent lines (for `before` context and tails). */
export class LineRing {
  private readonly numbers: number[];
  private readonly texts: string[];
  private start = 0;
  private size = 0;

  /** @param capacity lines kept; 0 keeps nothing. */
  constructor(readonly capacity: number) {
    this.numbers = new Array<number>(capacity);
    this.texts = new Array<string>(capacity);
  }

  push(lineNumber: number, text: string): void {
    if (this.capacity === 0) return;
    const index = (this.start + this.size) % this.capacity;
    this.numbers[index] = lineNumber;
    this.texts[index] = text;
    if (this.size < this.capacity) this.size++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Oldest first. */
  toArray(): { lineNumber: number; text: string }[] {
    const out: { lineNumber: number; text: string }[] = [];
    for (let i = 0; i < this.size; i++) {
      const index = (this.start + i) % this.capacity;
      out.push({ lineNumber: this.numbers[index] as number, text: this.texts[index] as string });
    }
    return out;
  }

  clear(): void {
    this.start = 0;
    this.size = 0;
  }
}

function clampInteger(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/**
 * Greps a streamed log. Reads `source` once; stops early (returning the source's iterator, which
 * cancels a fetch body) when `maxMatches` selected lines and their trailing context are out and
 * `countAll` is false.
 * @throws SyntaxError for an invalid regular expression (callers map it to invalid_arguments);
 *   whatever the source throws.
 */
export async function grepLog(
  source: AsyncIterable<Uint8Array | string>,
  options: GrepOptions,
): Promise<GrepResult> {
  const matcher = compileLineMatcher(
    options.pattern,
    options.fixedStrings ?? false,
    options.ignoreCase ?? false,
  );
  const invert = options.invert ?? false;
  const before = clampInteger(options.before, 0, 0, MAX_CONTEXT_LINES);
  const after = clampInteger(options.after, 0, 0, MAX_CONTEXT_LINES);
  const maxMatches = clampInteger(options.maxMatches, 100, 1, MAX_GREP_MATCHES);
  const countAll = options.countAll ?? false;
  const withContext = before > 0 || after > 0;

  const stats: LineReaderStats = createLineReaderStats();
  const entries: GrepEntry[] = [];
  const ring = new LineRing(before);
  let matchCount = 0;
  let total = 0;
  let lastPrinted = 0;
  let afterRemaining = 0;
  let done = false;
  let nextProgress = PROGRESS_INTERVAL_BYTES;

  const reader = readLineBatches(source, {
    stats,
    ...(options.maxLineLength !== undefined ? { maxLineLength: options.maxLineLength } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  outer: for await (const batch of reader) {
    const lines = batch.lines;
    if (options.onProgress && stats.bytesRead >= nextProgress) {
      nextProgress = stats.bytesRead + PROGRESS_INTERVAL_BYTES;
      options.onProgress(stats.bytesRead, stats.linesRead);
    }
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i] as string;
      const lineNumber = batch.firstLineNumber + i;
      const selected = matcher(text) !== invert;
      if (selected) total++;
      if (selected && matchCount < maxMatches) {
        const context = ring.toArray();
        const firstNumber =
          context.length > 0 ? (context[0] as { lineNumber: number }).lineNumber : lineNumber;
        if (withContext && lastPrinted > 0 && firstNumber > lastPrinted + 1)
          entries.push({ kind: "separator" });
        for (const line of context)
          entries.push({ kind: "context", lineNumber: line.lineNumber, text: detachLine(line.text) });
        ring.clear();
        entries.push({ kind: "match", lineNumber, text: detachLine(text) });
        lastPrinted = lineNumber;
        afterRemaining = after;
        matchCount++;
      } else if (afterRemaining > 0) {
        entries.push({ kind: "context", lineNumber, text: detachLine(text) });
        lastPrinted = lineNumber;
        afterRemaining--;
      } else if (matchCount < maxMatches) {
        ring.push(lineNumber, text);
      }
      if (!countAll && matchCount >= maxMatches && afterRemaining === 0) {
        done = true;
        break outer;
      }
    }
  }
  const complete = stats.endOfStream && !done;
  return {
    entries,
    matchCount,
    totalMatches: complete || countAll ? total : undefined,
    complete,
    linesRead: stats.linesRead,
    bytesRead: stats.bytesRead,
    truncatedLines: stats.truncatedLines,
  };
}

/**
 * Formats entries like `grep -n`: `12:text` for selected lines, `13-text` for context, `--` between
 * groups. `maxTextLength` cuts long lines (adds `…`) to keep tool output small.
 */
export function formatGrepEntries(
  entries: readonly GrepEntry[],
  maxTextLength = Number.POSITIVE_INFINITY,
): string[] {
  return entries.map((entry) => {
    if (entry.kind === "separator") return "--";
    const text = entry.text.length > maxTextLength ? `${entry.text.slice(0, maxTextLength)}…` : entry.text;
    return `${entry.lineNumber}${entry.kind === "match" ? ":" : "-"}${text}`;
  });
}

/**
 * Deterministic failure extraction from a streamed raw task log (no model call).
 *
 * Reads the log once with bounded memory and finds:
 * - the first error lines (log level `Error`/`Fatal` in the raw-log prefix
 *   `HH:MM:SS   <Level>    | <message>`, octopus-api.md §10.8), each with context lines;
 * - what the log says it was doing just before the first error: the last lines whose message starts
 *   with an activity verb (`Executing`, `Running`, `Deploying`, ...);
 * - the section the first error sits in, from `== <Status>: <Name> ==` header lines (nested by
 *   indentation after the `|`).
 * Summary errors that only repeat that something failed ("The deployment failed because one or more
 * steps failed...") are used only when there is no other error line: the cause sits elsewhere.
 * When no line carries a level prefix (an unknown log format), lines containing
 * error/exception/fatal/failed words are used instead.
 *
 * Stops reading once the requested error groups and their trailing context are complete.
 */
import { LineRing } from "../log/grep.js";
import { createLineReaderStats, detachLine, readLineBatches } from "../log/line-reader.js";
import type { NumberedLine } from "../log/line-range.js";

/** `HH:MM:SS   Level    | message` (optionally with a date), the MCP server's prefix rule. */
const PREFIX = /^(?:\d{4}-\d{2}-\d{2}T?)?\d{2}:\d{2}:\d{2}(?:\.\d+)?\s+(\S+)\s+\|\s?(.*)$/;
/** Continuation/section lines: blank prefix then `|`. */
const BARE = /^\s+\|\s?(.*)$/;
const SECTION = /^(\s*)==\s*([A-Za-z]+):\s*(.*?)\s*==\s*$/;
const ERROR_LEVELS = new Set(["error", "fatal"]);
/** Octopus's closing summaries, which say *that* something failed, not why. */
const SUMMARY_ERROR =
  /one or more steps failed|see the (deployment|output|task) log|^\s*the (deployment|task|runbook run) (failed|was canceled)\b/i;
const KEYWORD_ERROR = /\b(error|exception|fatal|failed|failure)\b/i;
const DOING =
  /^\s*(Executing|Running|Invoking|Deploying|Starting|Calling|Applying|Installing|Uploading|Downloading|Acquiring|Extracting|Unpacking|Creating|Updating|Waiting|Beginning|Performing|Attempting|Connecting|Checking|Syncing|Rolling|Pushing|Pulling|Migrating|Restarting)\b/i;

/** Error lines that may extend one group beyond its context (consecutive errors, e.g. a stack trace). */
export const MAX_EXTRA_ERROR_LINES = 12;

export interface ErrorGroup {
  /** Line number of the (first) error line itself. */
  readonly lineNumber: number;
  /** Every error line of the group (the first one plus consecutive errors that extended it). */
  readonly errorLineNumbers: readonly number[];
  /** Context before, the error line, context after; numbered, in order. */
  readonly lines: readonly NumberedLine[];
}

export interface FailureExtraction {
  /** First error groups (overlapping groups are merged). */
  readonly errors: readonly ErrorGroup[];
  /** Lines describing what was being done before the first error, oldest first. */
  readonly doingBefore: readonly NumberedLine[];
  /** Section headers enclosing the first error, outermost first (e.g. `Failed: Step 2: Run script`). */
  readonly section: readonly string[];
  /**
   * `level`: errors from the log level; `summary`: only Octopus's closing "failed" summaries were
   * found; `keyword`: fallback on error words (no level prefixes); `none`: nothing found.
   */
  readonly detection: "level" | "summary" | "keyword" | "none";
  readonly linesRead: number;
  readonly complete: boolean;
}

export interface FailureExtractionOptions {
  /** Error groups to collect. Default 3. */
  readonly maxErrors?: number;
  /** Context lines before each error. Default 5. */
  readonly before?: number;
  /** Context lines after each error. Default 3. */
  readonly after?: number;
  /** "Doing" lines to report. Default 3. */
  readonly doingLines?: number;
  readonly maxLineLength?: number;
  readonly signal?: AbortSignal;
}

/**
 * A kept line copied out of its decoded chunk (see `detachLine`): results and open groups outlive
 * their batch, and a slice would keep the whole chunk alive.
 */
function detachNumbered(line: NumberedLine): NumberedLine {
  return { lineNumber: line.lineNumber, text: detachLine(line.text) };
}

/** Parsed view of one raw-log line. */
export function parseLogLine(text: string): { level: string | undefined; message: string } {
  const m = PREFIX.exec(text);
  if (m) return { level: m[1], message: m[2] ?? "" };
  const bare = BARE.exec(text);
  return { level: undefined, message: bare ? (bare[1] ?? "") : text };
}

interface Collector {
  readonly groups: {
    lineNumber: number;
    errorLineNumbers: number[];
    lines: NumberedLine[];
    afterRemaining: number;
  }[];
  readonly ring: LineRing;
  lastLine: number;
  doingAtFirst: NumberedLine[] | undefined;
  sectionAtFirst: string[] | undefined;
}

function newCollector(before: number): Collector {
  return {
    groups: [],
    ring: new LineRing(before),
    lastLine: 0,
    doingAtFirst: undefined,
    sectionAtFirst: undefined,
  };
}

/**
 * Extracts the failure facts from a raw log stream.
 * @throws whatever the source throws.
 */
export async function extractFailure(
  source: AsyncIterable<Uint8Array | string>,
  options: FailureExtractionOptions = {},
): Promise<FailureExtraction> {
  const maxErrors = options.maxErrors ?? 3;
  const before = options.before ?? 5;
  const after = options.after ?? 3;
  const doingLimit = options.doingLines ?? 3;
  /** Bound on one group, so a long run of error lines cannot grow it without limit. */
  const maxGroupLines = before + 1 + after + MAX_EXTRA_ERROR_LINES;
  const stats = createLineReaderStats();
  const byLevel = newCollector(before);
  const bySummary = newCollector(before);
  const byKeyword = newCollector(before);
  const doing = new LineRing(doingLimit);
  const sections: { indent: number; title: string }[] = [];
  let sawLevelPrefix = false;
  let done = false;

  const feed = (c: Collector, lineNumber: number, text: string, isError: boolean) => {
    const open = c.groups.at(-1);
    if (open && open.afterRemaining > 0) {
      open.lines.push({ lineNumber, text: detachLine(text) });
      open.afterRemaining--;
      // Consecutive error lines (a stack trace) extend the group, up to a fixed size.
      if (isError) {
        open.afterRemaining = after;
        open.errorLineNumbers.push(lineNumber);
      }
      if (open.lines.length >= maxGroupLines) open.afterRemaining = 0;
      c.lastLine = lineNumber;
      return;
    }
    if (isError && c.groups.length < maxErrors) {
      if (c.groups.length === 0) {
        c.doingAtFirst = doing.toArray().map(detachNumbered);
        c.sectionAtFirst = sections.map((s) => s.title);
      }
      const context = c.ring
        .toArray()
        .filter((l) => l.lineNumber > c.lastLine)
        .map(detachNumbered);
      c.groups.push({
        lineNumber,
        errorLineNumbers: [lineNumber],
        lines: [...context, { lineNumber, text: detachLine(text) }],
        afterRemaining: after,
      });
      c.ring.clear();
      c.lastLine = lineNumber;
      return;
    }
    c.ring.push(lineNumber, text);
  };
  const finished = (c: Collector) =>
    c.groups.length >= maxErrors && (c.groups.at(-1)?.afterRemaining ?? 0) === 0;

  const readerOptions = {
    stats,
    ...(options.maxLineLength !== undefined ? { maxLineLength: options.maxLineLength } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  outer: for await (const batch of readLineBatches(source, readerOptions)) {
    for (let i = 0; i < batch.lines.length; i++) {
      const text = batch.lines[i] as string;
      const lineNumber = batch.firstLineNumber + i;
      const { level, message } = parseLogLine(text);
      if (level !== undefined) sawLevelPrefix = true;
      const header = SECTION.exec(message);
      if (header) {
        const indent = (header[1] ?? "").length;
        while (sections.length > 0 && (sections.at(-1) as { indent: number }).indent >= indent)
          sections.pop();
        sections.push({ indent, title: detachLine(`${header[2]}: ${header[3]}`) });
      }
      const levelError = level !== undefined && ERROR_LEVELS.has(level.toLowerCase());
      const summary = levelError && SUMMARY_ERROR.test(message);
      feed(byLevel, lineNumber, text, levelError && !summary);
      if (byLevel.groups.length === 0) feed(bySummary, lineNumber, text, summary);
      if (!sawLevelPrefix) feed(byKeyword, lineNumber, text, KEYWORD_ERROR.test(message));
      if (byLevel.groups.length === 0 && DOING.test(message)) doing.push(lineNumber, text);
      if (finished(byLevel)) {
        done = true;
        break outer;
      }
    }
  }
  const chosen =
    byLevel.groups.length > 0
      ? byLevel
      : bySummary.groups.length > 0
        ? bySummary
        : sawLevelPrefix
          ? undefined
          : byKeyword;
  const detection =
    chosen === byLevel
      ? "level"
      : chosen === bySummary
        ? "summary"
        : chosen && chosen.groups.length > 0
          ? "keyword"
          : "none";
  return {
    errors: (chosen?.groups ?? []).map((g) => ({
      lineNumber: g.lineNumber,
      errorLineNumbers: g.errorLineNumbers,
      lines: g.lines,
    })),
    doingBefore: chosen?.doingAtFirst ?? [],
    section: chosen?.sectionAtFirst ?? [],
    detection,
    linesRead: stats.linesRead,
    complete: stats.endOfStream && !done,
  };
}

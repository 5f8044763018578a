/**
 * Terminal display of MCP progress notifications (`notifications/progress`, MCP 2025-11-25
 * utilities/progress) for long tool calls such as `deployments_deploy_release` with `waitSeconds`.
 * On a TTY: a cli-progress line redrawn in place (a bar when the server sends `total`, otherwise a
 * spinner with the elapsed time); elsewhere: one plain line per notification.
 */
import cliProgress from "cli-progress";

/** Where progress is written (normally `process.stderr`; stdout carries the command's result). */
export interface ProgressStream {
  write(chunk: string): boolean;
  /** True for a terminal: redraw in place; otherwise print plain lines. */
  readonly isTTY?: boolean;
}

/** One `notifications/progress` payload (`progress` grows; `total` and `message` are optional). */
export interface ProgressUpdate {
  readonly progress: number;
  readonly total?: number | undefined;
  readonly message?: string | undefined;
}

/** Feed `update` from the client's `onprogress`; call `finish` once the request completed. */
export interface ProgressDisplay {
  update(update: ProgressUpdate): void;
  finish(): void;
}

const SPINNER = ["|", "/", "-", "\\"];

/** `progress/total` or just `progress` when the server sent no total. */
function counter(update: ProgressUpdate): string {
  return update.total !== undefined ? `${update.progress}/${update.total}` : String(update.progress);
}

/** The plain line printed for one notification when the stream is not a TTY. */
export function progressLine(label: string, update: ProgressUpdate): string {
  return `${label}: progress ${counter(update)}${update.message ? ` ${update.message}` : ""}`;
}

/**
 * Creates the display for `stream`; `label` names the operation (e.g. the tool name).
 * Nothing is drawn before the first notification, so calls without progress stay quiet.
 */
export function createProgressDisplay(label: string, stream: ProgressStream): ProgressDisplay {
  if (!stream.isTTY) {
    return {
      update: (update) => void stream.write(`${progressLine(label, update)}\n`),
      finish: () => undefined,
    };
  }
  let frame = 0;
  const bar = new cliProgress.SingleBar({
    stream: stream as unknown as NodeJS.WritableStream,
    hideCursor: true,
    // Redraw on the timer too, so the spinner and elapsed time move between notifications.
    fps: 8,
    format: (options, params, payload: { message?: string; hasTotal?: boolean }) => {
      const elapsed = Math.round((Date.now() - params.startTime) / 1000);
      const message = payload.message ?? "";
      if (payload.hasTotal) {
        const bar = cliProgress.Format.BarFormat(params.progress, options);
        return `${label} [${bar}] ${params.value}/${params.total} ${elapsed}s ${message}`;
      }
      frame = (frame + 1) % SPINNER.length;
      return `${label} ${SPINNER[frame] ?? "|"} ${elapsed}s ${message}`;
    },
  });
  let started = false;
  return {
    update: (update) => {
      const payload = { message: update.message ?? "", hasTotal: update.total !== undefined };
      const total = update.total ?? Math.max(update.progress, 1);
      if (!started) {
        started = true;
        bar.start(total, update.progress, payload);
      } else {
        bar.setTotal(total);
        bar.update(update.progress, payload);
      }
    },
    finish: () => {
      if (started) bar.stop();
    },
  };
}

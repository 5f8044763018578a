/**
 * The terminal display of seed-generation progress for `octopus-sandbox` / `octopus-mcp sandbox`: a
 * cli-progress bar when the stream is a TTY, otherwise a plain line at every quarter (logs, CI).
 */
import cliProgress from "cli-progress";
import type { SeedPhase, SeedProgressCallback } from "./seed/generate.js";

/** Where progress is written (normally `process.stderr`; stdout stays for the URLs). */
export interface ProgressStream {
  write(chunk: string): boolean;
  /** True for a terminal: draw a bar; otherwise print plain lines. */
  readonly isTTY?: boolean;
}

/** A progress display: feed `update` from `onSeedProgress`, call `finish` once seeding is done. */
export interface SeedProgressDisplay {
  readonly update: SeedProgressCallback;
  finish(): void;
}

const PHASE_LABEL: Record<SeedPhase, string> = {
  releases: "releases",
  executions: "deployments and runbook runs",
  events: "event log",
};

/**
 * Creates the display for `stream`. TTY: a redrawn bar (value/total, percentage, phase); the bar is
 * redrawn even while generation blocks the event loop (cli-progress `synchronousUpdate`). Non-TTY:
 * `Seeding sandbox data: 25% (x/y, phase)` lines at 25, 50, 75 and 100 %.
 */
export function createSeedProgressDisplay(stream: ProgressStream): SeedProgressDisplay {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: stream as unknown as NodeJS.WritableStream,
        format: "Seeding sandbox data [{bar}] {percentage}% | {value}/{total} | {phase}",
        hideCursor: true,
        synchronousUpdate: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done, total, phase) => {
        if (!started) {
          started = true;
          bar.start(total, done, { phase: PHASE_LABEL[phase] });
        } else bar.update(done, { phase: PHASE_LABEL[phase] });
      },
      finish: () => {
        if (started) bar.stop();
      },
    };
  }
  let nextQuarter = 1;
  return {
    update: (done, total, phase) => {
      const quarter = Math.floor((done / total) * 4);
      if (quarter < nextQuarter) return;
      nextQuarter = quarter + 1;
      stream.write(
        `Seeding sandbox data: ${Math.round((done / total) * 100)}% (${done}/${total}, ${PHASE_LABEL[phase]})\n`,
      );
    },
    finish: () => undefined,
  };
}

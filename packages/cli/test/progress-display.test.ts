import { describe, expect, it } from "vitest";
import { createProgressDisplay, progressLine } from "../src/index.js";

describe("progress display", () => {
  it("prints one plain line per notification when not a TTY", () => {
    const written: string[] = [];
    const display = createProgressDisplay("op", { write: (c) => written.push(c) > 0 });
    display.update({ progress: 0, message: "Created Deployments-1" });
    display.update({ progress: 2, total: 4, message: "half" });
    display.update({ progress: 3 });
    display.finish();
    expect(written).toEqual([
      "op: progress 0 Created Deployments-1\n",
      "op: progress 2/4 half\n",
      "op: progress 3\n",
    ]);
    expect(progressLine("x", { progress: 1, total: 2 })).toBe("x: progress 1/2");
  });

  it("redraws a bar in place on a TTY and draws nothing without notifications", () => {
    const written: string[] = [];
    const tty = { write: (c: string) => written.push(c) > 0, isTTY: true, columns: 100 };
    const quiet = createProgressDisplay("op", tty);
    quiet.finish();
    expect(written).toEqual([]);

    const display = createProgressDisplay("op", tty);
    display.update({ progress: 1, total: 4, message: "one of four" });
    display.update({ progress: 4, total: 4, message: "all done" });
    display.finish();
    const text = written.join("");
    expect(text).toContain("one of four");
    expect(text).toContain("op [");
    expect(text).toContain("] 4/4 ");
    expect(text).toContain("all done");
    // Cursor control sequences: the line is rewritten, not appended.
    expect(text).toContain("\u001b[");
  });
});

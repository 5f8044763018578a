import { describe, expect, it } from "vitest";
import { generateSeed } from "../../src/seed/generate.js";
import { currentVersion } from "../../src/seed/catalog.js";
import { rawLogSize } from "../../src/logs/task-log.js";

describe("seed", () => {
  it("is sized like a small company and deterministic", () => {
    const a = generateSeed(1, 1);
    const b = generateSeed(1, 1);
    const s = a.store;
    const states: Record<string, number> = {};
    for (const t of s.tasks) states[t.state] = (states[t.state] ?? 0) + 1;
    console.log(
      s.releases.length,
      s.deployments.length,
      s.tasks.length,
      s.runbookRuns.length,
      s.interruptions.length,
      s.events.length,
      states,
    );
    console.log(a.notable);
    expect(b.store.tasks.map((t) => t.state)).toEqual(s.tasks.map((t) => t.state));
    expect(s.releases.length).toBeGreaterThanOrEqual(280);
    expect(s.deployments.length).toBeGreaterThanOrEqual(1500);
    for (const st of ["Queued", "Executing", "Failed", "Canceled", "TimedOut", "Success", "Cancelling"])
      expect(states[st]).toBeGreaterThan(0);
    expect(currentVersion("checkout", "production")).toBeDefined();
    const big = s.task(Number(a.notable.find((n) => n.note.includes("3.2 MB"))?.taskId.split("-")[1]));
    expect(big).toBeDefined();
    if (big) console.log(rawLogSize(s, big));
  });
});

import { describe, expect, it } from "vitest";
import { runSandboxCli, startSandbox, type SeedPhase } from "../../src/index.js";
import { generateSeed } from "../../src/seed/generate.js";
import { createSeedProgressDisplay } from "../../src/seed-progress-display.js";

type Call = { done: number; total: number; phase: SeedPhase };

function record(): { calls: Call[]; cb: (done: number, total: number, phase: SeedPhase) => void } {
  const calls: Call[] = [];
  return { calls, cb: (done, total, phase) => calls.push({ done, total, phase }) };
}

describe("seed-generation progress", () => {
  it("is monotonic, keeps one total, goes releases -> executions -> events and ends at total", () => {
    const { calls, cb } = record();
    const seeded = generateSeed(1, 1, cb);
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.length).toBeLessThan(300);
    const total = calls[0]?.total ?? 0;
    // One unit per release, per deployment attempt or runbook run (one task each), plus the event log.
    expect(total).toBe(seeded.store.releases.length + seeded.store.tasks.length + 1);
    for (let i = 1; i < calls.length; i++) {
      expect(calls[i]?.done).toBeGreaterThanOrEqual(calls[i - 1]?.done ?? 0);
      expect(calls[i]?.total).toBe(total);
    }
    expect(calls.at(-1)).toEqual({ done: total, total, phase: "events" });
    const phases = calls.map((c) => c.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(["releases", "executions", "events"]);
  });

  it("does not change the generated data", () => {
    const plain = generateSeed(4, 1).store;
    const watched = generateSeed(4, 1, () => undefined).store;
    expect(watched.tasks.map((t) => `${t.state}/${t.queued}`)).toEqual(
      plain.tasks.map((t) => `${t.state}/${t.queued}`),
    );
    expect(watched.releases.map((r) => r.version)).toEqual(plain.releases.map((r) => r.version));
  });

  it("startSandbox reports it through onSeedProgress and resolves seeded when done", async () => {
    const { calls, cb } = record();
    const sb = await startSandbox({ port: 0, seed: 1, onSeedProgress: cb });
    try {
      await sb.seeded;
      const last = calls.at(-1);
      expect(last?.done).toBe(last?.total);
      expect(last?.total).toBe(sb.state.store.releases.length + sb.state.store.tasks.length + 1);
    } finally {
      await sb.stop();
    }
  });

  it("prints plain quarter lines when the stream is not a TTY", () => {
    const written: string[] = [];
    const display = createSeedProgressDisplay({ write: (c) => written.push(c) > 0 });
    for (let done = 1; done <= 40; done++) display.update(done, 40, done < 40 ? "executions" : "events");
    display.finish();
    expect(written).toEqual([
      "Seeding sandbox data: 25% (10/40, deployments and runbook runs)\n",
      "Seeding sandbox data: 50% (20/40, deployments and runbook runs)\n",
      "Seeding sandbox data: 75% (30/40, deployments and runbook runs)\n",
      "Seeding sandbox data: 100% (40/40, event log)\n",
    ]);
  });

  it("runSandboxCli shows the progress before it prints the URLs", async () => {
    const events: string[] = [];
    const stop = new AbortController();
    await runSandboxCli(
      ["--port", "0", "--seed", "2"],
      (line) => {
        events.push(`out: ${line}`);
        if (line.startsWith("Seed 2")) stop.abort();
      },
      stop.signal,
      { write: (chunk) => events.push(`progress: ${chunk.trimEnd()}`) > 0 },
    );
    const done = events.findIndex((e) =>
      /^progress: Seeding sandbox data: 100% \(\d+\/\d+, event log\)$/.test(e),
    );
    const url = events.findIndex((e) => e.startsWith("out: Octopus sandbox:"));
    expect(done).toBeGreaterThanOrEqual(0);
    expect(url).toBeGreaterThan(done);
  });
});

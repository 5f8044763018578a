import { describe, expect, it } from "vitest";
import { TaskExecutor } from "../../src/octopus/executor.js";
import { generateSeed } from "../../src/seed/generate.js";
import { projectBySlug, environmentBySlug } from "../../src/seed/catalog.js";
import { rawLog } from "../../src/logs/task-log.js";
import { ManualClock } from "./manual-clock.js";

function setup() {
  const { store } = generateSeed(1, 1);
  const clock = new ManualClock();
  const exec = new TaskExecutor(store, clock);
  const project = projectBySlug("checkout");
  const prod = environmentBySlug("Spaces-1", "production");
  const dev = environmentBySlug("Spaces-1", "dev");
  const release = store.projectReleases(2)[0];
  if (!project || !prod || !dev || !release) throw new Error("catalogue changed");
  const req = (environment: typeof prod) => ({
    project,
    environment,
    tenant: undefined,
    userN: 1,
    comments: "",
    useGuidedFailure: false,
    failure: null,
    bigLogBytes: 0,
  });
  return { store, clock, exec, release, req, prod, dev };
}

describe("TaskExecutor on a manual clock", () => {
  it("steps Queued -> Executing -> one step per tick -> Success", () => {
    const { store, clock, exec, release, req, dev } = setup();
    const d = exec.deploy(release, req(dev));
    const task = store.task(d.taskN);
    expect(task?.state).toBe("Queued");
    clock.tick();
    expect(task?.state).toBe("Executing");
    expect(task?.progress).toBe(0);
    const lines = () => [...rawLog(store, task!)].join("").split("\n").length;
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) {
      sizes.push(lines());
      clock.tick();
    }
    expect(task?.state).toBe("Success");
    expect(task?.progress).toBe(5);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(sizes[4]).toBeGreaterThan(sizes[0] ?? 0);
  });

  it("waits at the manual intervention until it is submitted", () => {
    const { store, clock, exec, release, req, prod } = setup();
    const d = exec.deploy(release, req(prod));
    const task = store.task(d.taskN)!;
    clock.tick();
    clock.tick();
    clock.tick();
    expect(task.state).toBe("Executing");
    expect(task.pendingInterruptionN).toBeGreaterThan(0);
    const i = store.interruption(task.pendingInterruptionN)!;
    expect(i.pending).toBe(true);
    exec.submit(i, "Proceed", "ok");
    expect(task.pendingInterruptionN).toBe(0);
    for (let k = 0; k < 10; k++) clock.tick();
    expect(task.state).toBe("Success");
    expect(() => exec.submit(i, "Proceed", "")).toThrow(/already been submitted/);
  });

  it("cancels: Queued at once, Executing through Cancelling", () => {
    const { store, clock, exec, release, req, dev } = setup();
    const a = store.task(exec.deploy(release, req(dev)).taskN)!;
    exec.cancel(a);
    expect(a.state).toBe("Canceled");
    const b = store.task(exec.deploy(release, req(dev)).taskN)!;
    clock.tick();
    exec.cancel(b);
    expect(b.state).toBe("Cancelling");
    clock.tick();
    expect(b.state).toBe("Canceled");
  });
});

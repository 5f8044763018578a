import { afterAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../src/index.js";
import { rawLog } from "../../src/logs/task-log.js";
import { TaskExecutor } from "../../src/octopus/executor.js";
import { isCompleted } from "../../src/octopus/model.js";
import { generateSeed } from "../../src/seed/generate.js";
import { type Json, call, start, until } from "./helpers.js";
import { ManualClock } from "./manual-clock.js";

// The seed's unfinished tasks run on the task clock (SandboxOptions.seededTasks "run", the default).

function seeded() {
  const { store, notable } = generateSeed(1, 1);
  const clock = new ManualClock();
  const exec = new TaskExecutor(store, clock);
  const taskOf = (note: string) => {
    const n = notable.find((x) => x.note.includes(note));
    const t = n ? store.task(Number(n.taskId.replace("ServerTasks-", ""))) : undefined;
    if (!t) throw new Error(`no notable scenario '${note}'`);
    return t;
  };
  return { store, clock, exec, taskOf };
}

/** Ticks until nothing is scheduled any more (bounded: a seeded process has at most ~50 steps). */
function runOut(clock: ManualClock): number {
  let ticks = 0;
  while (clock.pending > 0 && ticks < 500) {
    clock.tick();
    ticks++;
  }
  return ticks;
}

describe("TaskExecutor.resumeSeeded on a manual clock", () => {
  it("puts every unfinished seeded task without a pending interruption on the clock", () => {
    const { store, exec } = seeded();
    const expected = [...store.tasks]
      .filter((t) => !isCompleted(t.state) && t.pendingInterruptionN === 0)
      .map((t) => t.n);
    const resumed = exec.resumeSeeded();
    expect(resumed).toEqual(expected);
    expect(resumed.length).toBeGreaterThanOrEqual(3);
  });

  it("moves Queued -> Executing, Executing one step per tick, Cancelling -> Canceled; waiting tasks wait", () => {
    const { store, clock, exec, taskOf } = seeded();
    const queued = taskOf("queued");
    const executing = taskOf("executing mid-step");
    const cancelling = taskOf("cancelling");
    const waiting = taskOf("production approval");
    const waitingOn = waiting.pendingInterruptionN;
    expect([queued.state, executing.state, cancelling.state]).toEqual(["Queued", "Executing", "Cancelling"]);
    const progress = executing.progress;
    const eventsBefore = store.events.length;

    exec.resumeSeeded();
    clock.tick();
    expect(queued.state).toBe("Executing");
    expect(queued.started).not.toBeNull();
    expect(executing.progress).toBe(progress + 1);
    expect(cancelling.state).toBe("Canceled");
    expect(cancelling.completed).not.toBeNull();
    const canceledEvent = store.events.get(store.events.length);
    expect(canceledEvent).toMatchObject({ category: "DeploymentCanceled", refKind: "Deployments" });
    expect(store.events.length).toBeGreaterThan(eventsBefore);

    runOut(clock);
    expect(executing.state).toBe("Success");
    expect(queued.state).toBe("Success");
    expect(waiting.state).toBe("Executing");
    expect(waiting.pendingInterruptionN).toBe(waitingOn);
    const log = [...rawLog(store, executing)].join("");
    expect(log).toContain("Task status:    Success");
    expect(log).toMatch(/== Success: Deploy Web Frontend release 4\.13\.5 to Test ==/);
  });

  it("is deterministic: the same seed ends in the same states", () => {
    const outcome = () => {
      const { store, clock, exec } = seeded();
      const resumed = exec.resumeSeeded();
      runOut(clock);
      return resumed.map((n) => {
        const t = store.task(n);
        return `${n}:${t?.state}/${t?.progress}/${t?.pendingInterruptionN}`;
      });
    };
    const first = outcome();
    expect(outcome()).toEqual(first);
    // Every resumed task ended (Success, or Canceled for the Cancelling one), or waits at a manual
    // intervention it reached on the clock.
    expect(first.filter((s) => !/:(Success|Canceled)\/\d+\/0$|:Executing\/\d+\/[1-9]\d*$/.test(s))).toEqual(
      [],
    );
  });
});

describe("startSandbox seededTasks", () => {
  let running: Sandbox | undefined;
  let held: Sandbox | undefined;
  afterAll(async () => {
    await running?.stop();
    await held?.stop();
  });

  const taskJson = async (sb: Sandbox, id: string): Promise<Json> =>
    (await call(sb, "GET", `/api/Spaces-1/tasks/${id}`)).json;
  const noted = (sb: Sandbox, note: string) => {
    const n = sb.state.notable.find((x) => x.note.includes(note));
    if (!n) throw new Error(`no notable scenario '${note}'`);
    return n;
  };

  it("runs the seeded Queued task to Success on its own and updates the dashboard (default)", async () => {
    running = await start();
    const sb = running;
    await sb.seeded;
    const queued = noted(sb, "queued");
    const done = await until(async () => {
      const t = await taskJson(sb, queued.taskId);
      return t.IsCompleted ? t : undefined;
    });
    expect(done.State).toBe("Success");
    const dash = (await call(sb, "GET", "/api/Spaces-1/dashboard")).json;
    const cartTest = dash.Items.find(
      (i: Json) => i.ProjectId === "Projects-3" && i.EnvironmentId === "Environments-2",
    );
    expect(cartTest).toMatchObject({ DeploymentId: queued.deploymentId, State: "Success" });
    const approval = await taskJson(sb, noted(sb, "production approval").taskId);
    expect(approval).toMatchObject({ State: "Executing", HasPendingInterruptions: true });
  });

  it('keeps seeded states with seededTasks: "hold" while new tasks still run', async () => {
    held = await start({ seededTasks: "hold" });
    const sb = held;
    const r = await call(sb, "POST", "/api/Spaces-1/deployments/create/untenanted/v1", {
      ProjectName: "Shipping",
      ReleaseVersion: "2.2.5",
      EnvironmentNames: ["Dev"],
    });
    expect(r.status).toBe(200);
    const id = r.json.DeploymentServerTasks[0].ServerTaskId as string;
    await until(async () => ((await taskJson(sb, id)).IsCompleted ? true : undefined));
    expect((await taskJson(sb, noted(sb, "queued").taskId)).State).toBe("Queued");
    expect((await taskJson(sb, noted(sb, "cancelling").taskId)).State).toBe("Cancelling");
    expect((await taskJson(sb, noted(sb, "executing mid-step").taskId)).State).toBe("Executing");
  });

  it("rejects an unknown seededTasks value, naming the option", async () => {
    await expect(startSandbox({ seededTasks: "later" as "run" })).rejects.toThrow(
      /seededTasks must be "run" or "hold"/,
    );
  });
});

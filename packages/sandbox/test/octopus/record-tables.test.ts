import { describe, expect, it } from "vitest";
import { EventLog } from "../../src/octopus/event-log.js";
import { type DeploymentRec, type TaskRec } from "../../src/octopus/model.js";
import { DeploymentTable, TaskTable } from "../../src/octopus/record-tables.js";

// The column-wise stores behind OctopusStore's tasks, deployments and events.

function task(n: number, over: Partial<TaskRec> = {}): TaskRec {
  return {
    n,
    spaceN: 1,
    kind: "Deploy",
    refN: n,
    projectN: 2,
    envN: 4,
    tenantN: 0,
    state: "Executing",
    queued: Date.UTC(2026, 10, 27, 15),
    started: Date.UTC(2026, 10, 27, 15, 1),
    completed: null,
    progress: 1,
    failure: null,
    failStep: 0,
    bigLogBytes: 0,
    errorMessage: "",
    pendingInterruptionN: 0,
    live: false,
    stepEnds: null,
    approvedSteps: null,
    ...over,
  };
}

describe("TaskTable", () => {
  it("stores every field and hands out rows that write through", () => {
    const table = new TaskTable();
    const rec = task(1, { failure: "helm-timeout", failStep: 3, bigLogBytes: 2_400_000, stepEnds: [5, 6] });
    const row = table.push(rec);
    expect(JSON.parse(JSON.stringify(row))).toEqual(rec);
    expect(JSON.parse(JSON.stringify(table.get(1)))).toEqual(rec);
    row.state = "Failed";
    row.completed = Date.UTC(2026, 10, 27, 15, 9);
    (row.approvedSteps ??= []).push(2);
    row.stepEnds?.push(7);
    row.errorMessage = "The step failed";
    const again = table.get(1);
    expect(again).toMatchObject({
      state: "Failed",
      completed: Date.UTC(2026, 10, 27, 15, 9),
      approvedSteps: [2],
      stepEnds: [5, 6, 7],
      errorMessage: "The step failed",
    });
    again!.started = null;
    expect(table.get(1)?.started).toBeNull();
  });

  it("numbers rows in order, grows past its first capacity and iterates in ID order", () => {
    const table = new TaskTable();
    for (let n = 1; n <= 3000; n++) table.push(task(n, { refN: n * 2, state: n % 2 ? "Success" : "Queued" }));
    expect(table.length).toBe(3000);
    expect(table.nextN()).toBe(3001);
    expect(table.get(2500)).toMatchObject({ n: 2500, refN: 5000, state: "Queued" });
    expect(table.at(-1)?.n).toBe(3000);
    expect(table.get(0)).toBeUndefined();
    expect(table.get(3001)).toBeUndefined();
    expect(table.filter((t) => t.state === "Queued")).toHaveLength(1500);
    expect(table.map((t) => t.n).slice(0, 3)).toEqual([1, 2, 3]);
  });

  it("rejects out-of-sequence numbers and unknown states", () => {
    const table = new TaskTable();
    expect(() => table.push(task(2))).toThrow(/expected n 1, got 2/);
    expect(() => table.push(task(1, { state: "Paused" as TaskRec["state"] }))).toThrow(
      /unknown task state 'Paused'/,
    );
    expect(table.length).toBe(0);
  });
});

describe("DeploymentTable", () => {
  it("round-trips deployments, comments included", () => {
    const table = new DeploymentTable();
    const d: DeploymentRec = {
      n: 1,
      spaceN: 1,
      projectN: 5,
      releaseN: 301,
      channelN: 9,
      envN: 4,
      tenantN: 0,
      taskN: 17,
      created: Date.UTC(2026, 10, 26),
      userN: 3,
      comments: "CHG-4821",
      useGuidedFailure: true,
    };
    expect(table.push(d)).toEqual(d);
    expect([...table]).toEqual([d]);
    expect(() => table.push({ ...d, n: 5 })).toThrow(/expected n 2, got 5/);
  });
});

describe("EventLog", () => {
  it("numbers events, sorts them by time keeping the order of equal times, and selects by predicate", () => {
    const log = new EventLog();
    const at = (occurred: number, refN: number) =>
      log.push({ spaceN: 1, category: "DeploymentQueued", occurred, userN: 2, refKind: "Deployments", refN });
    at(30, 1);
    at(10, 2);
    at(30, 3);
    at(20, 4);
    expect(log.get(2)).toEqual({
      n: 2,
      spaceN: 1,
      category: "DeploymentQueued",
      occurred: 10,
      userN: 2,
      refKind: "Deployments",
      refN: 2,
    });
    log.sortByTime();
    expect([1, 2, 3, 4].map((n) => log.get(n)?.refN)).toEqual([2, 4, 1, 3]);
    expect(log.select((e) => e.occurred >= 30)).toEqual([3, 4]);
    expect(log.get(5)).toBeUndefined();
  });

  it("rejects unknown categories and out-of-range numbers", () => {
    const log = new EventLog();
    const base = { spaceN: 1, occurred: 1, userN: 1, refKind: "Releases" as const, refN: 1 };
    expect(() => log.push({ ...base, category: "Nope" as "ReleaseCreated" })).toThrow(
      /unknown category 'Nope'/,
    );
    expect(() => log.push({ ...base, category: "ReleaseCreated", spaceN: 300 })).toThrow(/out of range/);
    expect(log.length).toBe(0);
  });
});

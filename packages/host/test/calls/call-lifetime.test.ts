import { describe, expect, it } from "vitest";
import { CallLifetime } from "../../src/host/call-lifetime.js";

function lifetime(
  overrides: { timeoutMs?: number; cancel?: AbortController; shutdown?: AbortController } = {},
) {
  const cancel = overrides.cancel ?? new AbortController();
  const shutdown = overrides.shutdown ?? new AbortController();
  const inFlight = new Set<CallLifetime>();
  const call = new CallLifetime({
    cancelSignal: cancel.signal,
    shutdownSignal: shutdown.signal,
    timeoutMs: overrides.timeoutMs ?? 60_000,
    startedAt: performance.now(),
    inFlight,
  });
  return { call, cancel, shutdown, inFlight };
}

describe("CallLifetime", () => {
  it("returns synchronous work as it is, without arming a timer or registering the call", () => {
    const { call, inFlight } = lifetime();
    expect(call.run(() => 42)).toBe(42);
    expect(inFlight.size).toBe(0);
    expect(call.aborted).toBe(false);
  });

  it("registers asynchronous work while it runs and forgets it once settled", async () => {
    const { call, inFlight } = lifetime();
    let finish: (value: string) => void = () => undefined;
    const pending = call.run(() => new Promise<string>((resolve) => (finish = resolve)));
    expect(inFlight.has(call)).toBe(true);
    finish("done");
    await expect(pending).resolves.toBe("done");
    expect(inFlight.size).toBe(0);
  });

  it("client cancellation settles the call at once with the reason, even if the work never ends", async () => {
    const { call, cancel, inFlight } = lifetime();
    const pending = call.run(() => new Promise<never>(() => undefined));
    const reason = new Error("user pressed stop");
    cancel.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(call.cause).toBe("cancelled");
    expect(call.signal.aborted).toBe(true);
    expect(call.signal.reason).toBe(reason);
    expect(inFlight.size).toBe(0);
  });

  it("a non-Error reason becomes Error('aborted')", async () => {
    const { call, cancel } = lifetime();
    const pending = call.run(() => new Promise<never>(() => undefined));
    cancel.abort("just a string");
    await expect(pending).rejects.toThrow("aborted");
    expect(call.signal.reason).toBe("just a string");
  });

  it("times out with an AbortError after timeoutMs and reports cause timeout", async () => {
    const { call } = lifetime({ timeoutMs: 20 });
    const signal = call.signal; // read before: the existing signal must abort too
    const started = performance.now();
    const pending = call.run(() => new Promise<never>(() => undefined));
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    expect(call.cause).toBe("timeout");
    expect(signal.aborted).toBe(true);
  });

  it("abortAll (host shutdown) aborts every call in flight with cause shutdown", async () => {
    const shutdown = new AbortController();
    const a = lifetime({ shutdown });
    const first = a.call.run(() => new Promise<never>(() => undefined));
    shutdown.abort();
    CallLifetime.abortAll(a.inFlight, shutdown.signal.reason);
    await expect(first).rejects.toMatchObject({ name: "AbortError" });
    expect(a.call.cause).toBe("shutdown");
  });

  it("an already cancelled request or stopped host fails before the work runs", () => {
    const cancel = new AbortController();
    cancel.abort(new Error("gone"));
    let ran = false;
    const { call } = lifetime({ cancel });
    expect(() =>
      call.run(() => {
        ran = true;
      }),
    ).toThrow("gone");
    expect(ran).toBe(false);
    expect(call.cause).toBe("cancelled");

    const shutdown = new AbortController();
    shutdown.abort();
    const stopped = lifetime({ shutdown }).call;
    expect(() => stopped.run(() => 1)).toThrow();
    expect(stopped.cause).toBe("shutdown");
    // A signal read after the abort is created aborted, with the first reason.
    expect(stopped.signal.aborted).toBe(true);
    expect(stopped.signal.reason).toBe(shutdown.signal.reason);
  });

  it("the first abort wins; a later one changes neither the reason nor the signal", async () => {
    const { call, cancel } = lifetime({ timeoutMs: 10 });
    const pending = call.run(() => new Promise<never>(() => undefined));
    const first = new Error("first");
    cancel.abort(first);
    await expect(pending).rejects.toBe(first);
    call.abort(new Error("second"));
    expect(call.signal.reason).toBe(first);
    // The timer was cleared with the cancellation: the cause stays "cancelled".
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(call.cause).toBe("cancelled");
  });
});

/**
 * Automatic cleanup under Vitest: a host started inside a test is stopped when the test finishes
 * (`onTestFinished`); one started in `beforeAll` is stopped after the suite (`afterAll`). Outside
 * Vitest (or when neither hook can be registered) nothing is registered and `stop()` is the
 * caller's job. Vitest is an optional peer: it is imported only when `process.env.VITEST` is set.
 */

type Cleanup = () => Promise<unknown>;

/** Registers `cleanup` with Vitest when running under it. Returns how it was registered. */
export async function registerVitestCleanup(cleanup: Cleanup): Promise<"test" | "suite" | "none"> {
  if (!process.env.VITEST) return "none";
  let vitest: { onTestFinished?: (fn: Cleanup) => void; afterAll?: (fn: Cleanup) => void };
  try {
    vitest = (await import("vitest")) as typeof vitest;
  } catch {
    return "none";
  }
  try {
    vitest.onTestFinished?.(cleanup);
    return "test";
  } catch {
    // Not inside a test (e.g. beforeAll): fall back to the suite.
  }
  try {
    vitest.afterAll?.(cleanup);
    return "suite";
  } catch {
    return "none";
  }
}

/**
 * Automatic cleanup under Vitest: a host started inside a test (or `beforeEach`) is stopped when
 * that test finishes (`onTestFinished`). A host started in `beforeAll` cannot be tied to the suite
 * by a library (Vitest 4 ignores `afterAll` registered while the suite already runs), so stop it
 * yourself in `afterAll`. Outside Vitest nothing is registered. Vitest is an optional peer: it is
 * imported only when `process.env.VITEST` is set.
 */

type Cleanup = () => Promise<unknown>;

/** Registers `cleanup` with the running Vitest test. Returns `"test"` when registered, else `"none"`. */
export async function registerVitestCleanup(cleanup: Cleanup): Promise<"test" | "none"> {
  if (!process.env.VITEST) return "none";
  let vitest: { onTestFinished?: (fn: Cleanup) => void };
  try {
    vitest = (await import("vitest")) as typeof vitest;
  } catch {
    return "none";
  }
  try {
    if (!vitest.onTestFinished) return "none";
    vitest.onTestFinished(cleanup);
    return "test";
  } catch {
    // Not inside a test (e.g. beforeAll): the caller stops the host.
    return "none";
  }
}

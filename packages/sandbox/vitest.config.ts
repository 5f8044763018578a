import { defineProject } from "vitest/config";

// Each test file starts a real sandbox (seed + git repository); on a loaded 2-core machine that can take seconds.
export default defineProject({
  test: { name: "sandbox", include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});

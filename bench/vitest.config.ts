import { defineProject } from "vitest/config";

// The smoke run spawns child processes from bench/dist: build first (`pnpm test` builds everything).
export default defineProject({
  test: { name: "bench", include: ["test/**/*.test.ts"], testTimeout: 240_000, hookTimeout: 60_000 },
});

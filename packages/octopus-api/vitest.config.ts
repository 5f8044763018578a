import { defineProject } from "vitest/config";

// The sandbox tests start a sandbox and an in-process host: give them room on a busy machine.
export default defineProject({
  test: { name: "octopus-api", include: ["test/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 30_000 },
});

import { defineProject } from "vitest/config";

// Integration tests start the sandbox and a host in beforeAll: give hooks and tests room on a busy machine.
export default defineProject({
  test: { name: "octopus-tasks", include: ["test/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 60_000 },
});

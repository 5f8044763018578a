import { defineProject } from "vitest/config";

// Sandbox and in-process host tests start servers: give them room on a busy machine.
export default defineProject({
  test: {
    name: "plugin-octopus-deployments",
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

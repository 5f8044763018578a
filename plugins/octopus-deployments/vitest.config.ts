import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "plugin-octopus-deployments", include: ["test/**/*.test.ts"] },
});

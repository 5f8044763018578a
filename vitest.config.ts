import { defineConfig } from "vitest/config";

// One Vitest run over every package and plugin (Vitest "projects").
export default defineConfig({
  test: {
    projects: ["packages/*", "plugins/*", "examples/plugin-*", "docs/examples", "bench"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

import { defineProject } from "vitest/config";

// Integration tests start the sandbox (HTTP + bare git repo) and a test host, and run real git.
export default defineProject({
  test: { name: "octopus-argocd", include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});

import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "octopus-tasks", include: ["test/**/*.test.ts"] } });

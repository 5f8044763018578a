import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "plugin-octopus-tasks", include: ["test/**/*.test.ts"] } });

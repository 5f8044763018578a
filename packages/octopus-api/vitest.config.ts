import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "octopus-api", include: ["test/**/*.test.ts"] } });

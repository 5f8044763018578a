import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "octopus-argocd", include: ["test/**/*.test.ts"] } });

import { defineProject } from "vitest/config";

export default defineProject({ test: { name: "plugin-octopus-argocd", include: ["test/**/*.test.ts"] } });

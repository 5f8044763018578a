// Shared lint configuration for every package (flat config).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/coverage/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // stdout is the MCP protocol channel in stdio mode: library code must log through pino.
      "no-console": "error",
    },
  },
  {
    files: ["**/test/**", "**/*.test.ts", "bench/**", "examples/clients/**", "**/scripts/**"],
    rules: { "no-console": "off" },
  },
);

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "clerk-local",
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**"],
    environment: "node",
    // Every local Clerk a test file creates is checked against Clerk's OpenAPI specs.
    setupFiles: ["testing/contract-setup.ts"],
    // Files share their worker's modules, so Clerk's specs are loaded and their schemas compiled
    // once per worker for the contract check, not once per file.
    isolate: false,
    testTimeout: 15_000,
  },
});

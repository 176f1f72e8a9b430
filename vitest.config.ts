import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside a React Server environment; unit tests import server modules directly.
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".next-*/**"],
    environment: "node",
    projects: [
      { extends: true, test: { name: "app", include: ["{app,lib,scripts,test}/**/*.test.{ts,tsx}"] } },
      // The local Clerk's answers in its own tests are checked against Clerk's OpenAPI specs.
      {
        extends: true,
        test: {
          name: "clerk-local",
          include: ["clerk-local/**/*.test.ts"],
          setupFiles: ["clerk-local/spec/vitest-setup.ts"],
          // Files share their worker's modules, so Clerk's specs are loaded and their schemas compiled
          // once per worker for the contract check, not once per file.
          isolate: false,
          testTimeout: 15_000,
        },
      },
    ],
  },
});

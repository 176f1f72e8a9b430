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
          // Each file parses Clerk's specs once for the contract check, on a shared two-core machine.
          testTimeout: 15_000,
        },
      },
    ],
  },
});

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
    exclude: ["node_modules/**", "e2e/**", "clerk-local/**", ".next/**", ".next-*/**"],
    environment: "node",
    projects: [
      { extends: true, test: { name: "app", include: ["{app,lib,scripts,test}/**/*.test.{ts,tsx}"] } },
      // The local Clerk is a package of its own, with its own test setup.
      "clerk-local",
    ],
  },
});

import { defineConfig, devices } from "@playwright/test";
import { E2E_APP_PORT, E2E_BASE_URL, E2E_CLERK_PORT } from "./e2e/support/ports";

const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Each spec creates its own users, so specs run side by side; two cores, two workers.
  workers: 2,
  reporter: CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: E2E_BASE_URL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot run offline.
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    // The production build wired to the local Clerk, on ports of its own so a running `npm run dev`
    // is left alone.
    command: "npm run start:local",
    url: `${E2E_BASE_URL}/api/health`,
    env: { PORT: String(E2E_APP_PORT), CLERK_LOCAL_PORT: String(E2E_CLERK_PORT) },
    timeout: 300_000,
    reuseExistingServer: !CI,
    stdout: "pipe",
    stderr: "pipe",
  },
});

import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "./e2e/support/chromium";
import { REAL_CLERK } from "./e2e/support/clerk-env";
import { E2E_APP_PORT, E2E_BASE_URL, E2E_CLERK_PORT } from "./e2e/support/ports";

const CI = Boolean(process.env.CI);

// The app under test: the production build wired to the local Clerk (`start:local`), or, with
// E2E_REAL_CLERK=1, a production build against the real Clerk instance whose keys are in the env.
// Either way on ports of its own, so a running `npm run dev` is left alone.
const webServer: { command: string; env: Record<string, string> } = REAL_CLERK
  ? {
      command: `npm run build && npm run start -- -p ${E2E_APP_PORT}`,
      env: { NEXT_DIST_DIR: ".next-e2e-clerk", NEXT_TELEMETRY_DISABLED: "1" },
    }
  : {
      command: "npm run start:local",
      env: { PORT: String(E2E_APP_PORT), CLERK_LOCAL_PORT: String(E2E_CLERK_PORT) },
    };

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Each spec creates its own users, so specs run side by side; two cores, two workers.
  workers: 2,
  reporter: [["list"], ["html", { open: "never" }], ["./e2e/support/summary-reporter.ts"]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: E2E_BASE_URL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  projects: [
    // Signs one user in programmatically and saves the storage state that some specs reuse.
    { name: "setup", testMatch: /auth\.setup\.ts/, teardown: "teardown" },
    { name: "teardown", testMatch: /auth\.teardown\.ts/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: [/auth\.(setup|teardown)\.ts/, /clerk-faults\.spec\.ts/] },
    // Backend API faults are global to the local Clerk, so they run alone, after everything else.
    { name: "faults", dependencies: ["chromium"], testMatch: /clerk-faults\.spec\.ts/ },
  ],
  webServer: {
    ...webServer,
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: !CI,
    stdout: "pipe",
    stderr: "pipe",
  },
});

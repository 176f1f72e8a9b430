import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "./test/chromium";
import { REAL_CLERK } from "./e2e/support/clerk-env";
import { E2E_APP_PORT, E2E_BASE_URL, E2E_CLERK_PORT } from "./e2e/support/ports";
import { APP_SERVER_LOG } from "./e2e/support/server-log";

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
      // Teed to a file as well, for the specs that check what the server logged (e2e/support/server-log.ts).
      command: `mkdir -p ${path.dirname(APP_SERVER_LOG)} && npm run start:local 2>&1 | tee ${APP_SERVER_LOG}`,
      // The contract check validates every answer of the local Clerk against Clerk's OpenAPI specs.
      env: { PORT: String(E2E_APP_PORT), CLERK_LOCAL_PORT: String(E2E_CLERK_PORT), CLERK_LOCAL_CONTRACT_CHECK: "1" },
    };

const GLOBAL_SPECS = /(admin-role|backend-api-budget|clerk-faults|clerk-unreachable|instance-settings|invitations|user-cache|webhooks)\.spec\.ts/;

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
    { name: "chromium", dependencies: ["setup"], testIgnore: [/auth\.(setup|teardown)\.ts/, GLOBAL_SPECS] },
    // Specs that change the local Clerk's global settings (Backend API faults, webhook delivery, the
    // instance's sign-up mode) or spend the server's Backend API budget run alone, after everything
    // else, one at a time.
    { name: "global", dependencies: ["chromium"], testMatch: GLOBAL_SPECS, workers: 1 },
    // Last: what the local Clerk's contract check recorded over the whole run.
    { name: "contract", dependencies: ["global"], testMatch: /clerk-contract\.check\.ts/ },
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

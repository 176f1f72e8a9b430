// Clerk unreachable from the browser (through the local Clerk's Frontend API and bundle faults): every
// page keeps its layout, sign-in says it is unavailable with Try again, the dashboard's panels show a
// retryable error instead of a spinner, the session survives, and recovery needs one click. In the
// "global" Playwright project: a fault is global.
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import type { BundleFaultJSON, FaultJSON } from "clerk-local/controls";
import { LOCAL_ONLY, localClerk, REAL_CLERK } from "./support/clerk-env";
import { markServerLog } from "./support/server-log";
import { profileField, signInToDashboard } from "./support/sign-in";
import { CLIENT_ONLY_DASHBOARD_PATH } from "../lib/routes";
import { recordApiCalls } from "./support/api-calls";
import { expect, test, type TestUser } from "./support/fixtures";

test.describe.configure({ mode: "serial" });
test.skip(REAL_CLERK, LOCAL_ONLY);
test.afterEach(() =>
  localClerk.setConfig({ fapi_fault: null, fapi_latency_ms: 0, bundle_fault: null, token_ttl_s: 60 }),
);

/** What the README promises: a clear message or the data within this time, never a spinner. */
const BOUND_MS = 10_000;
/** Session tokens this short expire while a test waits, so the dashboard must ask Clerk for a new one. */
const SHORT_TOKEN_TTL_S = 5;

const panels = ["Your profile", "Admin"] as const;
const panel = (page: Page, name: (typeof panels)[number]) => page.getByRole("region", { name });

/** A browser with `user`'s session cookies but an empty cache, so clerk-js is fetched anew. */
async function signedInContext(browser: Browser, page: Page, user: TestUser): Promise<BrowserContext> {
  await signInToDashboard(page, user);
  return browser.newContext({ storageState: await page.context().storageState() });
}

async function expectOwnLayout(page: Page) {
  await expect(page.getByRole("banner").getByRole("link", { name: "UserData" })).toBeVisible();
  await expect(page.getByRole("main")).not.toBeEmpty();
  await expect(page.getByRole("contentinfo")).toContainText("authentication by Clerk");
  // Without Clerk the account menu and the sign-in buttons could do nothing: the header says so instead.
  await expect(page.getByRole("banner")).toContainText("Sign-in unavailable", { timeout: BOUND_MS });
  await expect(page.getByRole("banner").getByRole("button")).toHaveCount(0);
}

async function expectPanelsToOfferRetry(page: Page) {
  for (const name of panels) {
    const alert = panel(page, name).getByRole("alert");
    await expect(alert, `${name}: a retryable error, not a spinner`).toContainText("couldn't reach Clerk", { timeout: BOUND_MS });
    await expect(alert.getByRole("button", { name: "Try again" })).toBeVisible();
  }
}

async function expectDashboardData(page: Page, user: TestUser) {
  await expect(profileField(page, "id")).toHaveText(user.id);
  await expect(panel(page, "Admin").locator('[data-field="admin_value"]')).toHaveText("Important stuff");
  await expect(page.getByRole("button", { name: "Open user menu" }), "still signed in").toBeVisible();
}

/** Away and back through the header's links: the panels mount again and ask for a token. */
async function reopenDashboard(page: Page) {
  await page.getByRole("link", { name: "Home", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("See exactly what Clerk knows about you.");
  await page.getByRole("link", { name: "Dashboard", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
}

/** clerk-js retries its own script a few times: Clerk may be back before anyone presses Try again. */
async function tryAgainUnlessRecovered(scope: Locator) {
  const button = scope.getByRole("button", { name: "Try again" });
  const shown = await button.waitFor({ state: "visible", timeout: 2_000 }).then(
    () => true,
    () => false,
  );
  if (!shown) return;
  // The look is short, the click is not: a click missed on a busy machine would leave the page down.
  await button.click({ timeout: 10_000 }).catch(async (error: Error) => {
    if (await button.isVisible()) throw error;
  });
}

const BUNDLE_FAULTS: BundleFaultJSON[] = [
  { status: 404, bundle: "clerk-js" },
  { mode: "timeout", bundle: "clerk-js" },
  { status: 404, bundle: "ui" },
  { mode: "timeout", bundle: "ui" },
];

for (const fault of BUNDLE_FAULTS) {
  test(`${fault.bundle} bundle ${"status" in fault ? fault.status : "hanging"}: pages keep their layout, sign-in says it is unavailable, panels offer Try again`, async ({
    browser,
    page,
    createUser,
  }) => {
    const user = await createUser({ role: "admin" });
    const signedIn = await signedInContext(browser, page, user);
    const signedOut = await browser.newContext();
    await localClerk.setBundleFault(fault);

    const [home, signInPage, signUpPage, dashboard] = await Promise.all([
      signedOut.newPage(),
      signedOut.newPage(),
      signedOut.newPage(),
      signedIn.newPage(),
    ]);
    // A hanging script holds the load event, not the document.
    const open = (target: Page, path: string) => target.goto(path, { waitUntil: "domcontentloaded" });
    await Promise.all([open(home, "/"), open(signInPage, "/sign-in"), open(signUpPage, "/sign-up"), open(dashboard, "/dashboard")]);

    await Promise.all([
      expectOwnLayout(home),
      (async () => {
        await expect(signInPage.getByRole("main").getByRole("alert")).toContainText("Sign-in is unavailable right now", { timeout: BOUND_MS });
        await expectOwnLayout(signInPage);
      })(),
      expect(signUpPage.getByRole("main").getByRole("alert")).toContainText("Sign-up is unavailable right now", { timeout: BOUND_MS }),
      (async () => {
        await expectPanelsToOfferRetry(dashboard);
        await expectOwnLayout(dashboard);
      })(),
    ]);

    // Try again loads the page anew: while Clerk is still down, it says so again.
    const unavailable = signInPage.getByRole("main").getByRole("alert");
    await Promise.all([
      signInPage.waitForEvent("framenavigated"),
      unavailable.getByRole("button", { name: "Try again" }).click(),
    ]);
    await expect(unavailable).toContainText("Sign-in is unavailable right now", { timeout: BOUND_MS });

    await localClerk.setBundleFault(null);
    await tryAgainUnlessRecovered(signInPage.getByRole("main"));
    await expect(signInPage.locator("input[name=identifier]")).toBeVisible();
    await tryAgainUnlessRecovered(panel(dashboard, "Admin"));
    await expectDashboardData(dashboard, user);
    await Promise.all([signedIn.close(), signedOut.close()]);
  });
}

const TOKEN_FAULTS: FaultJSON[] = [{ status: 500 }, { status: 429 }, { mode: "timeout" }];

for (const fault of TOKEN_FAULTS) {
  test(`Frontend API ${"status" in fault ? fault.status : "hanging"} when the dashboard needs a new token: a retryable error, the session survives, Try again recovers`, async ({
    page,
    createUser,
  }) => {
    const user = await createUser({ role: "admin" });
    await localClerk.setConfig({ token_ttl_s: SHORT_TOKEN_TTL_S });
    await signInToDashboard(page, user);

    await localClerk.setFapiFault(fault);
    // Past the last token's expiry: the dashboard's next request needs a new one from Clerk.
    await page.waitForTimeout((SHORT_TOKEN_TTL_S + 1) * 1000);
    await reopenDashboard(page);
    await expectPanelsToOfferRetry(page);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("button", { name: "Open user menu" }), "not signed out").toBeVisible();

    await localClerk.setFapiFault(null);
    for (const name of panels) await panel(page, name).getByRole("button", { name: "Try again" }).click();
    await expectDashboardData(page, user);
  });
}

test("Frontend API hanging while the dashboard loads: panels offer Try again within the bound, then recover", async ({
  page,
  createUser,
}) => {
  const user = await createUser({ role: "admin" });
  await signInToDashboard(page, user);
  await localClerk.setFapiFault({ mode: "timeout" });
  await page.goto("/dashboard", { waitUntil: "domcontentloaded" });
  await expectPanelsToOfferRetry(page);
  // Released, the held requests fail and clerk-js asks again by itself: the panels may recover unaided.
  await localClerk.setFapiFault(null);
  for (const name of panels) await tryAgainUnlessRecovered(panel(page, name));
  await expectDashboardData(page, user);
});

test("a slow Frontend API (2 s): the data comes with the page, each API call is made once when Clerk is ready; without server data, loading states show", async ({
  browser,
  page,
  createUser,
}) => {
  const user = await createUser({ role: "admin" });
  const signedIn = await signedInContext(browser, page, user);
  await localClerk.setConfig({ fapi_latency_ms: 2_000 });

  const slowPage = await signedIn.newPage();
  const apiCalls = recordApiCalls(slowPage);
  await slowPage.goto("/dashboard", { waitUntil: "domcontentloaded" });
  // Before clerk-js has been able to ask for anything: the server's data, no loading state.
  await expect(profileField(slowPage, "id")).toHaveText(user.id);
  await expect(panel(slowPage, "Admin").locator('[data-field="admin_value"]')).toHaveText("Important stuff");
  expect(apiCalls, "no API call before Clerk is ready").toEqual([]);
  for (const name of panels) await expect(panel(slowPage, name).getByRole("status")).toHaveCount(0);
  await expectDashboardData(slowPage, user);
  await expect.poll(() => [...apiCalls].sort(), { message: "one revalidation per panel" }).toEqual(["/api/admin", "/api/me"]);

  // The client-only path is what a render without server data falls back to.
  const clientOnlyPage = await signedIn.newPage();
  const clientOnlyCalls = recordApiCalls(clientOnlyPage);
  await clientOnlyPage.goto(CLIENT_ONLY_DASHBOARD_PATH, { waitUntil: "domcontentloaded" });
  await expect(panel(clientOnlyPage, "Your profile").getByRole("status")).toHaveText("Loading your profile…");
  await expect(panel(clientOnlyPage, "Admin").getByRole("status")).toHaveText("Loading the admin dashboard…");
  await expectDashboardData(clientOnlyPage, user);
  expect(clientOnlyCalls.sort()).toEqual(["/api/admin", "/api/me"]);

  const signInPage = await (await browser.newContext()).newPage();
  await signInPage.goto("/sign-in", { waitUntil: "domcontentloaded" });
  await expect(signInPage.getByRole("status")).toHaveText("Loading sign-in…");
  await expect(signInPage.locator("input[name=identifier]")).toBeVisible();
  await Promise.all([signedIn.close(), signInPage.context().close()]);
});

test("no retry storm: while Clerk fails, the browser's Frontend API and /api calls stay within the README's bound", async ({
  page,
  createUser,
}) => {
  const WINDOW_S = 30;
  const user = await createUser({ role: "admin" });
  await localClerk.setConfig({ token_ttl_s: SHORT_TOKEN_TTL_S });
  await signInToDashboard(page, user);

  const apiCalls = recordApiCalls(page);
  const serverLog = markServerLog();
  await localClerk.setFapiFault({ status: 503 });
  await localClerk.resetStats();
  // Someone waiting on a broken dashboard: it opens again once and they press Try again once.
  await page.waitForTimeout((SHORT_TOKEN_TTL_S + 1) * 1000);
  await reopenDashboard(page);
  await expectPanelsToOfferRetry(page);
  await panel(page, "Your profile").getByRole("button", { name: "Try again" }).click();
  await page.waitForTimeout(WINDOW_S * 1000 - (SHORT_TOKEN_TTL_S + 1) * 1000);

  const stats = await localClerk.stats();
  const fapiCalls = Object.values(stats.fapi).reduce((sum, count) => sum + count, 0);
  const adminLogLines = serverLog.text().split("\n").filter((line) => line.includes("admin dashboard accessed")).length;
  console.log(`no retry storm: ${fapiCalls} Frontend API calls (${JSON.stringify(stats.fapi)}), ${apiCalls.length} /api calls, ${adminLogLines} admin log lines in ${WINDOW_S} s`);
  // The README's bound: one Frontend API call a second at most, and no /api call without a token.
  expect(fapiCalls).toBeLessThanOrEqual(WINDOW_S);
  expect(apiCalls).toEqual([]);
  expect(adminLogLines).toBe(0);
  await expect(page.getByRole("button", { name: "Open user menu" }), "not signed out").toBeVisible();
});

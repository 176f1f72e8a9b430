// The dashboard's first render carries its data: the profile and the admin panel come in the HTML the
// server streams, so they are in the DOM at DOMContentLoaded, with no loading state; each panel then
// revalidates once with its Bearer token, and an unchanged answer changes nothing on screen. The HTML
// holds the signed-in user's own data only and no cache may keep it.
import type { Page, Response } from "@playwright/test";
import { CLIENT_ONLY_DASHBOARD_PATH } from "../lib/routes";
import { firstRender, RECORD_FIRST_RENDER } from "./support/first-render";
import { profileField, signInToDashboard } from "./support/sign-in";
import { expect, test, type TestUser } from "./support/fixtures";

/** The panels' requests to the app's API from now on, with whether each carried a Bearer token. */
function recordPanelRequests(page: Page): string[] {
  const calls: string[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname === "/api/me" || pathname === "/api/admin") {
      calls.push(`${pathname} ${/^Bearer ./.test(request.headers().authorization ?? "") ? "Bearer" : "no token"}`);
    }
  });
  return calls;
}

const panelAnswer = (page: Page, pathname: string) =>
  page.waitForResponse((response) => new URL(response.url()).pathname === pathname, { timeout: 20_000 });

/** Reloads the dashboard as a person does, and waits for both panels' revalidation to be answered. */
async function reloadAndRevalidate(page: Page): Promise<Response> {
  const answers = Promise.all([panelAnswer(page, "/api/me"), panelAnswer(page, "/api/admin")]);
  const document = await page.reload({ waitUntil: "domcontentloaded" });
  await answers;
  // Time for an answer that changed something to be rendered.
  await page.waitForTimeout(500);
  return document!;
}

async function signedInDashboard(page: Page, user: TestUser): Promise<void> {
  await signInToDashboard(page, user);
  await page.context().addInitScript({ content: RECORD_FIRST_RENDER });
}

test("an admin's reload: the profile and the admin value are in the DOM at DOMContentLoaded, revalidated once each, nothing changes", async ({
  page,
  createUser,
}) => {
  const user = await createUser({ role: "admin" });
  await signedInDashboard(page, user);
  const requests = recordPanelRequests(page);

  await reloadAndRevalidate(page);

  const recorded = await firstRender(page);
  expect(recorded.atDomContentLoaded, "the panels at DOMContentLoaded").toEqual({
    userId: user.id,
    firstName: user.firstName,
    email: user.email,
    adminValue: "Important stuff",
    roleNeeded: false,
    statuses: [],
  });
  expect(recorded.loadingShown, "loading states shown").toEqual([]);
  expect(requests.sort(), "one revalidation per panel, with the session token").toEqual(["/api/admin Bearer", "/api/me Bearer"]);
  expect(recorded.changesAfterDomContentLoaded, "changes inside the panels once the page was parsed").toEqual([]);
});

test("a member's reload: the calm role-needed panel comes with the page too", async ({ page, createUser }) => {
  const user = await createUser({ role: "member" });
  await signedInDashboard(page, user);
  const requests = recordPanelRequests(page);

  await reloadAndRevalidate(page);

  const recorded = await firstRender(page);
  expect(recorded.atDomContentLoaded).toMatchObject({ userId: user.id, adminValue: null, roleNeeded: true, statuses: [] });
  expect(recorded.loadingShown).toEqual([]);
  expect(requests.sort()).toEqual(["/api/admin Bearer", "/api/me Bearer"]);
  expect(recorded.changesAfterDomContentLoaded).toEqual([]);
});

test("the page's HTML holds the signed-in user's own data only, and no cache may keep it", async ({ page, browser, createUser }) => {
  const [own, other] = [await createUser({ role: "admin" }), await createUser({ role: "admin" })];
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await Promise.all([signInToDashboard(page, own), signInToDashboard(otherPage, other)]);

  for (const [viewer, user, stranger] of [
    [page, own, other],
    [otherPage, other, own],
  ] as const) {
    const document = await viewer.reload({ waitUntil: "domcontentloaded" });
    const html = await document!.text();
    expect(html, "the user's own profile").toContain(user.id);
    expect(html).toContain(user.email);
    expect(html, "another user's profile").not.toContain(stranger.id);
    expect(html).not.toContain(stranger.email);
    const cacheControl = document!.headers()["cache-control"] ?? "";
    expect(cacheControl, "the document's Cache-Control").toContain("private");
    expect(cacheControl).toContain("no-store");
  }

  // A client-side navigation fetches the same data as an RSC payload: just as private.
  const rsc = await page.request.get("/dashboard", { headers: { RSC: "1" } });
  expect(rsc.status()).toBe(200);
  const payload = await rsc.text();
  expect(payload, "the RSC payload").toContain(own.id);
  expect(payload).not.toContain(other.id);
  expect(rsc.headers()["cache-control"] ?? "", "the RSC payload's Cache-Control").toContain("no-store");
  await otherContext.close();
});

test("the client-only path (?data=client) renders without server data and loads it in the browser", async ({ page, createUser }) => {
  const user = await createUser({ role: "admin" });
  await signedInDashboard(page, user);
  const answers = Promise.all([panelAnswer(page, "/api/me"), panelAnswer(page, "/api/admin")]);
  await page.goto(CLIENT_ONLY_DASHBOARD_PATH, { waitUntil: "domcontentloaded" });
  await answers;

  const recorded = await firstRender(page);
  expect(recorded.atDomContentLoaded).toMatchObject({ userId: null, adminValue: null });
  expect(recorded.loadingShown.sort()).toEqual(["Loading the admin dashboard…", "Loading your profile…"]);
  await expect(profileField(page, "id")).toHaveText(user.id);
  await expect(page.locator('[data-field="admin_value"]')).toHaveText("Important stuff");
});

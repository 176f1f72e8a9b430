import { clerkEnv } from "./support/clerk-env";
import { E2E_BASE_URL } from "./support/ports";
import { signInThroughUi, waitForSignedOut } from "./support/sign-in";
import { expect, test } from "./support/fixtures";

type RawEmail = { id: string; email_address: string; verification: { status: string } | null };
type RawUser = {
  id: string;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  image_url: string;
  primary_email_address_id: string | null;
  email_addresses: RawEmail[];
};

/** What Clerk's Backend API itself says about the user: the reference the dashboard must match. */
async function backendUser(id: string): Promise<RawUser> {
  const response = await fetch(`${clerkEnv.apiUrl}/v1/users/${id}`, {
    headers: { Authorization: `Bearer ${clerkEnv.secretKey}` },
  });
  expect(response.status, "the Backend API should know the test user").toBe(200);
  return (await response.json()) as RawUser;
}

test("a signed-out visit to /dashboard is sent to sign-in with a way back", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?redirect_url=/);
  const redirect = new URL(page.url()).searchParams.get("redirect_url");
  expect(redirect, "the sign-in URL should carry the page to return to").toBe(`${E2E_BASE_URL}/dashboard`);
  await expect(page.locator("input[name=identifier]")).toBeVisible();
});

test("signing in through <SignIn/> lands on /dashboard with that user's UserData", async ({ page, createUser }) => {
  const user = await createUser({ role: "admin" });
  // Offline by design: the browser may only ever talk to the app and the local Clerk.
  const hosts = new Set<string>();
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.protocol !== "blob:") hosts.add(url.host);
  });
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
  await signInThroughUi(page, user.email, user.password);

  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  const profile = page.getByRole("region", { name: "Your profile" });
  const expected = await backendUser(user.id);

  await expect(profile.locator('[data-field="id"]')).toHaveText(expected.id);
  for (const field of ["username", "first_name", "last_name"] as const) {
    const value = expected[field];
    const cell = profile.locator(`[data-field="${field}"]`);
    if (value === null) await expect(cell, `${field} is null in Clerk`).toHaveAttribute("data-null", "true");
    else await expect(cell, `${field} should match Clerk`).toHaveText(value);
  }
  await expect(profile.locator('[data-field="profile_image_url"]')).toHaveAttribute("src", expected.image_url);
  await expect(profile.locator('[data-field="primary_email_address_id"]')).toHaveText(expected.primary_email_address_id ?? "");

  expect(expected.email_addresses.length).toBeGreaterThan(0);
  for (const email of expected.email_addresses) {
    const item = profile.locator(`li[data-email-id="${email.id}"]`);
    await expect(item.locator('[data-field="email_address"]')).toHaveText(email.email_address);
    await expect(item.locator('[data-field="verification_status"]')).toHaveText(email.verification?.status ?? "—");
    const isPrimary = email.id === expected.primary_email_address_id;
    await expect(item.getByText("Primary", { exact: true })).toHaveCount(isPrimary ? 1 : 0);
  }

  const admin = page.getByRole("region", { name: "Admin" });
  await expect(admin.locator('[data-field="admin_value"]')).toHaveText("Important stuff");
  expect([...hosts].filter((host) => !/^(localhost|127\.0\.0\.1):\d+$/.test(host)), "hosts contacted").toEqual([]);
});

test("/api/me answers the browser's Bearer token with exactly the seven UserData fields", async ({ page, createUser }) => {
  const user = await createUser();
  await page.goto("/sign-in");
  await signInThroughUi(page, user.email, user.password);
  await page.waitForFunction(() => Boolean((window as unknown as { Clerk?: { user?: unknown } }).Clerk?.user));

  const answer = await page.evaluate(async () => {
    const clerk = (window as unknown as { Clerk: { session: { getToken: () => Promise<string> } } }).Clerk;
    const token = await clerk.session.getToken();
    const response = await fetch("/api/me", { headers: { Authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  });
  expect(answer.status).toBe(200);
  expect(Object.keys(answer.body).sort()).toEqual(
    ["email_addresses", "first_name", "id", "last_name", "primary_email_address_id", "profile_image_url", "username"],
  );
  const expected = await backendUser(user.id);
  expect(answer.body).toMatchObject({
    id: expected.id,
    username: expected.username,
    first_name: expected.first_name,
    last_name: expected.last_name,
    profile_image_url: expected.image_url,
    primary_email_address_id: expected.primary_email_address_id,
  });
});

test("signing out through the UserButton menu protects /dashboard again", async ({ page, createUser }) => {
  const user = await createUser();
  await page.goto("/sign-in?redirect_url=%2Fdashboard");
  await signInThroughUi(page, user.email, user.password);
  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);

  await page.getByRole("button", { name: "Open user menu" }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await waitForSignedOut(page);

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?redirect_url=/);
});

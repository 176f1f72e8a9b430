// This app's own instance (scripts/clerk-instance.json: usernames on, optional, used to sign in) through
// Clerk's real components: sign-up with a username and sign-in with it, "Set username" in Manage
// account with Clerk's refusals, the unsafe metadata a sign-up sends, and a second tab's sign-in.
import { TEST_EMAIL_CODE } from "./support/clerk-env";
import { closeManageAccount, DASHBOARD_UPDATE_MS, openManageAccount, profilePanel } from "./support/manage-account";
import { E2E_BASE_URL } from "./support/ports";
import { fieldError, fillNewPassword, profileField, signInThroughUi, signInToDashboard, signOutThroughClerk, waitForClerkLoaded } from "./support/sign-in";
import { clerkBackend, expect, test, testEmail, testUsername } from "./support/fixtures";

const PASSWORD = "a-long-enough-password";

test("signing up with a username, then signing in with the username", async ({ page, cleanup }) => {
  const email = testEmail();
  const username = testUsername();
  cleanup.deleteUserByEmail(email);
  await page.goto("/sign-up");
  await page.locator("input[name=emailAddress]").fill(email);
  await page.locator("input[name=username]").fill(username);
  await fillNewPassword(page, PASSWORD);
  await page.locator(".cl-formButtonPrimary").click();
  await page.locator("input[autocomplete=one-time-code]").fill(TEST_EMAIL_CODE);
  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  await expect(profileField(page, "username")).toHaveText(username);

  await signOutThroughClerk(page);
  await page.goto("/sign-in?redirect_url=%2Fdashboard");
  await expect(page.getByLabel("Email address or username")).toBeVisible();
  await signInThroughUi(page, username.toUpperCase(), PASSWORD);
  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  await expect(profileField(page, "email_address")).toHaveText(email);
});

test("a username is set in Manage account; a taken or too short one is refused inline", async ({ page, createUser }) => {
  const user = await createUser();
  const other = await createUser({ username: testUsername() });
  const username = testUsername();
  await signInToDashboard(page, user);
  await expect(profileField(page, "username")).toHaveText("—");

  const account = await openManageAccount(page);
  await account.getByRole("button", { name: "Set username" }).click();
  const field = account.locator("input[name=username]");
  const save = account.getByRole("button", { name: "Save" });
  await field.fill(other.username!);
  await save.click();
  await expect(fieldError(page)).toHaveText("That username is taken. Please try another.");
  // The components word this one themselves, from the code and the instance's username_settings.
  await field.fill("abc");
  await save.click();
  await expect(fieldError(page)).toHaveText("Your username must be between 4 and 64 characters long.");
  await field.fill(username);
  await save.click();
  await expect(account.getByRole("button", { name: "Update username" })).toBeVisible();

  expect((await clerkBackend.users.getUser(user.id)).username).toBe(username);
  await closeManageAccount(page, account);
  await expect(profilePanel(page).locator('[data-field="username"]')).toHaveText(username, { timeout: DASHBOARD_UPDATE_MS });
});

test("a sign-up's unsafe metadata is kept on the user it makes", async ({ page, cleanup }) => {
  const email = testEmail();
  cleanup.deleteUserByEmail(email);
  // What <SignUp unsafeMetadata={…}/> hands clerk-js: the same SignUp.create call, with the prop's value.
  await page.goto("/sign-up");
  await waitForClerkLoaded(page);
  const status = await page.evaluate(
    async ({ emailAddress, password }) => {
      const clerk = (window as unknown as { Clerk: { client: { signUp: { create: (params: object) => Promise<{ status: string }> } } } }).Clerk;
      return (await clerk.client.signUp.create({ emailAddress, password, unsafeMetadata: { plan: "team", seats: 3 } })).status;
    },
    { emailAddress: email, password: PASSWORD },
  );
  expect(status).toBe("missing_requirements");
  // The rest through the component: it picks the sign-up up at its verification step.
  await page.goto("/sign-up/verify-email-address");
  await page.locator("input[autocomplete=one-time-code]").fill(TEST_EMAIL_CODE);
  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  const { data } = await clerkBackend.users.getUserList({ emailAddress: [email] });
  expect(data[0]?.unsafeMetadata).toEqual({ plan: "team", seats: 3 });
});

test("a sign-in from a tab that missed the other tab's sign-in is redirected as signed in (session_exists)", async ({ context, createUser }) => {
  const user = await createUser();
  const [stale, fresh] = [await context.newPage(), await context.newPage()];
  await stale.goto("/sign-in?redirect_url=%2Fdashboard");
  await expect(stale.locator("input[name=identifier]")).toBeVisible();
  await fresh.goto("/sign-in?redirect_url=%2Fdashboard");
  await signInThroughUi(fresh, user.email, user.password);
  await expect(profileField(fresh, "id")).toHaveText(user.id);

  // The first tab still shows the form; its sign-in meets the session the browser already has.
  const refused = stale.waitForResponse((response) => response.url().includes("/v1/client/sign_ins?") && response.request().method() === "POST");
  await stale.locator("input[name=identifier]").fill(user.email);
  await stale.locator(".cl-formButtonPrimary").click();
  const answer = await refused;
  expect([answer.status(), ((await answer.json()) as { errors: { code: string }[] }).errors[0]?.code]).toEqual([400, "session_exists"]);
  await expect(stale).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  await expect(profileField(stale, "id")).toHaveText(user.id);
});

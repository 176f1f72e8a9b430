// Other Clerk instances, switched live on the local Clerk (project `global`, one spec at a time) and
// driven through Clerk's real components: email turned off, required names, strict password rules,
// phone numbers. Each describe puts this app's own instance back when it is done.
import type { Page, Response } from "@playwright/test";
import { LOCAL_ONLY, REAL_CLERK, TEST_EMAIL_CODE } from "./support/clerk-env";
import { appInstanceWith, onInstance } from "./support/instance";
import { openManageAccount, rowMenu } from "./support/manage-account";
import { E2E_BASE_URL } from "./support/ports";
import { fieldError, fillNewPassword, profileField, signInThroughUi, signInToDashboard, signOutThroughClerk, waitForClerkLoaded } from "./support/sign-in";
import { clerkBackend, expect, test, testEmail, testUsername } from "./support/fixtures";

test.skip(REAL_CLERK, LOCAL_ONLY);
test.describe.configure({ mode: "serial", timeout: 120_000 });

type ClerkErrors = { errors: { code: string; meta?: { param_name?: string } }[] };
type PageClerk = {
  loaded?: boolean;
  client: { signUp: { create: (params: object) => Promise<{ status: string; missingFields: string[] }> } };
  user: { update: (params: object) => Promise<unknown> };
};

const EMAIL_OFF = { enabled: false, required: false, used_for_first_factor: false, first_factors: [], verifications: [], verify_at_sign_up: false };

/** This app's instance with email turned off and `attributes` to sign up and in with instead. */
const emailOffWith = (attributes: Record<string, Record<string, unknown>>) => appInstanceWith({ attributes: { email_address: EMAIL_OFF, ...attributes } });


/** The next answer to a Frontend API POST whose path ends with `path`. */
const nextAnswer = (page: Page, path: string) =>
  page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname.endsWith(path));

async function errorCodes(response: Response): Promise<[number, string[]]> {
  return [response.status(), ((await response.json()) as ClerkErrors).errors.map((error) => error.code)];
}

test.describe("an instance with email turned off", () => {
  onInstance(emailOffWith({ username: { enabled: true, required: true, used_for_first_factor: true } }));

  test("signs up with a username and a password alone, and signs in with the username", async ({ page, cleanup }) => {
    const username = testUsername();
    const password = "a-long-enough-password";
    cleanup.deleteUserByUsername(username);
    await page.goto("/sign-up");
    await expect(page.locator("input[name=username]")).toBeVisible();
    await expect(page.locator("input[name=emailAddress]")).toHaveCount(0);
    await page.locator("input[name=username]").fill(username);
    await fillNewPassword(page, password);
    await page.locator(".cl-formButtonPrimary").click();
    // No code to enter: nothing is left to verify.
    await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
    await expect(profileField(page, "username")).toHaveText(username);
    await expect(profileField(page, "primary_email_address_id")).toHaveText("—");
    await expect(page.getByText("This account has no email address.")).toBeVisible();

    await signOutThroughClerk(page);
    await page.goto("/sign-in?redirect_url=%2Fdashboard");
    await expect(page.getByLabel("Username", { exact: true })).toBeVisible();
    await signInThroughUi(page, username, password);
    await expect(profileField(page, "username")).toHaveText(username);
  });
});

test.describe("an instance that requires first and last names", () => {
  onInstance(appInstanceWith({ attributes: { first_name: { required: true }, last_name: { required: true } } }));

  test("a sign-up without names is asked for them after the code, and gets its user only then", async ({ page, cleanup }) => {
    const email = testEmail();
    cleanup.deleteUserByEmail(email);
    await page.goto("/sign-up");
    await expect(page.locator("input[name=firstName]")).toBeVisible();
    await waitForClerkLoaded(page);
    const started = await page.evaluate(
      async ({ emailAddress }) => {
        const { status, missingFields } = await (window as unknown as { Clerk: PageClerk }).Clerk.client.signUp.create({ emailAddress, password: "a-long-enough-password" });
        return { status, missingFields };
      },
      { emailAddress: email },
    );
    expect(started).toEqual({ status: "missing_requirements", missingFields: ["first_name", "last_name"] });

    await page.goto("/sign-up/verify-email-address");
    await page.locator("input[autocomplete=one-time-code]").fill(TEST_EMAIL_CODE);
    // <SignUp/> goes on to its "continue" step for what is still missing.
    await expect(page).toHaveURL(/\/sign-up\/continue/);
    expect((await clerkBackend.users.getUserList({ emailAddress: [email] })).data).toEqual([]);
    await page.locator("input[name=firstName]").fill("Grace");
    await page.locator("input[name=lastName]").fill("Hopper");
    // Clerk's "continue" form asks for the password again whenever the instance requires one.
    await fillNewPassword(page, "a-long-enough-password");
    await page.locator(".cl-formButtonPrimary").click();
    await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
    await expect(profileField(page, "first_name")).toHaveText("Grace");
  });

  test("Manage account cannot remove a required name", async ({ page, createUser }) => {
    const user = await createUser({ firstName: "Ada", lastName: "Lovelace" });
    await signInToDashboard(page, user);
    const account = await openManageAccount(page);
    await account.getByRole("button", { name: "Update profile" }).click();
    await account.locator("input[name=firstName]").fill("");
    await expect(account.getByRole("button", { name: "Save" })).toBeDisabled();
    // The components hold the button; the server refuses the same change made through clerk-js.
    const code = await page.evaluate(() =>
      (window as unknown as { Clerk: PageClerk }).Clerk.user.update({ firstName: "" }).then(
        () => "accepted",
        (error: { errors?: { code: string }[] }) => error.errors?.[0]?.code,
      ),
    );
    expect(code).toBe("form_param_nil");
    expect((await clerkBackend.users.getUser(user.id)).firstName).toBe("Ada");
  });
});

test.describe("an instance with strict password rules", () => {
  const RULES = { min_length: 10, require_uppercase: true, require_numbers: true, require_special_char: true };
  const WEAK = "all-lowercase-password";
  const STRONG = "Strong-Password-42";
  const SENTENCE = "Your password must contain an uppercase letter and a number.";

  onInstance(appInstanceWith({ password_settings: RULES }));

  test("sign-up refuses a weak password and starts nothing", async ({ page }) => {
    const email = testEmail();
    await page.goto("/sign-up");
    await page.locator("input[name=emailAddress]").fill(email);
    await page.locator("input[name=password]").fill(WEAK);
    const answer = nextAnswer(page, "/v1/client/sign_ups");
    await page.locator(".cl-formButtonPrimary").click();
    expect(await errorCodes(await answer)).toEqual([422, ["form_password_no_uppercase", "form_password_no_number"]]);
    await expect(fieldError(page)).toHaveText(SENTENCE);
    await expect(page).toHaveURL(/\/sign-up$/);
  });

  test("Manage account refuses a weak new password and keeps the old one", async ({ page, createUser }) => {
    const user = await createUser({ password: STRONG });
    await signInToDashboard(page, user);
    const account = await openManageAccount(page);
    await account.getByRole("button", { name: "Security" }).click();
    await account.getByRole("button", { name: "Update password" }).click();
    await account.locator("input[name=currentPassword]").fill(STRONG);
    await account.locator("input[name=newPassword]").fill(WEAK);
    await account.locator("input[name=confirmPassword]").fill(WEAK);
    const answer = nextAnswer(page, "/v1/me/change_password");
    await account.getByRole("button", { name: "Save" }).click();
    expect(await errorCodes(await answer)).toEqual([422, ["form_password_no_uppercase", "form_password_no_number"]]);
    await expect(fieldError(page)).toHaveText(SENTENCE);
    expect(await clerkBackend.users.verifyPassword({ userId: user.id, password: STRONG })).toMatchObject({ verified: true });
  });

  test("reset password refuses a weak new password, then takes a strong one", async ({ page, createUser }) => {
    const user = await createUser({ password: STRONG });
    await page.goto("/sign-in?redirect_url=%2Fdashboard");
    await page.locator("input[name=identifier]").fill(user.email);
    await page.locator(".cl-formButtonPrimary").click();
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await page.getByRole("button", { name: "Reset your password" }).click();
    await page.locator("input[autocomplete=one-time-code]").fill(TEST_EMAIL_CODE);
    await expect(page).toHaveURL(/\/sign-in\/reset-password/);
    await page.locator("input[name=password]").fill(WEAK);
    await page.locator("input[name=confirmPassword]").fill(WEAK);
    const answer = nextAnswer(page, "/reset_password");
    await page.locator(".cl-formButtonPrimary").click();
    expect(await errorCodes(await answer)).toEqual([422, ["form_password_no_uppercase", "form_password_no_number"]]);
    await expect(fieldError(page)).toHaveText(SENTENCE);

    await page.locator("input[name=password]").fill(`New-${STRONG}`);
    await page.locator("input[name=confirmPassword]").fill(`New-${STRONG}`);
    await page.locator(".cl-formButtonPrimary").click();
    await expect(profileField(page, "id")).toHaveText(user.id);
  });
});

/** Distinct Clerk test numbers (+1 XXX 555-0100 to 0199), drawn per run so a rerun finds them free. */
function testPhoneNumbers(count: number): string[] {
  const endings = new Set<number>();
  while (endings.size < count) endings.add(100 + Math.floor(Math.random() * 100));
  return [...endings].map((ending) => `+1555555${String(ending).padStart(4, "0")}`);
}
const PHONE_ATTRIBUTE = { enabled: true, used_for_first_factor: true, first_factors: ["phone_code"], verifications: ["phone_code"], verify_at_sign_up: true };

test.describe("an instance that signs people up and in by phone number", () => {
  onInstance(emailOffWith({ phone_number: { ...PHONE_ATTRIBUTE, required: true } }));

  test("signs up with the SMS code, then signs in with the number and a password, and with the code", async ({ page }) => {
    const [phoneNumber] = testPhoneNumbers(1) as [string];
    const password = "a-long-enough-password";
    await page.goto("/sign-up");
    await page.locator("input[name=phoneNumber]").fill(phoneNumber);
    await fillNewPassword(page, password);
    await page.locator(".cl-formButtonPrimary").click();
    await expect(page).toHaveURL(/\/sign-up\/verify-phone-number/);
    await page.locator("input[autocomplete=one-time-code]").fill(TEST_EMAIL_CODE);
    await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
    const [user] = (await clerkBackend.users.getUserList({ phoneNumber: [phoneNumber] })).data;
    try {
      expect(user?.primaryPhoneNumber?.phoneNumber).toBe(phoneNumber);
      await expect(profileField(page, "id")).toHaveText(user!.id);

      await signOutThroughClerk(page);
      await page.goto("/sign-in?redirect_url=%2Fdashboard");
      await page.locator("input[name=identifier]").fill(phoneNumber);
      await page.locator(".cl-formButtonPrimary").click();
      await page.locator('input[name=password]:not([tabindex="-1"])').fill(password);
      await page.locator(".cl-formButtonPrimary").click();
      await expect(profileField(page, "id")).toHaveText(user!.id);

      await signOutThroughClerk(page);
      await page.goto("/sign-in?redirect_url=%2Fdashboard");
      await page.locator("input[name=identifier]").fill(phoneNumber);
      await page.locator(".cl-formButtonPrimary").click();
      await page.getByRole("link", { name: "Use another method" }).click();
      await page.getByRole("button", { name: /Send SMS code to/ }).click();
      await page.locator("input[autocomplete=one-time-code]").fill(TEST_EMAIL_CODE);
      await expect(profileField(page, "id")).toHaveText(user!.id);
    } finally {
      if (user) await clerkBackend.users.deleteUser(user.id);
    }
  });
});

test.describe("an instance with optional phone numbers", () => {
  onInstance(appInstanceWith({ attributes: { phone_number: PHONE_ATTRIBUTE } }));

  test("Manage account adds a number, verifies it with the code, and makes another one primary", async ({ page, createUser }) => {
    const user = await createUser();
    const [first, second] = testPhoneNumbers(2) as [string, string];
    await signInToDashboard(page, user);
    const account = await openManageAccount(page);
    for (const phoneNumber of [first, second]) {
      await account.getByRole("button", { name: "Add phone number" }).click();
      await account.locator("input[name=phoneNumber]").fill(phoneNumber);
      await account.getByRole("button", { name: "Add", exact: true }).click();
      await account.getByRole("textbox", { name: "Enter verification code" }).pressSequentially(TEST_EMAIL_CODE);
      await expect(account.getByRole("heading", { name: "Verify phone number" })).toBeHidden();
    }
    const added = await clerkBackend.users.getUser(user.id);
    expect(added.phoneNumbers.map((phone) => [phone.phoneNumber, phone.verification?.status])).toEqual([
      [first, "verified"],
      [second, "verified"],
    ]);
    expect(added.primaryPhoneNumber?.phoneNumber, "the first verified number becomes primary").toBe(first);

    await rowMenu(account, formatUsNumber(second)).click();
    await page.getByRole("menuitem", { name: "Set as primary" }).click();
    await expect.poll(async () => (await clerkBackend.users.getUser(user.id)).primaryPhoneNumber?.phoneNumber).toBe(second);
  });
});

/** How <UserProfile/> shows a US number: +1 (555) 555-0123. */
function formatUsNumber(phoneNumber: string): string {
  const digits = phoneNumber.slice(2);
  return `+1 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
}

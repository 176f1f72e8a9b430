// Invitation-only sign-up, as an instance in Clerk's `restricted` sign-up mode runs it: <SignUp/> shows
// a plain visitor that access is restricted and the Frontend API refuses their sign-up, while the link
// of an invitation made through the Backend API signs the invited person up with the address verified.
// In the "global" Playwright project: the sign-up mode is the instance's, switched live and restored.
import { LOCAL_ONLY, REAL_CLERK } from "./support/clerk-env";
import { appInstanceWith, onInstance } from "./support/instance";
import { E2E_BASE_URL } from "./support/ports";
import { fillNewPassword } from "./support/sign-in";
import { clerkBackend, expect, test, testEmail } from "./support/fixtures";

test.describe.configure({ mode: "serial" });
test.skip(REAL_CLERK, LOCAL_ONLY);

onInstance(appInstanceWith({ sign_up: { mode: "restricted" } }));

test("a visitor without an invitation is told sign-up is restricted, the Frontend API refuses them, and so is an unknown ticket", async ({ page }) => {
  await page.goto("/sign-up");
  await expect(page.getByText("Access restricted")).toBeVisible();
  await expect(page.locator("input[name=emailAddress]")).toHaveCount(0);

  // The component only hides the form: the server is what refuses, whatever a page sends.
  const refused = await page.evaluate(async (emailAddress) => {
    const clerk = (window as unknown as { Clerk: { client: { signUp: { create: (params: object) => Promise<unknown> } } } }).Clerk;
    try {
      await clerk.client.signUp.create({ emailAddress, password: "a-long-enough-password" });
      return null;
    } catch (error) {
      // clerk-js's ClerkAPIResponseError, as plain data (an Error does not cross back whole).
      const { status, errors } = error as { status?: number; errors?: { code: string }[] };
      return { status, code: errors?.[0]?.code };
    }
  }, testEmail());
  expect(refused).toEqual({ status: 403, code: "sign_up_mode_restricted" });

  // A link with a ticket Clerk never issued opens the form, and the sign-up it starts is refused.
  await page.goto("/sign-up?__clerk_ticket=not-a-ticket");
  await expect(page.getByText(/no longer valid|ticket is invalid/i).first()).toBeVisible();
});

test("opening an invitation's link signs the invited person up, verified, with the invitation's metadata", async ({ page, cleanup }) => {
  const email = testEmail();
  cleanup.deleteUserByEmail(email);
  const invitation = await clerkBackend.invitations.createInvitation({ emailAddress: email, publicMetadata: { plan: "beta" }, notify: false });

  await page.goto(invitation.url!);
  // The address comes from the ticket, verified: <SignUp/> asks only for what is still missing.
  const password = page.locator("input[name=password]");
  await expect(password).toBeVisible();
  await expect(page.locator("input[name=emailAddress]")).toHaveCount(0);
  await fillNewPassword(page, "a-long-enough-password");
  await page.locator(".cl-formButtonPrimary").click();

  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  await expect(page.locator('[data-field="email_address"]')).toHaveText(email);
  await expect(page.locator('[data-field="verification_status"]')).toHaveText("verified");

  const { data: users } = await clerkBackend.users.getUserList({ emailAddress: [email] });
  expect(users.map((user) => user.publicMetadata)).toEqual([{ plan: "beta" }]);
  const { data: accepted } = await clerkBackend.invitations.getInvitationList({ query: invitation.id, status: "accepted" });
  expect(accepted.map((one) => one.id)).toEqual([invitation.id]);
});

// "Manage account" > Profile, clicked through Clerk's real <UserProfile/>: email addresses, the profile
// image and names, each checked in Clerk (Backend API) and on the dashboard without a reload.
import { closeManageAccount, confirmUntilClosed, DASHBOARD_UPDATE_MS, openManageAccount, profilePanel, rowMenu, TINY_PNG } from "./support/manage-account";
import { TEST_EMAIL_CODE } from "./support/clerk-env";
import { profileField, signInToDashboard } from "./support/sign-in";
import { clerkBackend, expect, test, testEmail } from "./support/fixtures";

test.describe.configure({ timeout: 180_000 });

test("an email address is added, verified with the code, made primary, and the old one removed", async ({ page, createUser }) => {
  const user = await createUser();
  const newEmail = testEmail();
  await signInToDashboard(page, user);

  const account = await openManageAccount(page);
  await account.getByRole("button", { name: "Add email address" }).click();
  await account.getByRole("textbox", { name: "Email address" }).fill(newEmail);
  await account.getByRole("button", { name: "Add", exact: true }).click();
  await expect(account.getByRole("heading", { name: "Verify email address" })).toBeVisible();
  await account.getByRole("textbox", { name: "Enter verification code" }).pressSequentially(TEST_EMAIL_CODE);
  await expect(account.getByRole("heading", { name: "Verify email address" })).toBeHidden();
  await expect(account.getByText(newEmail, { exact: true })).toBeVisible();

  const verified = await clerkBackend.users.getUser(user.id);
  const added = verified.emailAddresses.find((email) => email.emailAddress === newEmail);
  expect(added?.verification?.status, "the new address is verified in Clerk").toBe("verified");
  const oldId = verified.primaryEmailAddressId;

  await closeManageAccount(page, account);
  const panel = profilePanel(page);
  await expect
    .soft(panel.locator('[data-field="email_address"]'), "the dashboard lists the verified address without a reload")
    .toHaveText([user.email, newEmail], { timeout: DASHBOARD_UPDATE_MS });
  await expect
    .soft(panel.locator(`[data-email-id="${added?.id}"] [data-field="verification_status"]`))
    .toHaveText("verified", { timeout: DASHBOARD_UPDATE_MS });

  const again = await openManageAccount(page);
  await rowMenu(again, newEmail).click();
  await page.getByRole("menuitem", { name: "Set as primary" }).click();
  await expect.poll(async () => (await clerkBackend.users.getUser(user.id)).primaryEmailAddressId).toBe(added?.id);

  await rowMenu(again, user.email).click();
  await page.getByRole("menuitem", { name: /remove/i }).click();
  const removeForm = again.getByRole("heading", { name: "Remove email address" });
  await expect(removeForm).toBeVisible();
  await confirmUntilClosed(removeForm, again.getByRole("button", { name: "Remove" }));
  await expect(again.getByText(user.email, { exact: true })).toBeHidden();
  const after = await clerkBackend.users.getUser(user.id);
  expect(after.emailAddresses.map((email) => email.emailAddress)).toEqual([newEmail]);
  expect(after.emailAddresses.some((email) => email.id === oldId)).toBe(false);

  await closeManageAccount(page, again);
  await expect.soft(profileField(page, "primary_email_address_id"), "the dashboard shows the new primary address").toHaveText(added?.id ?? "", {
    timeout: DASHBOARD_UPDATE_MS,
  });
  await expect.soft(panel.locator('[data-field="email_address"]')).toHaveText([newEmail], { timeout: DASHBOARD_UPDATE_MS });
});

test("a profile image is uploaded and removed, a file Clerk refuses is refused, and names change", async ({ page, createUser }) => {
  const user = await createUser();
  await signInToDashboard(page, user);

  const account = await openManageAccount(page);
  await account.getByRole("button", { name: "Update profile" }).click();
  const fileInput = account.locator('input[type="file"]');

  // A text file: @clerk/ui refuses it with Clerk's message before anything is sent.
  await fileInput.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not an image") });
  await expect(account.getByText("File type not supported. Please upload a JPG, PNG, GIF, or WEBP image.")).toBeVisible();

  // A real image is uploaded at once, and the form closes.
  await fileInput.setInputFiles({ name: "avatar.png", mimeType: "image/png", buffer: TINY_PNG });
  await expect.poll(async () => (await clerkBackend.users.getUser(user.id)).hasImage, { message: "Clerk stores the image" }).toBe(true);
  const withImage = await clerkBackend.users.getUser(user.id);
  const served = await page.request.get(withImage.imageUrl);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toMatch(/^image\//);
  await expect(account.getByRole("button", { name: "Update profile" })).toBeVisible();

  await account.getByRole("button", { name: "Update profile" }).click();
  // The form that just closed may still be fading out, disabled, beside the new one.
  await account.locator("input[name=firstName]:not([disabled])").fill("Grace");
  await account.locator("input[name=lastName]:not([disabled])").fill("Hopper");
  await account.getByRole("button", { name: "Save", disabled: false }).click();
  await expect(account.getByText("Grace Hopper")).toBeVisible();
  expect(await clerkBackend.users.getUser(user.id)).toMatchObject({ firstName: "Grace", lastName: "Hopper" });
  await closeManageAccount(page, account);

  await expect.soft(profileField(page, "first_name"), "the dashboard shows the new names without a reload").toHaveText("Grace", {
    timeout: DASHBOARD_UPDATE_MS,
  });
  await expect.soft(profileField(page, "last_name")).toHaveText("Hopper");
  await expect.soft(profileField(page, "profile_image_url"), "the dashboard shows the uploaded image").toHaveAttribute("src", withImage.imageUrl, {
    timeout: DASHBOARD_UPDATE_MS,
  });

  const again = await openManageAccount(page);
  await again.getByRole("button", { name: "Update profile" }).click();
  await again.getByRole("button", { name: "Remove" }).click();
  await expect.poll(async () => (await clerkBackend.users.getUser(user.id)).hasImage, { message: "Clerk drops the image" }).toBe(false);
  const withoutImage = await clerkBackend.users.getUser(user.id);
  expect(withoutImage.imageUrl).not.toBe(withImage.imageUrl);
  await closeManageAccount(page, again);
  await expect.soft(profileField(page, "profile_image_url"), "the dashboard drops the image").toHaveAttribute("src", withoutImage.imageUrl, {
    timeout: DASHBOARD_UPDATE_MS,
  });
});

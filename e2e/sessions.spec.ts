import { E2E_BASE_URL } from "./support/ports";
import { profileField, signInThroughUi, signInToDashboard, waitForSignedIn, waitForSignedOut } from "./support/sign-in";
import { expect, test } from "./support/fixtures";

test("signing out in one tab signs out the other tabs", async ({ context, createUser }) => {
  const user = await createUser();
  const first = await context.newPage();
  await first.goto("/sign-in?redirect_url=%2Fdashboard");
  await signInThroughUi(first, user.email, user.password);
  await expect(first).toHaveURL(`${E2E_BASE_URL}/dashboard`);

  const second = await context.newPage();
  await second.goto("/dashboard");
  await expect(profileField(second, "id")).toHaveText(user.id);

  await first.getByRole("button", { name: "Open user menu" }).click();
  await first.getByRole("button", { name: "Sign out", exact: true }).click();
  await waitForSignedOut(first);
  await waitForSignedOut(second);

  await second.goto("/dashboard");
  await expect(second).toHaveURL(/\/sign-in\?redirect_url=/);
});

test("two browsers never see each other's session or data", async ({ browser, createUser }) => {
  const [alice, bob] = await Promise.all([createUser({ firstName: "Alice" }), createUser({ firstName: "Bob" })]);
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  try {
    const alicePage = await aliceContext.newPage();
    const bobPage = await bobContext.newPage();
    await signInToDashboard(alicePage, alice);

    // Bob's browser is still signed out although Alice signed in on the same app and Clerk.
    await bobPage.goto("/dashboard");
    await expect(bobPage).toHaveURL(/\/sign-in\?redirect_url=/);
    await signInThroughUi(bobPage, bob.email, bob.password);
    await expect(profileField(bobPage, "id")).toHaveText(bob.id);
    await expect(profileField(bobPage, "first_name")).toHaveText("Bob");

    await alicePage.reload();
    await expect(profileField(alicePage, "id")).toHaveText(alice.id);
    await expect(profileField(alicePage, "first_name")).toHaveText("Alice");
  } finally {
    await aliceContext.close();
    await bobContext.close();
  }
});

test("a signed-in session survives a reload", async ({ page, createUser }) => {
  const user = await createUser();
  await signInToDashboard(page, user);
  await page.reload();
  await waitForSignedIn(page);
  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  await expect(profileField(page, "id")).toHaveText(user.id);
});

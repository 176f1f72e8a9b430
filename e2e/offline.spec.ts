// The browser losing its network (Playwright's offline emulation) on the dashboard: the panels say the
// user is offline, keep what they showed, and refresh by themselves when the network returns.
import { profileField, signInToDashboard } from "./support/sign-in";
import { recordApiCalls } from "./support/api-calls";
import { expect, test } from "./support/fixtures";

test("offline: the panels say so and keep their data, then refresh by themselves when the network returns", async ({
  page,
  createUser,
}) => {
  const user = await createUser({ role: "admin" });
  await signInToDashboard(page, user);
  await expect(page.locator('[data-field="admin_value"]')).toHaveText("Important stuff");

  const apiCalls = recordApiCalls(page);
  await page.context().setOffline(true);
  for (const name of ["Your profile", "Admin"]) {
    await expect(page.getByRole("region", { name }).getByRole("status")).toHaveText(/You're offline/);
  }
  await expect(profileField(page, "id"), "the data stays on screen").toHaveText(user.id);

  await page.context().setOffline(false);
  await expect(page.getByText(/You're offline/)).toHaveCount(0);
  await expect.poll(() => [...apiCalls].sort(), { message: "each panel asks again once the network is back" }).toEqual(["/api/admin", "/api/me"]);
  await expect(profileField(page, "id")).toHaveText(user.id);
  await expect(page.locator('[data-field="admin_value"]')).toHaveText("Important stuff");
});

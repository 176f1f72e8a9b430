// axe-core on the pages people land on. Clerk's own components are excluded: this project cannot
// change their markup, and they are Clerk's to keep accessible.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { SAVED_STATE_FILE } from "./support/saved-user";
import { profileField } from "./support/sign-in";
import { expect, test } from "./support/fixtures";

const CLERK_COMPONENTS = [".cl-rootBox", ".cl-userButtonBox"];

async function seriousViolations(page: Page) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  for (const selector of CLERK_COMPONENTS) builder.exclude(selector);
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test("the landing page has no serious accessibility violations", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the sign-in page has no serious accessibility violations in our markup", async ({ page }) => {
      await page.goto("/sign-in");
      await expect(page.locator("input[name=identifier]")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test.describe("signed in", () => {
      test.use({ storageState: SAVED_STATE_FILE });

      test("the dashboard has no serious accessibility violations", async ({ page }) => {
        await page.goto("/dashboard");
        await expect(profileField(page, "id")).toBeVisible();
        // The saved user is a member: the admin panel settles on its explanation, which is audited too.
        await expect(page.locator('[data-state="role-needed"]')).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      });
    });
  });
}

import { signInThroughUi } from "./support/sign-in";
import { E2E_BASE_URL } from "./support/ports";
import { expect, test } from "./support/fixtures";

test("pages carry a Content-Security-Policy that forbids framing, and the other security headers", async ({ request }) => {
  for (const path of ["/", "/sign-in", "/dashboard", "/api/me"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    if (path === "/api/me") continue;
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, `${path} Content-Security-Policy`).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
  }
  // Static files get the plain headers too.
  const icon = await request.get("/icon.svg");
  expect(icon.headers()["x-content-type-options"]).toBe("nosniff");
});

test("signing in works under the Content-Security-Policy with no violation", async ({ page, createUser }) => {
  const user = await createUser();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`);
    });
  });
  await page.goto("/sign-in?redirect_url=%2Fdashboard");
  await signInThroughUi(page, user.email, user.password);
  await expect(page).toHaveURL(`${E2E_BASE_URL}/dashboard`);
  await expect(page.locator('[data-field="id"]')).toHaveText(user.id);
  await page.getByRole("button", { name: "Open user menu" }).click();
  await page.getByRole("button", { name: "Manage account" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(violations).toEqual([]);
});

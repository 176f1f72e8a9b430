import { E2E_BASE_URL } from "./support/ports";
import { signInThroughUi, waitForSignedIn } from "./support/sign-in";
import { expect, test } from "./support/fixtures";

const INVALID_TOKEN = { code: "unauthenticated", message: "invalid token", details: null };

test("/api/me and /api/admin answer 401 with the envelope without a token or with a garbage one", async ({ request }) => {
  const cases: Record<string, Record<string, string>> = {
    "no token": {},
    "garbage token": { Authorization: "Bearer not-a-jwt" },
    "three dots": { Authorization: "Bearer a.b.c" },
    "empty Bearer": { Authorization: "Bearer " },
  };
  for (const path of ["/api/me", "/api/admin"]) {
    for (const [name, headers] of Object.entries(cases)) {
      const response = await request.get(path, { headers });
      expect(response.status(), `${path} with ${name}`).toBe(401);
      expect(await response.json(), `${path} with ${name}`).toEqual(INVALID_TOKEN);
    }
  }
});

test("/api/me and /api/admin accept the browser's session token as a Bearer token", async ({ page, request, createUser }) => {
  const user = await createUser();
  await page.goto("/sign-in");
  await signInThroughUi(page, user.email, user.password);
  await waitForSignedIn(page);
  const token = await page.evaluate(() =>
    (window as unknown as { Clerk: { session: { getToken: () => Promise<string> } } }).Clerk.session.getToken(),
  );

  // Another client (no cookies at all) with only the token.
  const me = await request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { id: string }).id).toBe(user.id);
  const admin = await request.get("/api/admin", { headers: { Authorization: `Bearer ${token}` } });
  expect(await admin.json()).toEqual({ value: "Important stuff" });
});

test("/api/health answers without a token", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
});

test("a missing static file is a plain 404, not a server error", async ({ request }) => {
  // The proxy does not run for static-file paths, so nothing they render may depend on auth().
  for (const path of ["/favicon.ico", "/no-such-picture.png"]) {
    expect((await request.get(`${E2E_BASE_URL}${path}`)).status(), path).toBe(404);
  }
});

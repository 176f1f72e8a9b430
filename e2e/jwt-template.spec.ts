// A named JWT template, as Clerk's integrations use them: made through the Backend API, minted in the
// browser with `getToken({ template })`, and verified by a server with @clerk/backend, the library the
// app's server verifies session tokens with, against the instance's keys.
import { randomUUID } from "node:crypto";
import { verifyToken } from "@clerk/backend";
import { clerkEnv } from "./support/clerk-env";
import { signInToDashboard } from "./support/sign-in";
import { clerkBackend, expect, test } from "./support/fixtures";

test("a template token is minted in the browser and verified by a server, with the template's claims and lifetime", async ({ page, createUser }) => {
  const user = await createUser({ role: "admin" });
  const name = `e2e-${randomUUID().slice(0, 8)}`;
  const template = await clerkBackend.jwtTemplates.create({
    name,
    claims: { aud: "https://service.example", role: "{{user.public_metadata.role}}", email: "{{user.primary_email_address}}" },
    lifetime: 120,
  });
  try {
    await signInToDashboard(page, user);
    const jwt = await page.evaluate(
      (templateName) =>
        (window as unknown as { Clerk: { session: { getToken: (options: { template: string }) => Promise<string> } } }).Clerk.session.getToken({
          template: templateName,
        }),
      name,
    );
    const claims = await verifyToken(jwt, { secretKey: clerkEnv.secretKey, apiUrl: clerkEnv.apiUrl });
    expect(claims).toMatchObject({ sub: user.id, aud: "https://service.example", role: "admin", email: user.email });
    expect(claims.exp - claims.iat).toBe(120);
    // Not bound to the session: no session id.
    expect(claims).not.toHaveProperty("sid");
  } finally {
    await clerkBackend.jwtTemplates.delete(template.id);
  }
});

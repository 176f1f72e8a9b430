// Custom session-token claims and JWT templates: Clerk's shortcode rules, rendered into the tokens that
// browsers and the Backend API get, checked with @clerk/backend's own verification.
import { verifyToken } from "@clerk/backend";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { DEMO_USER } from "../config";
import { clerkApiError, errorOf, jsonOf, serverPerFile, signIn, TEST_SECRET, userByEmail, type TestBrowser } from "../testing/harness";
import { renderClaims, templateProblem } from "./claims";

const USER = {
  id: "user_1",
  first_name: "Ada",
  last_name: null,
  email_verified: true,
  public_metadata: { role: "admin", profile: { interests: ["hiking"] } },
  unsafe_metadata: {},
  created_at: 1700000000,
};

describe("renderClaims", () => {
  it("follows Clerk's shortcode rules", () => {
    const rendered = renderClaims(
      {
        static: { aud: "https://example.com", list: [1, "two"] },
        metadata: "{{user.public_metadata}}",
        role: "{{user.public_metadata.role}}",
        interests: "{{user.public_metadata.profile.interests}}",
        full: "{{user.last_name}} {{user.first_name}}",
        name: "{{user.last_name || user.first_name || 'Someone'}}",
        age: "{{ user.public_metadata.age || 30 }}",
        verified: "{{user.email_verified}}",
        missing: "{{user.i_dont_exist}}",
        org: "{{org.id}}",
        nested: ["{{user.id}}", { at: "{{user.created_at}}" }],
      },
      USER,
    );
    expect(rendered).toEqual({
      static: { aud: "https://example.com", list: [1, "two"] },
      metadata: { role: "admin", profile: { interests: ["hiking"] } },
      role: "admin",
      interests: ["hiking"],
      full: "null Ada",
      name: "Ada",
      age: 30,
      verified: true,
      missing: null,
      org: null,
      nested: ["user_1", { at: 1700000000 }],
    });
  });

  it("refuses malformed shortcodes, naming where", () => {
    expect(templateProblem({ ok: "{{user.id}}", a: { b: "{{user.id" } })).toEqual({ key: "a.b", reason: "has an unclosed {{ shortcode }}" });
    expect(templateProblem({ x: "{{ user.id | 'x' }}" })?.key).toBe("x");
    expect(templateProblem({ x: ["{{session}}"] })).toMatchObject({ key: "x.0" });
    expect(templateProblem({ x: "{{ \"double\" }}" })?.reason).toMatch(/neither a shortcode nor/);
    expect(templateProblem({ x: "{{user.public_metadata.role || 'member' || 0 || false}}" })).toBeNull();
  });
});

const local = serverPerFile();

async function signedIn(): Promise<{ browser: TestBrowser; sessionId: string }> {
  const browser = await local.clerk.devBrowser();
  return { browser, sessionId: await signIn(browser) };
}

async function browserToken(browser: TestBrowser, sessionId: string, template?: string) {
  const response = await browser.call("POST", `/v1/client/sessions/${sessionId}/tokens${template ? `/${template}` : ""}`, {});
  return (await jsonOf<{ jwt: string }>(response)).jwt;
}

describe("custom session-token claims", () => {
  it("are in every session token, for the browser and the Backend API, and follow the user's changes", async () => {
    await local.clerk.controls.setInstance({ session_token_claims: { metadata: "{{user.public_metadata}}", email: "{{user.primary_email_address}}" } });
    const { browser, sessionId } = await signedIn();
    const first = await verifyToken(await browserToken(browser, sessionId), { secretKey: TEST_SECRET, apiUrl: local.clerk.url });
    expect(first).toMatchObject({ metadata: {}, email: DEMO_USER.email, sid: sessionId });

    const demo = (await userByEmail(local.clerk, DEMO_USER.email))!;
    await local.backend.users.updateUserMetadata(demo.id, { publicMetadata: { role: "admin" } });
    const next = decodeJwt(await browserToken(browser, sessionId));
    expect(next.metadata).toEqual({ role: "admin" });
    const backend = decodeJwt((await local.backend.sessions.getToken(sessionId, "")).jwt);
    expect(backend).toMatchObject({ metadata: { role: "admin" }, sid: sessionId });
    // Clerk's own claims are not the template's to set.
    expect(next).toMatchObject({ sub: demo.id, v: 2, sts: "active" });
  });

  it("refuses a token whose rendered claims pass Clerk's size limit, with an error that says so", async () => {
    await local.clerk.controls.setInstance({ session_token_claims: { metadata: "{{user.public_metadata}}" } });
    const { browser, sessionId } = await signedIn();
    const demo = (await userByEmail(local.clerk, DEMO_USER.email))!;
    await local.backend.users.updateUserMetadata(demo.id, { publicMetadata: { bio: "x".repeat(1300) } });
    const refused = await browser.call("POST", `/v1/client/sessions/${sessionId}/tokens`, {});
    expect(await errorOf(refused)).toMatchObject({ status: 422, code: "session_token_too_large" });
    expect((await clerkApiError(local.backend.sessions.getToken(sessionId, ""))).errors[0]?.code).toBe("session_token_too_large");
  });

  it("refuses a template whose claims alone pass the limit, or that has a malformed shortcode", async () => {
    for (const [claims, key] of [
      [{ padding: "y".repeat(1300) }, "session_token_claims"],
      [{ role: "{{user.public_metadata.role" }, "session_token_claims.role"],
    ] as const) {
      const response = await local.clerk.request("/__clerk_local/instance", {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ session_token_claims: claims }),
      });
      expect(await errorOf(response)).toMatchObject({ status: 422, param: key });
    }
  });
});

describe("JWT templates", () => {
  const TEMPLATE = { name: "integration", claims: { aud: "https://service.example", role: "{{user.public_metadata.role || 'member'}}" }, lifetime: 120, allowedClockSkew: 10 };

  it("are created, listed, read, updated and deleted through @clerk/backend", async () => {
    const created = await local.backend.jwtTemplates.create(TEMPLATE);
    expect(created).toMatchObject({ name: "integration", lifetime: 120, allowedClockSkew: 10, customSigningKey: false, signingAlgorithm: "RS256" });
    const list = await local.backend.jwtTemplates.list();
    expect(list.totalCount).toBe(1);
    expect(list.data.map((t) => t.id)).toEqual([created.id]);
    expect((await local.backend.jwtTemplates.get(created.id)).claims).toEqual(TEMPLATE.claims);
    const updated = await local.backend.jwtTemplates.update({ templateId: created.id, name: "renamed", claims: { scope: "read" } });
    expect(updated).toMatchObject({ name: "renamed", claims: { scope: "read" }, lifetime: 60, allowedClockSkew: 5 });
    expect(await local.backend.jwtTemplates.delete(created.id)).toMatchObject({ id: created.id, deleted: true });
    expect((await clerkApiError(local.backend.jwtTemplates.get(created.id))).status).toBe(404);
  });

  it("refuse a taken name, Clerk's own claims, a malformed shortcode, a custom signing key and out-of-range numbers, creating nothing", async () => {
    await local.backend.jwtTemplates.create(TEMPLATE);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...TEMPLATE }, "form_identifier_exists", "name"],
      [{ name: "a", claims: { sub: "{{user.id}}" } }, "form_param_value_invalid", "claims"],
      [{ name: "a", claims: { x: "{{user.id" } }, "form_param_value_invalid", "claims"],
      [{ name: "a", claims: {}, customSigningKey: true, signingAlgorithm: "HS256", signingKey: "k" }, "form_param_value_invalid", "custom_signing_key"],
      [{ name: "a", claims: {}, lifetime: 10 }, "form_param_value_invalid", "lifetime"],
      [{ name: "a", claims: {}, allowedClockSkew: 301 }, "form_param_value_invalid", "allowed_clock_skew"],
      [{ name: " ", claims: {} }, "form_param_missing", "name"],
      [{ name: "a" }, "form_param_missing", "claims"],
    ];
    for (const [params, code, param] of cases) {
      const error = await clerkApiError(local.backend.jwtTemplates.create(params as typeof TEMPLATE));
      expect(error.errors[0], JSON.stringify(params)).toMatchObject({ code, meta: { paramName: param } });
    }
    expect((await local.backend.jwtTemplates.list()).totalCount).toBe(1);
  });

  it("mint tokens, for the browser and the Backend API, with the template's claims and lifetime and Clerk's defaults", async () => {
    await local.backend.jwtTemplates.create(TEMPLATE);
    const { browser, sessionId } = await signedIn();
    const jwt = await browserToken(browser, sessionId, "integration");
    const claims = await verifyToken(jwt, { secretKey: TEST_SECRET, apiUrl: local.clerk.url });
    const demo = (await userByEmail(local.clerk, DEMO_USER.email))!;
    expect(claims).toMatchObject({ aud: "https://service.example", role: "member", sub: demo.id, azp: "http://localhost:3000" });
    expect(claims.exp - claims.iat).toBe(120);
    expect(claims.iat - claims.nbf).toBe(10);
    expect(claims).toHaveProperty("jti");
    expect(claims).not.toHaveProperty("sid");
    expect(decodeProtectedHeader(jwt).cat).toBeUndefined();

    const backend = decodeJwt((await local.backend.sessions.getToken(sessionId, "integration", 300)).jwt);
    expect(backend).toMatchObject({ role: "member", sub: demo.id });
    expect(backend.exp! - backend.iat!).toBe(300);

    const unknown = await browser.call("POST", `/v1/client/sessions/${sessionId}/tokens/nope`, {});
    expect(await errorOf(unknown)).toMatchObject({ status: 404, code: "resource_not_found" });
  });
});

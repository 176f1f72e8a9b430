import { verifyToken } from "@clerk/backend";
import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assertSafeToRun, defaultConfig, DEMO_USER } from "./config";
import { APP_ORIGIN, inProcess, jsonOf, type TestBrowser, type TestClerk } from "./testing/harness";

let clerk: TestClerk;

beforeEach(async () => {
  clerk = await inProcess();
});
afterEach(() => clerk.close());

type SignedIn = {
  response: { status: string; created_session_id: string };
  client: { sessions: { id: string; last_active_token: { jwt: string } }[]; updated_at: number };
};

/** The whole sign-in answer (the harness's signIn gives only the session). */
async function passwordSignIn(browser: TestBrowser): Promise<SignedIn> {
  return jsonOf(await browser.call("POST", "/v1/client/sign_ins", { identifier: DEMO_USER.email, strategy: "password", password: DEMO_USER.password }));
}

describe("readiness and safety", () => {
  it("answers readiness at / with the publishable key", async () => {
    const response = await clerk.request("/");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", publishable_key: clerk.services.publishableKey });
  });

  it("refuses production and live keys", () => {
    const config = defaultConfig();
    expect(() => assertSafeToRun({ NODE_ENV: "production" }, config)).toThrow(/NODE_ENV=production/);
    expect(() => assertSafeToRun({ CLERK_SECRET_KEY: "sk_live_abc" }, config)).toThrow(/live Clerk key/);
    expect(() => assertSafeToRun({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_live_abc" }, config)).toThrow(/live/);
    expect(() => assertSafeToRun({}, config)).not.toThrow();
  });

  it("encodes a dev-instance publishable key whose host has a dot", () => {
    const decoded = Buffer.from(clerk.services.publishableKey.replace("pk_test_", ""), "base64").toString();
    expect(decoded).toBe("clerk-local.clerk.accounts.dev$");
  });
});

describe("Backend API", () => {
  it("rejects a missing or wrong secret key with Clerk's 401 envelope", async () => {
    for (const secret of ["", "sk_test_wrong"]) {
      const response = await clerk.bapi("GET", "/v1/users", undefined, { secret });
      expect(response.status).toBe(401);
      const body = (await response.json()) as { errors: { code: string }[] };
      expect(body.errors[0]?.code).toBe("authentication_invalid");
    }
  });

  it("creates, reads, lists, counts, updates and deletes users", async () => {
    const created = await clerk.bapi("POST", "/v1/users", {
      email_address: ["Ada@Example.com"],
      password: "correct-horse",
      first_name: "Ada",
      last_name: "Lovelace",
    });
    expect(created.status).toBe(200);
    expect(created.headers.get("content-type")).toBe("application/json");
    const user = (await created.json()) as { id: string; email_addresses: { email_address: string; linked_to: unknown[] }[] };
    expect(user.email_addresses[0]).toMatchObject({ email_address: "ada@example.com", linked_to: [] });

    expect(((await (await clerk.bapi("GET", `/v1/users/${user.id}`)).json()) as { first_name: string }).first_name).toBe("Ada");
    const listed = (await (await clerk.bapi("GET", "/v1/users?email_address=ada@example.com")).json()) as { id: string }[];
    expect(listed.map((u) => u.id)).toEqual([user.id]);
    expect(await (await clerk.bapi("GET", "/v1/users/count")).json()).toEqual({ object: "total_count", total_count: 2 });

    const updated = await clerk.bapi("PATCH", `/v1/users/${user.id}`, { first_name: "Augusta" });
    expect(((await updated.json()) as { first_name: string }).first_name).toBe("Augusta");

    expect(await (await clerk.bapi("DELETE", `/v1/users/${user.id}`)).json()).toEqual({
      object: "user",
      id: user.id,
      deleted: true,
    });
    const gone = await clerk.bapi("GET", `/v1/users/${user.id}`);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe("resource_not_found");
  });

  it("answers bad input with 4xx, never a crash", async () => {
    expect((await clerk.bapi("POST", "/v1/users", "{not json")).status).toBe(400);
    expect((await clerk.bapi("POST", "/v1/users", "[1,2]")).status).toBe(400);
    const short = await clerk.bapi("POST", "/v1/users", { email_address: ["a@b.co"], password: "short" });
    expect(short.status).toBe(422);
    expect(((await short.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe("form_password_length_too_short");
    const taken = await clerk.bapi("POST", "/v1/users", { email_address: [DEMO_USER.email], password: "long-enough" });
    expect(((await taken.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe("form_identifier_exists");
    expect((await clerk.bapi("GET", "/v1/users?limit=-1")).status).toBe(422);
    expect((await clerk.bapi("POST", "/v1/users", { email_address: [42], password: "long-enough" })).status).toBe(422);
  });

  it("mints session tokens that @clerk/backend verifies with the PEM as jwtKey", async () => {
    const [demo] = (await (await clerk.bapi("GET", `/v1/users?email_address=${DEMO_USER.email}`)).json()) as { id: string }[];
    const session = (await (await clerk.bapi("POST", "/v1/sessions", { user_id: demo!.id })).json()) as { id: string };
    const token = (await (
      await clerk.bapi("POST", `/v1/sessions/${session.id}/tokens`, { expires_in_seconds: 600 })
    ).json()) as { jwt: string };
    const claims = await verifyToken(token.jwt, { jwtKey: clerk.services.keys.publicPem });
    expect(claims).toMatchObject({ sub: demo!.id, sid: session.id, iss: "https://clerk-local.clerk.accounts.dev" });
    expect((claims.exp as number) - (claims.iat as number)).toBe(600);

    const jwks = (await (await clerk.bapi("GET", "/v1/jwks")).json()) as { keys: { kid: string }[] };
    expect(jwks.keys[0]?.kid).toBe(clerk.services.keys.kid);

    await clerk.bapi("POST", `/v1/sessions/${session.id}/revoke`);
    expect((await clerk.bapi("POST", `/v1/sessions/${session.id}/tokens`)).status).toBe(404);
  });
});

describe("Frontend API", () => {
  it("requires a known dev browser", async () => {
    const response = await clerk.request("/v1/client?__clerk_db_jwt=dvb_unknown");
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe("dev_browser_unauthenticated");
  });

  it("serves the environment through the PATCH override clerk-js uses", async () => {
    const browser = await clerk.devBrowser();
    const response = await browser.call("PATCH", "/v1/environment");
    expect(response.status).toBe(200);
    const environment = (await response.json()) as { display_config: { instance_environment_type: string } };
    expect(environment.display_config.instance_environment_type).toBe("development");
    expect(response.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
  });

  it("signs in with email then password, gives tokens, and signs out", async () => {
    const browser = await clerk.devBrowser();
    const started = await browser.call("POST", "/v1/client/sign_ins", { identifier: DEMO_USER.email });
    const signIn = ((await started.json()) as { response: { id: string; status: string } }).response;
    expect(signIn.status).toBe("needs_first_factor");

    const wrong = await browser.call("POST", `/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, {
      strategy: "password",
      password: "not-the-password",
    });
    expect(wrong.status).toBe(422);
    const error = ((await wrong.json()) as { errors: { code: string; message: string; meta: { param_name: string } }[] }).errors[0];
    expect(error).toMatchObject({
      code: "form_password_incorrect",
      message: "Password is incorrect. Try again, or use another method.",
      meta: { param_name: "password" },
    });

    const right = await browser.call("POST", `/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, {
      strategy: "password",
      password: DEMO_USER.password,
    });
    const body = await jsonOf<SignedIn>(right);
    expect(body.response.status).toBe("complete");
    const session = body.client.sessions[0]!;
    expect(session.id).toBe(body.response.created_session_id);
    const lastActive = decodeJwt(session.last_active_token.jwt);
    expect(lastActive).toMatchObject({ sid: session.id, azp: APP_ORIGIN, sts: "active" });
    // @clerk/backend forces a handshake when __client_uat is newer than the token's iat.
    expect(lastActive.iat).toBeGreaterThanOrEqual(Math.floor(body.client.updated_at / 1000));

    const token = await browser.call("POST", `/v1/client/sessions/${session.id}/tokens`, {});
    expect(await token.json()).toMatchObject({ object: "token", jwt: expect.any(String) });

    const out = await browser.call("DELETE", "/v1/client/sessions", {});
    expect(((await out.json()) as { response: { sessions: unknown[] } }).response.sessions).toEqual([]);
    // clerk-js reads a 401 here as "signed out" and clears its state.
    expect((await browser.call("POST", `/v1/client/sessions/${session.id}/tokens`, {})).status).toBe(401);
  });

  it("rejects an unknown email", async () => {
    const browser = await clerk.devBrowser();
    const response = await browser.call("POST", "/v1/client/sign_ins", { identifier: "nobody@example.com" });
    expect(response.status).toBe(422);
    const error = ((await response.json()) as { errors: { code: string; meta: { param_name: string } }[] }).errors[0];
    expect(error).toMatchObject({ code: "form_identifier_not_found", meta: { param_name: "identifier" } });
  });

  it("keeps two dev browsers apart", async () => {
    const first = await clerk.devBrowser();
    const second = await clerk.devBrowser();
    await passwordSignIn(first);
    const other = await jsonOf<{ response: { sessions: unknown[] } }>(await second.call("GET", "/v1/client"));
    expect(other.response.sessions).toEqual([]);
  });

  it("signs out the browser when the Backend API revokes its session", async () => {
    const browser = await clerk.devBrowser();
    const { response } = await passwordSignIn(browser);
    await clerk.bapi("POST", `/v1/sessions/${response.created_session_id}/revoke`);
    const token = await browser.call("POST", `/v1/client/sessions/${response.created_session_id}/tokens`, {});
    expect(token.status).toBe(401);
  });
});

describe("handshake", () => {
  async function handshake(query: string) {
    const response = await clerk.request(`/v1/client/handshake?${query}`);
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    const payload = decodeJwt(location.searchParams.get("__clerk_handshake")!) as { handshake: string[] };
    return { location, cookies: payload.handshake };
  }

  it("creates a dev browser and reports a signed-out browser", async () => {
    const { location, cookies } = await handshake(`redirect_url=${encodeURIComponent(`${APP_ORIGIN}/dashboard`)}`);
    expect(location.origin + location.pathname).toBe(`${APP_ORIGIN}/dashboard`);
    expect(cookies.find((c) => c.startsWith("__clerk_db_jwt="))).toMatch(/^__clerk_db_jwt=dvb_/);
    expect(cookies).toContain("__client_uat=0; Path=/; SameSite=Lax; Max-Age=31536000");
    expect(cookies.some((c) => c.startsWith(`__session_${clerk.services.cookieSuffix}=;`))).toBe(true);
  });

  it("hands a signed-in browser a fresh session token", async () => {
    const browser = await clerk.devBrowser();
    const { response } = await passwordSignIn(browser);
    const { cookies } = await handshake(
      `redirect_url=${encodeURIComponent(`${APP_ORIGIN}/`)}&__clerk_db_jwt=${browser.token}&format=nonce`,
    );
    const session = cookies.find((c) => c.startsWith("__session="))!;
    const jwt = session.split(";")[0]!.split("=")[1]!;
    const claims = await verifyToken(jwt, { jwtKey: clerk.services.keys.publicPem });
    expect(claims.sid).toBe(response.created_session_id);
  });

  it("refuses a redirect that is not http(s)", async () => {
    const response = await clerk.request("/v1/client/handshake?redirect_url=javascript:alert(1)");
    expect(response.status).toBe(400);
  });
});

describe("static bundles", () => {
  it("serves clerk-js and refuses paths that leave dist", async () => {
    const ok = await clerk.request("/npm/@clerk/clerk-js@6/dist/clerk.browser.js");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");
    for (const path of [
      "/npm/@clerk/clerk-js@6/dist/../package.json",
      "/npm/@clerk/clerk-js@6/dist/%2e%2e/package.json",
      "/npm/@clerk/ui@1/dist/..%2fpackage.json",
      "/npm/@clerk/backend@3/dist/index.js",
    ]) {
      expect((await clerk.request(path)).status, path).toBe(404);
    }
  });
});

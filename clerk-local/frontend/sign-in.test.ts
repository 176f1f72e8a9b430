// The sign-in attempt as <SignIn/> drives it, in-process: the forgot-password flow and the JSON
// fields clerk-js and Clerk's FAPI spec expect of a sign-in, a sign-up and the client.
import { verifyToken } from "@clerk/backend";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_USER } from "../config";
import { answerOf, inProcess, jsonOf, WITH_USERNAMES, type TestBrowser, type TestClerk } from "../testing/harness";

const CODE = "424242";

let clerk: TestClerk;

beforeEach(async () => {
  clerk = await inProcess();
});
afterEach(() => clerk.close());

type Factor = { strategy: string; safe_identifier?: string; email_address_id?: string };
type SignInBody = {
  object: string;
  id: string;
  status: string;
  identifier: string;
  supported_identifiers: string[];
  supported_first_factors: Factor[];
  first_factor_verification: Record<string, unknown> | null;
  created_session_id: string | null;
  abandon_at: number;
};
type Envelope = {
  response: SignInBody;
  client: {
    sign_in: SignInBody | null;
    last_authentication_strategy: string | null;
    sessions: { id: string; last_active_token: { jwt: string } }[];
  };
};
type ErrorBody = { errors: { code: string; meta: { param_name?: string } }[] };

/** A form POST as clerk-js sends it, with the answer's status and body. */
async function post(browser: TestBrowser, path: string, form: Record<string, string> = {}) {
  return answerOf<Envelope & ErrorBody>(await browser.call("POST", path, form));
}

async function passwordSignIn(browser: TestBrowser, password: string = DEMO_USER.password) {
  return post(browser, "/v1/client/sign_ins", { identifier: DEMO_USER.email, strategy: "password", password });
}

/** Starts a sign-in and verifies the reset code: the sign-in then waits for a new password. */
async function verifiedReset(browser: TestBrowser): Promise<SignInBody> {
  const started = await post(browser, "/v1/client/sign_ins", { identifier: DEMO_USER.email });
  const reset = started.body.response.supported_first_factors.find((f) => f.strategy === "reset_password_email_code");
  expect(reset).toMatchObject({ safe_identifier: DEMO_USER.email, email_address_id: expect.stringMatching(/^idn_/) });
  const id = started.body.response.id;
  const prepared = await post(browser, `/v1/client/sign_ins/${id}/prepare_first_factor`, {
    strategy: "reset_password_email_code",
    email_address_id: reset!.email_address_id!,
  });
  expect(prepared.body.response.first_factor_verification).toMatchObject({
    object: "verification_otp",
    strategy: "reset_password_email_code",
    status: "unverified",
    expire_at: expect.any(Number),
  });
  const attempted = await post(browser, `/v1/client/sign_ins/${id}/attempt_first_factor`, {
    strategy: "reset_password_email_code",
    code: CODE,
  });
  expect(attempted.status).toBe(200);
  expect(attempted.body.response.status).toBe("needs_new_password");
  // <SignIn/>'s reset-password step reads the sign-in from the client, so it must still be there.
  expect(attempted.body.client.sign_in?.id).toBe(id);
  return attempted.body.response;
}

describe("forgot password", () => {
  it("resets the password with the emailed code, signs in, and ends the user's other sessions", async () => {
    const elsewhere = await clerk.devBrowser();
    const other = await passwordSignIn(elsewhere);
    const otherSession = other.body.client.sessions[0]!.id;

    const browser = await clerk.devBrowser();
    const signIn = await verifiedReset(browser);
    const reset = await post(browser, `/v1/client/sign_ins/${signIn.id}/reset_password`, {
      password: "a-brand-new-password",
      sign_out_of_other_sessions: "true",
    });
    expect(reset.status).toBe(200);
    expect(reset.body.response).toMatchObject({ status: "complete", created_session_id: expect.any(String) });
    expect(reset.body.client.sessions.map((s) => s.id)).toEqual([reset.body.response.created_session_id]);
    expect(reset.body.client.sign_in).toBeNull();

    // The other browser's session is over: its next token call is refused.
    expect((await post(elsewhere, `/v1/client/sessions/${otherSession}/tokens`)).status).toBe(401);
    expect((await passwordSignIn(await clerk.devBrowser())).body.errors[0]?.code).toBe("form_password_incorrect");
    expect((await passwordSignIn(await clerk.devBrowser(), "a-brand-new-password")).status).toBe(200);
  });

  it("keeps the other sessions when not asked to sign them out", async () => {
    const elsewhere = await clerk.devBrowser();
    const otherSession = (await passwordSignIn(elsewhere)).body.client.sessions[0]!.id;
    const browser = await clerk.devBrowser();
    const signIn = await verifiedReset(browser);
    const reset = await post(browser, `/v1/client/sign_ins/${signIn.id}/reset_password`, {
      password: "another-new-password",
      sign_out_of_other_sessions: "false",
    });
    expect(reset.status).toBe(200);
    expect((await post(elsewhere, `/v1/client/sessions/${otherSession}/tokens`)).status).toBe(200);
  });

  it("refuses a wrong code, a weak password, and a reset before the code is verified", async () => {
    const browser = await clerk.devBrowser();
    const started = await post(browser, "/v1/client/sign_ins", { identifier: DEMO_USER.email });
    const id = started.body.response.id;
    const early = await post(browser, `/v1/client/sign_ins/${id}/reset_password`, { password: "a-brand-new-password" });
    expect(early.status).toBe(400);

    await post(browser, `/v1/client/sign_ins/${id}/prepare_first_factor`, { strategy: "reset_password_email_code" });
    const wrong = await post(browser, `/v1/client/sign_ins/${id}/attempt_first_factor`, {
      strategy: "reset_password_email_code",
      code: "000000",
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ code: "form_code_incorrect", meta: { param_name: "code" } });

    const signIn = await verifiedReset(browser);
    const weak = await post(browser, `/v1/client/sign_ins/${signIn.id}/reset_password`, { password: "short" });
    expect(weak.status).toBe(422);
    expect(weak.body.errors[0]).toMatchObject({ code: "form_password_length_too_short", meta: { param_name: "password" } });
    const missing = await post(browser, `/v1/client/sign_ins/${signIn.id}/reset_password`, {});
    expect(missing.body.errors[0]).toMatchObject({ code: "form_param_missing", meta: { param_name: "password" } });
    // Nothing was applied: the old password still works.
    expect((await passwordSignIn(await clerk.devBrowser())).status).toBe(200);
  });

  it("refuses a reset code for an address that is not the user's", async () => {
    const browser = await clerk.devBrowser();
    const started = await post(browser, "/v1/client/sign_ins", { identifier: DEMO_USER.email });
    const prepared = await post(browser, `/v1/client/sign_ins/${started.body.response.id}/prepare_first_factor`, {
      strategy: "reset_password_email_code",
      email_address_id: "idn_someone_else",
    });
    expect(prepared.status).toBe(422);
    expect(prepared.body.errors[0]?.meta.param_name).toBe("email_address_id");
  });
});

describe("sign-in, sign-up and client fields", () => {
  it("answers a sign-in attempt with Clerk's object name, a fixed abandon_at and typed verifications", async () => {
    const browser = await clerk.devBrowser();
    const started = await post(browser, "/v1/client/sign_ins", { identifier: DEMO_USER.email });
    const signIn = started.body.response;
    expect(signIn.object).toBe("sign_in_attempt");
    expect(signIn.abandon_at).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
    expect(signIn).not.toHaveProperty("timezone");
    const again = await browser.call("GET", `/v1/client/sign_ins/${signIn.id}`);
    expect(((await again.json()) as Envelope).response.abandon_at).toBe(signIn.abandon_at);

    const wrong = await post(browser, `/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, {
      strategy: "password",
      password: "wrong-password",
    });
    expect(wrong.status).toBe(422);
    const done = await post(browser, `/v1/client/sign_ins/${signIn.id}/attempt_first_factor`, {
      strategy: "password",
      password: DEMO_USER.password,
    });
    expect(done.body.response.first_factor_verification).toEqual({
      object: "verification_password",
      status: "verified",
      strategy: "password",
      attempts: 2,
      expire_at: null,
    });
    expect(done.body.client.last_authentication_strategy).toBe("password");
  });

  it("records email_code as the client's last authentication strategy", async () => {
    const browser = await clerk.devBrowser();
    const started = await post(browser, "/v1/client/sign_ins", { identifier: DEMO_USER.email });
    const id = started.body.response.id;
    await post(browser, `/v1/client/sign_ins/${id}/prepare_first_factor`, { strategy: "email_code" });
    const done = await post(browser, `/v1/client/sign_ins/${id}/attempt_first_factor`, { strategy: "email_code", code: CODE });
    expect(done.body.response.first_factor_verification).toMatchObject({ object: "verification_otp", status: "verified" });
    expect(done.body.client.last_authentication_strategy).toBe("email_code");
  });

  it("answers a sign-up attempt with Clerk's object name, password_enabled and an OTP verification", async () => {
    const browser = await clerk.devBrowser();
    const created = await browser.call("POST", "/v1/client/sign_ups", { email_address: "new@example.com", password: "a-long-password" });
    const signUp = ((await created.json()) as { response: { id: string; object: string; password_enabled: boolean } }).response;
    expect(signUp).toMatchObject({ object: "sign_up_attempt", password_enabled: true });
    const prepared = await post(browser, `/v1/client/sign_ups/${signUp.id}/prepare_verification`, { strategy: "email_code" });
    const verifications = (prepared.body.response as unknown as { verifications: { email_address: Record<string, unknown> } }).verifications;
    expect(verifications.email_address).toMatchObject({ object: "verification_otp", strategy: "email_code", expire_at: expect.any(Number) });
  });

  it("mints session tokens with Clerk's session category and a first-factor age that @clerk/backend accepts", async () => {
    const signedIn = await passwordSignIn(await clerk.devBrowser());
    const jwt = signedIn.body.client.sessions[0]!.last_active_token.jwt;
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: "RS256", typ: "JWT", cat: "cl_B7d4PD111AAA" });
    expect(decodeJwt(jwt).fva).toEqual([0, -1]);
    const claims = await verifyToken(jwt, { jwtKey: clerk.services.keys.publicPem });
    expect(claims.sid).toBe(signedIn.body.client.sessions[0]!.id);
  });
});

describe("identifiers the instance signs in with", () => {
  it("takes the username where usernames are used to sign in, and says so in supported_identifiers", async () => {
    await clerk.controls.setInstance(WITH_USERNAMES);
    const browser = await clerk.devBrowser();
    const started = await post(browser, "/v1/client/sign_ins", { identifier: DEMO_USER.username.toUpperCase() });
    expect(started.status).toBe(200);
    expect(started.body.response).toMatchObject({ identifier: "DEMO", supported_identifiers: ["email_address", "username"], status: "needs_first_factor" });
    expect(started.body.response.supported_first_factors.map((f) => f.strategy)).toEqual(["password", "email_code", "reset_password_email_code"]);
    const done = await post(browser, `/v1/client/sign_ins/${started.body.response.id}/attempt_first_factor`, { strategy: "password", password: DEMO_USER.password });
    expect(done.body.response.status).toBe("complete");
    // The email address still works beside it; an unknown username is not found.
    expect((await passwordSignIn(await clerk.devBrowser())).status).toBe(200);
    const unknown = await post(await clerk.devBrowser(), "/v1/client/sign_ins", { identifier: "nobody_here" });
    expect([unknown.status, unknown.body.errors[0]?.code]).toEqual([422, "form_identifier_not_found"]);
  });

  it("refuses a username where usernames are not used to sign in, with Clerk's error, starting nothing", async () => {
    const browser = await clerk.devBrowser();
    const refused = await post(browser, "/v1/client/sign_ins", { identifier: DEMO_USER.username, strategy: "password", password: DEMO_USER.password });
    expect([refused.status, refused.body.errors[0]]).toEqual([
      422,
      expect.objectContaining({ code: "form_param_format_invalid", message: "Identifier is invalid.", meta: { param_name: "identifier" } }),
    ]);
    const client = await jsonOf<{ response: { sign_in: unknown; sessions: unknown[] } }>(await browser.call("GET", "/v1/client"));
    expect(client.response).toMatchObject({ sign_in: null, sessions: [] });
  });

  it("refuses an email address where only usernames sign in", async () => {
    await clerk.controls.setInstance({
      user_settings: { attributes: { email_address: { used_for_first_factor: false, first_factors: [] }, username: { enabled: true, used_for_first_factor: true } } },
    });
    const refused = await post(await clerk.devBrowser(), "/v1/client/sign_ins", { identifier: DEMO_USER.email });
    expect(refused.body.errors[0]?.code).toBe("form_param_format_invalid");
    const browser = await clerk.devBrowser();
    const byName = await post(browser, "/v1/client/sign_ins", { identifier: DEMO_USER.username });
    expect(byName.body.response.supported_identifiers).toEqual(["username"]);
    // email_code is no first factor of this instance any more, though the user has an address.
    expect(byName.body.response.supported_first_factors.map((f) => f.strategy)).toEqual(["password", "reset_password_email_code"]);
    const code = await post(browser, `/v1/client/sign_ins/${byName.body.response.id}/prepare_first_factor`, { strategy: "email_code" });
    expect([code.status, code.body.errors[0]?.code]).toEqual([422, "form_param_value_invalid"]);
  });
});

describe("a browser that already has a session (single-session mode)", () => {
  it("gets session_exists for a second sign-in, by password or ticket, and keeps its session", async () => {
    const browser = await clerk.devBrowser();
    const first = await passwordSignIn(browser);
    const sessionId = first.body.client.sessions[0]!.id;
    const again = await passwordSignIn(browser);
    expect([again.status, again.body.errors[0]?.code]).toEqual([400, "session_exists"]);
    // The client comes with it, so a tab that missed the sign-in learns of the session it should use.
    const { meta } = again.body as unknown as { meta: { client: { sessions: { id: string }[]; last_active_session_id: string } } };
    expect(meta.client).toMatchObject({ sessions: [{ id: sessionId }], last_active_session_id: sessionId });
    const { id: userId } = (await jsonOf<{ id: string }[]>(await clerk.bapi("GET", `/v1/users?email_address=${DEMO_USER.email}`)))[0]!;
    const { token } = await jsonOf<{ token: string }>(await clerk.bapi("POST", "/v1/sign_in_tokens", { user_id: userId }));
    const ticket = await post(browser, "/v1/client/sign_ins", { strategy: "ticket", ticket: token });
    expect(ticket.body.errors[0]?.code).toBe("session_exists");
    const client = await jsonOf<{ response: { sessions: { id: string }[]; last_active_session_id: string } }>(await browser.call("GET", "/v1/client"));
    expect(client.response).toMatchObject({ sessions: [{ id: sessionId }], last_active_session_id: sessionId });
  });

  it("signs in again once signed out", async () => {
    const browser = await clerk.devBrowser();
    const first = await passwordSignIn(browser);
    await post(browser, `/v1/client/sessions/${first.body.client.sessions[0]!.id}/end`);
    expect((await passwordSignIn(browser)).status).toBe(200);
  });
});

describe("reset password under the instance's password rules", () => {
  it("refuses a new password that breaks them, listing each rule, and keeps the old password", async () => {
    await clerk.controls.setInstance({ user_settings: { password_settings: { require_uppercase: true, require_special_char: true } } });
    const browser = await clerk.devBrowser();
    const signIn = await verifiedReset(browser);
    const weak = await post(browser, `/v1/client/sign_ins/${signIn.id}/reset_password`, { password: "lowercase123" });
    expect(weak.body.errors.map((e) => e.code)).toEqual(["form_password_no_uppercase", "form_password_no_special_char"]);
    expect((await passwordSignIn(await clerk.devBrowser())).status).toBe(200);
    const strong = await post(browser, `/v1/client/sign_ins/${signIn.id}/reset_password`, { password: "Uppercase-123" });
    expect(strong.body.response.status).toBe("complete");
  });
});

// Sign-up as the instance's settings make it, driven the way <SignUp/> drives it: the fields it
// requires and offers, usernames and their rules, an instance with email off, required names, the
// password rules, verification at sign-up, and what the new user keeps from the sign-up.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_USER } from "../config";
import type { InstanceInput } from "../settings/instance";
import { answerOf, inProcess, jsonOf, responseOf, WITH_USERNAMES, type ClerkErrorBody, type TestBrowser, type TestClerk } from "../testing/harness";

const CODE = "424242";

type SignUpJSON = {
  id: string;
  status: string;
  required_fields: string[];
  optional_fields: string[];
  missing_fields: string[];
  unverified_fields: string[];
  username: string | null;
  email_address: string | null;
  unsafe_metadata: Record<string, unknown>;
  locale: string | null;
  created_user_id: string | null;
  created_session_id: string | null;
};
type Envelope = { response: SignUpJSON; client: { sign_up: SignUpJSON | null; sessions: { id: string }[] } };
type UserJSON = {
  id: string;
  username: string | null;
  first_name: string | null;
  email_addresses: { email_address: string; verification: { status: string } | null }[];
  primary_email_address_id: string | null;
  unsafe_metadata: Record<string, unknown>;
  locale: string | null;
};

const EMAIL_OFF: InstanceInput = {
  user_settings: {
    attributes: {
      email_address: { enabled: false, required: false, used_for_first_factor: false, first_factors: [], verifications: [], verify_at_sign_up: false },
      username: { enabled: true, required: true, used_for_first_factor: true },
    },
  },
};
const REQUIRED_NAMES: InstanceInput = { user_settings: { attributes: { first_name: { required: true }, last_name: { required: true } } } };
const STRICT_PASSWORDS: InstanceInput = { user_settings: { password_settings: { min_length: 12, require_numbers: true, require_uppercase: true } } };

let clerk: TestClerk;
let browser: TestBrowser;

beforeEach(async () => {
  clerk = await inProcess();
  browser = await clerk.devBrowser();
});
afterEach(() => clerk.close());

async function call(method: string, path: string, form: Record<string, string> = {}) {
  return answerOf<Envelope & ClerkErrorBody>(await browser.call(method, path, form));
}
const create = (form: Record<string, string>) => call("POST", "/v1/client/sign_ups", form);
const update = (id: string, form: Record<string, string>) => call("PATCH", `/v1/client/sign_ups/${id}`, form);

/** Sends and enters the email code, as <SignUp/>'s verification step does. */
async function verifyEmail(id: string) {
  expect((await call("POST", `/v1/client/sign_ups/${id}/prepare_verification`, { strategy: "email_code" })).status).toBe(200);
  return call("POST", `/v1/client/sign_ups/${id}/attempt_verification`, { strategy: "email_code", code: CODE });
}

const user = async (id: string) => jsonOf<UserJSON>(await clerk.bapi("GET", `/v1/users/${id}`));
const userCount = async () => (await jsonOf<{ total_count: number }>(await clerk.bapi("GET", "/v1/users/count"))).total_count;
const codesOf = (body: ClerkErrorBody) => body.errors.map((error) => [error.code, error.meta.param_name]);

describe("the fields an instance asks for", () => {
  it("on the default instance: email and password required, names optional, complete once the code is in", async () => {
    const started = await create({ email_address: "grace@example.com", password: "a-long-enough-password", first_name: "", last_name: "" });
    expect(started.body.response).toMatchObject({
      status: "missing_requirements",
      required_fields: ["email_address", "password"],
      optional_fields: ["first_name", "last_name"],
      missing_fields: [],
      unverified_fields: ["email_address"],
      created_user_id: null,
    });
    const done = await verifyEmail(started.body.response.id);
    expect(done.body.response).toMatchObject({ status: "complete", missing_fields: [], unverified_fields: [] });
    expect(done.body.client.sessions.map((session) => session.id)).toEqual([done.body.response.created_session_id]);
  });

  it("with usernames on and optional: a username is kept, left blank it is not asked for", async () => {
    await clerk.controls.setInstance(WITH_USERNAMES);
    const blank = await create({ email_address: "blank@example.com", username: "", password: "a-long-enough-password" });
    expect(blank.body.response).toMatchObject({ optional_fields: ["username", "first_name", "last_name"], missing_fields: [], username: null });

    const named = await create({ email_address: "ada@example.com", username: "ada_lovelace", password: "a-long-enough-password" });
    const done = await verifyEmail(named.body.response.id);
    expect(await user(done.body.response.created_user_id!)).toMatchObject({ username: "ada_lovelace" });
  });

  it("lists every identifier turned on as missing when none is required and none is given", async () => {
    await clerk.controls.setInstance({ user_settings: { attributes: { email_address: { required: false }, username: { enabled: true, used_for_first_factor: true } } } });
    const started = await create({ password: "a-long-enough-password" });
    expect(started.body.response).toMatchObject({ status: "missing_requirements", required_fields: ["password"], missing_fields: ["email_address", "username"] });
    const named = await update(started.body.response.id, { username: "no_email_given" });
    expect(named.body.response).toMatchObject({ status: "complete", missing_fields: [] });
  });
});

describe("usernames", () => {
  beforeEach(() => clerk.controls.setInstance(WITH_USERNAMES));

  it("refuses what Clerk's rules refuse, with Clerk's codes, starting no sign-up", async () => {
    const cases: [string, string][] = [
      ["ada", "form_username_invalid_length"],
      ["ada lovelace", "form_username_invalid_character"],
      ["123456", "form_username_needs_non_number_char"],
      [DEMO_USER.username.toUpperCase(), "form_identifier_exists"],
    ];
    for (const [username, code] of cases) {
      const refused = await create({ email_address: "new@example.com", username, password: "a-long-enough-password" });
      expect([refused.status, codesOf(refused.body)], username).toEqual([422, [[code, "username"]]]);
    }
    expect((await jsonOf<{ response: { sign_up: unknown } }>(await browser.call("GET", "/v1/client"))).response.sign_up).toBeNull();
  });

  it("follows username_settings changed live", async () => {
    await clerk.controls.setInstance({ ...WITH_USERNAMES, user_settings: { ...WITH_USERNAMES.user_settings, username_settings: { min_length: 3, allow_numeric_usernames: true } } });
    expect((await create({ email_address: "a@example.com", username: "ada", password: "a-long-enough-password" })).status).toBe(200);
    expect((await create({ email_address: "b@example.com", username: "123456", password: "a-long-enough-password" })).status).toBe(200);
  });

  it("refuses a username taken between the form and the code, creating no user", async () => {
    const started = await create({ email_address: "late@example.com", username: "first_come", password: "a-long-enough-password" });
    await jsonOf(await clerk.bapi("POST", "/v1/users", { email_address: ["other@example.com"], username: "first_come", password: "a-long-enough-password" }));
    const before = await userCount();
    await call("POST", `/v1/client/sign_ups/${started.body.response.id}/prepare_verification`, { strategy: "email_code" });
    const attempt = await call("POST", `/v1/client/sign_ups/${started.body.response.id}/attempt_verification`, { strategy: "email_code", code: CODE });
    expect([attempt.status, codesOf(attempt.body)]).toEqual([422, [["form_identifier_exists", "username"]]]);
    expect(await userCount()).toBe(before);
  });

  it("refuses a username where the instance has usernames off", async () => {
    await clerk.controls.setInstance({});
    const refused = await create({ email_address: "new@example.com", username: "ada_lovelace", password: "a-long-enough-password" });
    expect([refused.status, codesOf(refused.body)]).toEqual([422, [["form_param_unknown", "username"]]]);
  });
});

describe("an instance with email off", () => {
  beforeEach(() => clerk.controls.setInstance(EMAIL_OFF));

  it("signs up with a username and a password alone, at once, and the user has no address", async () => {
    const before = await userCount();
    const done = await create({ username: "no_address", password: "a-long-enough-password" });
    expect(done.body.response).toMatchObject({ status: "complete", required_fields: ["username", "password"], missing_fields: [] });
    expect(done.body.client.sessions).toHaveLength(1);
    expect(await user(done.body.response.created_user_id!)).toMatchObject({ username: "no_address", email_addresses: [], primary_email_address_id: null });
    expect(await userCount()).toBe(before + 1);
  });

  it("asks for the username it requires and refuses an email address", async () => {
    expect((await create({ password: "a-long-enough-password" })).body.response.missing_fields).toEqual(["username"]);
    const refused = await create({ email_address: "ada@example.com", username: "ada_lovelace", password: "a-long-enough-password" });
    expect([refused.status, codesOf(refused.body)]).toEqual([422, [["form_param_unknown", "email_address"]]]);
  });
});

describe("required names", () => {
  beforeEach(() => clerk.controls.setInstance(REQUIRED_NAMES));

  it("stay missing after the code, with no user, until they are given", async () => {
    const started = await create({ email_address: "names@example.com", password: "a-long-enough-password" });
    expect(started.body.response).toMatchObject({ required_fields: ["email_address", "first_name", "last_name", "password"], missing_fields: ["first_name", "last_name"] });
    const verified = await verifyEmail(started.body.response.id);
    expect(verified.body.response).toMatchObject({ status: "missing_requirements", missing_fields: ["first_name", "last_name"], unverified_fields: [], created_user_id: null });
    expect(verified.body.client.sessions).toEqual([]);

    const blank = await update(started.body.response.id, { first_name: "  ", last_name: "Hopper" });
    expect(blank.body.response).toMatchObject({ status: "missing_requirements", missing_fields: ["first_name"] });
    const done = await update(started.body.response.id, { first_name: "Grace" });
    expect(done.body.response.status).toBe("complete");
    expect(await user(done.body.response.created_user_id!)).toMatchObject({ first_name: "Grace" });
  });
});

describe("password rules", () => {
  it("refuses a password that breaks the instance's rules, listing each, and starts no sign-up", async () => {
    await clerk.controls.setInstance(STRICT_PASSWORDS);
    const weak = await create({ email_address: "weak@example.com", password: "all-lowercase" });
    expect([weak.status, codesOf(weak.body)]).toEqual([
      422,
      [
        ["form_password_no_uppercase", "password"],
        ["form_password_no_number", "password"],
      ],
    ]);
    const short = await create({ email_address: "weak@example.com", password: "Short-1" });
    expect(codesOf(short.body)).toEqual([["form_password_length_too_short", "password"]]);
    expect((await jsonOf<{ response: { sign_up: unknown } }>(await browser.call("GET", "/v1/client"))).response.sign_up).toBeNull();
    expect((await create({ email_address: "strong@example.com", password: "Strong-enough-1" })).status).toBe(200);
  });
});

describe("what the user keeps from the sign-up", () => {
  it("keeps unsafe_metadata and the locale <SignUp/> and clerk-js send", async () => {
    const started = await create({
      email_address: "meta@example.com",
      password: "a-long-enough-password",
      unsafe_metadata: JSON.stringify({ plan: "pro", onboarding: { step: 2 } }),
      locale: "fr-FR",
    });
    expect(started.body.response).toMatchObject({ unsafe_metadata: { plan: "pro", onboarding: { step: 2 } }, locale: "fr-FR" });
    const done = await verifyEmail(started.body.response.id);
    expect(await user(done.body.response.created_user_id!)).toMatchObject({ unsafe_metadata: { plan: "pro", onboarding: { step: 2 } }, locale: "fr-FR" });
    const me = await responseOf<UserJSON>(await browser.call("GET", "/v1/me"));
    expect(me.unsafe_metadata).toEqual({ plan: "pro", onboarding: { step: 2 } });
  });

  it("refuses unsafe_metadata that is not a JSON object", async () => {
    for (const value of ["[1,2]", "not json", JSON.stringify({ big: "x".repeat(9000) })]) {
      const refused = await create({ email_address: "meta@example.com", password: "a-long-enough-password", unsafe_metadata: value });
      expect([refused.status, codesOf(refused.body)]).toEqual([422, [["form_param_format_invalid", "unsafe_metadata"]]]);
    }
  });
});

describe("verify_at_sign_up", () => {
  it("off: the sign-up completes without a code and the address stays unverified", async () => {
    await clerk.controls.setInstance({ user_settings: { attributes: { email_address: { verify_at_sign_up: false } } } });
    const done = await create({ email_address: "later@example.com", password: "a-long-enough-password" });
    expect(done.body.response).toMatchObject({ status: "complete", unverified_fields: [] });
    const made = await user(done.body.response.created_user_id!);
    expect(made.email_addresses).toEqual([expect.objectContaining({ email_address: "later@example.com", verification: null })]);
  });
});

describe("the email code", () => {
  afterEach(() => vi.useRealTimers());

  it("is refused with verification_expired once its ten minutes are up, and no user is made", async () => {
    const started = await create({ email_address: "slow@example.com", password: "a-long-enough-password" });
    const id = started.body.response.id;
    expect((await call("POST", `/v1/client/sign_ups/${id}/prepare_verification`, { strategy: "email_code" })).status).toBe(200);
    const before = await userCount();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10 * 60 * 1000 + 1000);
    const late = await call("POST", `/v1/client/sign_ups/${id}/attempt_verification`, { strategy: "email_code", code: CODE });
    expect([late.status, codesOf(late.body)]).toEqual([422, [["verification_expired", "code"]]]);
    expect(late.body.errors[0]?.long_message).toBe("This verification has expired. You need to send a new code.");
    expect(await userCount()).toBe(before);
    // A new code works again.
    const again = await verifyEmail(id);
    expect(again.body.response.status).toBe("complete");
  });

  it("is refused once it has verified the address", async () => {
    await clerk.controls.setInstance(REQUIRED_NAMES);
    const started = await create({ email_address: "twice@example.com", password: "a-long-enough-password" });
    expect((await verifyEmail(started.body.response.id)).body.response.unverified_fields).toEqual([]);
    const again = await call("POST", `/v1/client/sign_ups/${started.body.response.id}/attempt_verification`, { strategy: "email_code", code: CODE });
    expect([again.status, codesOf(again.body)]).toEqual([422, [["verification_already_verified", "code"]]]);
  });
});

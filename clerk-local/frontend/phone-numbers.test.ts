// Phone numbers on an instance that has them, as a development instance takes them (Clerk's test numbers,
// +1 XXX 555-0100 to 0199, and the code 424242): sign-up and sign-in by SMS code, phone and password,
// "Manage account"'s phone numbers, and the Backend API's.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_USER } from "../config";
import { answerOf, errorOf, inProcess, jsonOf, responseOf, signIn, WITH_PHONES, type ClerkErrorBody, type TestBrowser, type TestClerk } from "../testing/harness";

const CODE = "424242";
const PHONE = "+15555550100";
const OTHER_PHONE = "+15555550123";

type PhoneJSON = { id: string; object: string; phone_number: string; verification: { status: string; strategy: string } | null };
type UserJSON = { id: string; phone_numbers: PhoneJSON[]; primary_phone_number_id: string | null; email_addresses: unknown[] };
type Factor = { strategy: string; safe_identifier?: string; phone_number_id?: string };
type Envelope<T> = { response: T; client: { sessions: { id: string }[] } };
type SignUpJSON = { id: string; status: string; missing_fields: string[]; unverified_fields: string[]; phone_number: string | null; created_user_id: string | null };
type SignInJSON = { id: string; status: string; supported_identifiers: string[]; supported_first_factors: Factor[] };

let clerk: TestClerk;
let browser: TestBrowser;

beforeEach(async () => {
  clerk = await inProcess();
  await clerk.controls.setInstance(WITH_PHONES);
  browser = await clerk.devBrowser();
});
afterEach(() => clerk.close());

const post = async <T>(path: string, form: Record<string, string> = {}, on = browser) => answerOf<Envelope<T> & ClerkErrorBody>(await on.call("POST", path, form));
const userById = async (id: string) => jsonOf<UserJSON>(await clerk.bapi("GET", `/v1/users/${id}`));
const codesOf = (body: ClerkErrorBody) => body.errors.map((error) => [error.code, error.meta.param_name]);

async function phoneUser(phoneNumber = PHONE, password = "a-long-enough-password"): Promise<UserJSON> {
  return jsonOf<UserJSON>(await clerk.bapi("POST", "/v1/users", { phone_number: [phoneNumber], password }));
}

describe("sign-up with a phone number", () => {
  it("waits for the SMS code, then makes a user whose verified number is primary", async () => {
    const started = await post<SignUpJSON>("/v1/client/sign_ups", { phone_number: "+1 (555) 555-0100", password: "a-long-enough-password" });
    expect(started.body.response).toMatchObject({ status: "missing_requirements", phone_number: PHONE, missing_fields: [], unverified_fields: ["phone_number"] });
    const id = started.body.response.id;
    expect((await post<SignUpJSON>(`/v1/client/sign_ups/${id}/prepare_verification`, { strategy: "phone_code" })).status).toBe(200);
    const wrong = await post<SignUpJSON>(`/v1/client/sign_ups/${id}/attempt_verification`, { strategy: "phone_code", code: "000000" });
    expect(codesOf(wrong.body)).toEqual([["form_code_incorrect", "code"]]);
    const done = await post<SignUpJSON>(`/v1/client/sign_ups/${id}/attempt_verification`, { strategy: "phone_code", code: CODE });
    expect(done.body.response.status).toBe("complete");
    const user = await userById(done.body.response.created_user_id!);
    expect(user.email_addresses).toEqual([]);
    expect(user.phone_numbers).toEqual([expect.objectContaining({ phone_number: PHONE, verification: expect.objectContaining({ status: "verified", strategy: "phone_code" }) })]);
    expect(user.primary_phone_number_id).toBe(user.phone_numbers[0]!.id);
  });

  it("refuses a malformed number, a taken one, and one no SMS code can reach here", async () => {
    await phoneUser();
    const cases: [string, string][] = [
      ["555-0100", "form_param_format_invalid"],
      [PHONE, "form_identifier_exists"],
      ["+442079460000", "form_param_value_invalid"],
    ];
    for (const [phoneNumber, code] of cases) {
      const refused = await post("/v1/client/sign_ups", { phone_number: phoneNumber, password: "a-long-enough-password" });
      expect([refused.status, codesOf(refused.body)], phoneNumber).toEqual([422, [[code, "phone_number"]]]);
    }
  });

  it("refuses a phone number where the instance has them off", async () => {
    await clerk.controls.setInstance({});
    const refused = await post("/v1/client/sign_ups", { email_address: "a@example.com", phone_number: PHONE, password: "a-long-enough-password" });
    expect(codesOf(refused.body)).toEqual([["form_param_unknown", "phone_number"]]);
  });
});

describe("sign-in with a phone number", () => {
  it("signs in with the SMS code sent to the number", async () => {
    const user = await phoneUser();
    const started = await post<SignInJSON>("/v1/client/sign_ins", { identifier: PHONE });
    expect(started.body.response.supported_identifiers).toEqual(["email_address", "phone_number"]);
    const factor = started.body.response.supported_first_factors.find((f) => f.strategy === "phone_code");
    expect(factor).toEqual({ strategy: "phone_code", safe_identifier: PHONE, phone_number_id: user.phone_numbers[0]!.id, primary: true });
    expect(started.body.response.supported_first_factors.map((f) => f.strategy)).toEqual(["password", "phone_code", "reset_password_phone_code"]);
    const id = started.body.response.id;
    await post(`/v1/client/sign_ins/${id}/prepare_first_factor`, { strategy: "phone_code", phone_number_id: factor!.phone_number_id! });
    const done = await post<SignInJSON>(`/v1/client/sign_ins/${id}/attempt_first_factor`, { strategy: "phone_code", code: CODE });
    expect(done.body.response.status).toBe("complete");
    expect(done.body.client.sessions).toHaveLength(1);
  });

  it("signs in with the number and a password, in one call as @clerk/testing does", async () => {
    await phoneUser(OTHER_PHONE);
    const done = await post<SignInJSON>("/v1/client/sign_ins", { identifier: OTHER_PHONE, strategy: "password", password: "a-long-enough-password" });
    expect(done.body.response.status).toBe("complete");
  });

  it("does not find an unverified number, and sends no code to a number Clerk's tests cannot receive", async () => {
    const user = await phoneUser("+442079460000");
    const { id: unverified } = await jsonOf<PhoneJSON>(await clerk.bapi("POST", "/v1/phone_numbers", { user_id: user.id, phone_number: OTHER_PHONE, verified: false }));
    expect(unverified).toMatch(/^idn_/);
    expect((await post("/v1/client/sign_ins", { identifier: OTHER_PHONE })).body.errors[0]?.code).toBe("form_identifier_not_found");
    const started = await post<SignInJSON>("/v1/client/sign_ins", { identifier: "+44 20 7946 0000" });
    const prepared = await post(`/v1/client/sign_ins/${started.body.response.id}/prepare_first_factor`, { strategy: "phone_code" });
    expect(codesOf(prepared.body)).toEqual([["form_param_value_invalid", "phone_number_id"]]);
  });
});

describe("phone numbers in Manage account", () => {
  it("adds a number, verifies it with the code (it becomes primary), adds another, makes it primary, removes the first", async () => {
    await signIn(browser, DEMO_USER.email, DEMO_USER.password);
    const first = await responseOf<PhoneJSON>(await browser.call("POST", "/v1/me/phone_numbers/", { phone_number: PHONE }));
    expect(first).toMatchObject({ object: "phone_number", phone_number: PHONE, verification: null });
    await responseOf(await browser.call("POST", `/v1/me/phone_numbers/${first.id}/prepare_verification`, { strategy: "phone_code" }));
    const verified = await responseOf<PhoneJSON>(await browser.call("POST", `/v1/me/phone_numbers/${first.id}/attempt_verification`, { code: CODE }));
    expect(verified.verification?.status).toBe("verified");
    const me = async () => responseOf<UserJSON>(await browser.call("GET", "/v1/me"));
    expect((await me()).primary_phone_number_id).toBe(first.id);

    const second = await responseOf<PhoneJSON>(await browser.call("POST", "/v1/me/phone_numbers/", { phone_number: OTHER_PHONE }));
    expect(await errorOf(await browser.call("PATCH", "/v1/me", { primary_phone_number_id: second.id }))).toMatchObject({ code: "form_param_value_invalid" });
    await responseOf(await browser.call("POST", `/v1/me/phone_numbers/${second.id}/prepare_verification`, { strategy: "phone_code" }));
    await responseOf(await browser.call("POST", `/v1/me/phone_numbers/${second.id}/attempt_verification`, { code: CODE }));
    expect((await responseOf<UserJSON>(await browser.call("PATCH", "/v1/me", { primary_phone_number_id: second.id }))).primary_phone_number_id).toBe(second.id);
    expect((await browser.call("DELETE", `/v1/me/phone_numbers/${first.id}`)).status).toBe(200);
    expect((await me()).phone_numbers.map((p) => p.phone_number)).toEqual([OTHER_PHONE]);
    expect((await jsonOf<PhoneJSON[]>(await browser.call("GET", "/v1/me/phone_numbers"))).map((p) => p.id)).toEqual([second.id]);
  });

  it("refuses a taken number, a wrong code and a number no code can reach", async () => {
    await phoneUser();
    await signIn(browser, DEMO_USER.email, DEMO_USER.password);
    expect(await errorOf(await browser.call("POST", "/v1/me/phone_numbers/", { phone_number: PHONE }))).toEqual({ status: 422, code: "form_identifier_exists", param: "phone_number" });
    const added = await responseOf<PhoneJSON>(await browser.call("POST", "/v1/me/phone_numbers/", { phone_number: OTHER_PHONE }));
    await responseOf(await browser.call("POST", `/v1/me/phone_numbers/${added.id}/prepare_verification`, { strategy: "phone_code" }));
    expect(await errorOf(await browser.call("POST", `/v1/me/phone_numbers/${added.id}/attempt_verification`, { code: "111111" }))).toMatchObject({ code: "form_code_incorrect" });
    const far = await responseOf<PhoneJSON>(await browser.call("POST", "/v1/me/phone_numbers/", { phone_number: "+442079460000" }));
    expect(await errorOf(await browser.call("POST", `/v1/me/phone_numbers/${far.id}/prepare_verification`, { strategy: "phone_code" }))).toMatchObject({ code: "form_param_value_invalid" });
    const { id } = (await jsonOf<UserJSON[]>(await clerk.bapi("GET", `/v1/users?email_address=${DEMO_USER.email}`)))[0]!;
    expect((await userById(id)).primary_phone_number_id).toBeNull();
  });
});

describe("phone numbers through the Backend API", () => {
  it("creates users with phone_number, lists them by number, and manages /v1/phone_numbers", async () => {
    const user = await phoneUser("+1 555 555 0199");
    expect(user.phone_numbers).toEqual([expect.objectContaining({ phone_number: "+15555550199", verification: expect.objectContaining({ status: "verified", strategy: "admin" }) })]);
    const listed = await jsonOf<UserJSON[]>(await clerk.bapi("GET", "/v1/users?phone_number=%2B15555550199"));
    expect(listed.map((u) => u.id)).toEqual([user.id]);
    const taken = await clerk.bapi("POST", "/v1/users", { phone_number: ["+15555550199"], password: "a-long-enough-password" });
    expect(await errorOf(taken)).toMatchObject({ code: "form_identifier_exists", param: "phone_number" });

    const added = await jsonOf<PhoneJSON>(await clerk.bapi("POST", "/v1/phone_numbers", { user_id: user.id, phone_number: PHONE, verified: true, primary: true }));
    expect((await userById(user.id)).primary_phone_number_id).toBe(added.id);
    expect((await jsonOf<PhoneJSON>(await clerk.bapi("GET", `/v1/phone_numbers/${added.id}`))).phone_number).toBe(PHONE);
    expect(await errorOf(await clerk.bapi("PATCH", `/v1/phone_numbers/${added.id}`, { verified: false }))).toMatchObject({ code: "form_param_value_invalid", param: "verified" });
    expect(await errorOf(await clerk.bapi("DELETE", `/v1/phone_numbers/${added.id}`))).toMatchObject({ code: "identification_deletion_failed" });
    await jsonOf(await clerk.bapi("PATCH", `/v1/users/${user.id}`, { primary_phone_number_id: user.phone_numbers[0]!.id }));
    expect((await jsonOf<{ deleted: boolean }>(await clerk.bapi("DELETE", `/v1/phone_numbers/${added.id}`))).deleted).toBe(true);
    expect(await errorOf(await clerk.bapi("POST", "/v1/phone_numbers", { user_id: user.id, phone_number: OTHER_PHONE, reserved_for_second_factor: true }))).toMatchObject({
      code: "form_param_value_invalid",
      param: "reserved_for_second_factor",
    });
  });

  it("refuses phone numbers where the instance has them off, and requires one where it requires it", async () => {
    await clerk.controls.setInstance({});
    expect(await errorOf(await clerk.bapi("POST", "/v1/users", { email_address: ["a@example.com"], phone_number: [PHONE], password: "long-enough-1" }))).toMatchObject({
      code: "form_param_unknown",
      param: "phone_number",
    });
    const required = { enabled: true, required: true, used_for_first_factor: true, first_factors: ["phone_code"], verifications: ["phone_code"], verify_at_sign_up: true };
    await clerk.controls.setInstance({ user_settings: { attributes: { phone_number: required } } });
    expect(await errorOf(await clerk.bapi("POST", "/v1/users", { email_address: ["a@example.com"], password: "long-enough-1" }))).toMatchObject({
      code: "form_param_missing",
      param: "phone_number",
    });
  });
});

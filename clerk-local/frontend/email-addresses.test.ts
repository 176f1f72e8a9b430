import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_USER } from "../config";
import { errorOf, inProcess, responseOf, signIn, type TestBrowser, type TestClerk } from "../testing/harness";

type EmailJSON = {
  id: string;
  email_address: string;
  verification: { object: string; status: string; strategy: string; attempts: number | null; expire_at: number | null } | null;
};
type UserJSON = { primary_email_address_id: string; email_addresses: EmailJSON[] };

let clerk: TestClerk;
let browser: TestBrowser;

beforeEach(async () => {
  clerk = await inProcess();
  browser = await clerk.devBrowser();
  await signIn(browser);
});
afterEach(() => clerk.close());

/** The signed-in user, as "Manage account" reads it. */
const demo = async () => responseOf<UserJSON & { first_name: string | null }>(await browser.call("GET", "/v1/me"));
/** Whether `address` finds an account when someone starts signing in with it. */
const identifiesSomeone = async (address: string) =>
  (await (await clerk.devBrowser()).call("POST", "/v1/client/sign_ins", { identifier: address })).status === 200;

async function addAddress(address: string): Promise<EmailJSON> {
  return responseOf<EmailJSON>(await browser.call("POST", "/v1/me/email_addresses", { email_address: address }));
}

async function addVerified(address: string): Promise<EmailJSON> {
  const added = await addAddress(address);
  await responseOf(await browser.call("POST", `/v1/me/email_addresses/${added.id}/prepare_verification`, { strategy: "email_code" }));
  return responseOf<EmailJSON>(await browser.call("POST", `/v1/me/email_addresses/${added.id}/attempt_verification`, { code: "424242" }));
}

describe("adding and verifying an email address", () => {
  it("adds an unverified address, verifies it with the code, and lists it", async () => {
    const added = await addAddress("Second@Example.com");
    expect(added).toMatchObject({ email_address: "second@example.com", verification: null });
    expect(await identifiesSomeone("second@example.com")).toBe(false);

    const prepared = await responseOf<EmailJSON>(
      await browser.call("POST", `/v1/me/email_addresses/${added.id}/prepare_verification`, { strategy: "email_code" }),
    );
    expect(prepared.verification).toMatchObject({ object: "verification_otp", status: "unverified", strategy: "email_code", attempts: 0 });
    expect(prepared.verification?.expire_at).toBeGreaterThan(Date.now());

    const wrong = await browser.call("POST", `/v1/me/email_addresses/${added.id}/attempt_verification`, { code: "000000" });
    expect(await errorOf(wrong)).toEqual({ status: 422, code: "form_code_incorrect", param: "code" });

    const verified = await responseOf<EmailJSON>(
      await browser.call("POST", `/v1/me/email_addresses/${added.id}/attempt_verification`, { code: "424242" }),
    );
    expect(verified.verification).toMatchObject({ object: "verification_otp", status: "verified", strategy: "email_code", attempts: 2 });
    expect(typeof verified.verification?.expire_at).toBe("number");
    expect(await identifiesSomeone("second@example.com")).toBe(true);
    expect(await signIn(await clerk.devBrowser(), "second@example.com")).toMatch(/^sess_/);

    const list = await browser.call("GET", "/v1/me/email_addresses");
    const addresses = (await list.json()) as EmailJSON[];
    expect(Array.isArray(addresses)).toBe(true);
    expect(addresses.map((email) => email.email_address)).toEqual([DEMO_USER.email, "second@example.com"]);
    const one = await responseOf<EmailJSON>(await browser.call("GET", `/v1/me/email_addresses/${added.id}`));
    expect(one.id).toBe(added.id);
  });

  it("takes the path clerk-js builds, with a trailing slash", async () => {
    const response = await browser.call("POST", "/v1/me/email_addresses/", { email_address: "slash@example.com" });
    expect((await responseOf<EmailJSON>(response)).email_address).toBe("slash@example.com");
  });

  it("refuses a malformed, missing or taken address and adds nothing", async () => {
    const before = (await demo()).email_addresses.length;
    expect(await errorOf(await browser.call("POST", "/v1/me/email_addresses", { email_address: "not-an-email" }))).toEqual({
      status: 422,
      code: "form_param_format_invalid",
      param: "email_address",
    });
    expect(await errorOf(await browser.call("POST", "/v1/me/email_addresses", {}))).toMatchObject({ status: 422, code: "form_param_missing" });
    expect(await errorOf(await browser.call("POST", "/v1/me/email_addresses", { email_address: DEMO_USER.email }))).toEqual({
      status: 422,
      code: "form_identifier_exists",
      param: "email_address",
    });
    expect((await demo()).email_addresses).toHaveLength(before);
  });

  it("refuses to verify before a code was sent, or with another strategy", async () => {
    const added = await addAddress("third@example.com");
    const early = await browser.call("POST", `/v1/me/email_addresses/${added.id}/attempt_verification`, { code: "424242" });
    expect(await errorOf(early)).toMatchObject({ status: 422, code: "verification_not_sent" });
    const link = await browser.call("POST", `/v1/me/email_addresses/${added.id}/prepare_verification`, { strategy: "phone_code" });
    expect(await errorOf(link)).toMatchObject({ status: 422, code: "form_param_value_invalid", param: "strategy" });
    expect((await demo()).email_addresses.find((email) => email.id === added.id)?.verification).toBeNull();
  });

  it("answers 404 for an address that is not the user's", async () => {
    const other = await clerk.devBrowser();
    await signIn(other);
    const response = await browser.call("POST", "/v1/me/email_addresses/idn_unknown/prepare_verification", { strategy: "email_code" });
    expect(await errorOf(response)).toMatchObject({ status: 404, code: "resource_not_found" });
  });
});

describe("primary address and removal", () => {
  it("makes a verified address primary, then removes the old one", async () => {
    const oldId = (await demo()).primary_email_address_id;
    const second = await addVerified("new-primary@example.com");
    const user = await responseOf<UserJSON>(await browser.call("PATCH", "/v1/me", { primary_email_address_id: second.id }));
    expect(user.primary_email_address_id).toBe(second.id);

    const removed = await browser.call("DELETE", `/v1/me/email_addresses/${oldId}`);
    expect(await responseOf(removed)).toEqual({ object: "email_address", id: oldId, deleted: true });
    expect((await demo()).email_addresses.map((email) => email.email_address)).toEqual(["new-primary@example.com"]);
    // The removed address no longer signs anybody in.
    expect(await identifiesSomeone(DEMO_USER.email)).toBe(false);
  });

  it("refuses an unverified or foreign primary address, changing nothing", async () => {
    const oldId = (await demo()).primary_email_address_id;
    const unverified = await addAddress("unverified@example.com");
    const response = await browser.call("PATCH", "/v1/me", { primary_email_address_id: unverified.id, first_name: "Changed" });
    expect(await errorOf(response)).toEqual({ status: 422, code: "form_param_value_invalid", param: "primary_email_address_id" });
    const foreign = await browser.call("PATCH", "/v1/me", { primary_email_address_id: "idn_nope" });
    expect((await errorOf(foreign)).status).toBe(422);
    expect((await demo()).primary_email_address_id).toBe(oldId);
    expect((await demo()).first_name).toBe(DEMO_USER.firstName);
  });

  it("refuses to delete the primary address and deletes nothing", async () => {
    const primaryId = (await demo()).primary_email_address_id;
    const response = await browser.call("DELETE", `/v1/me/email_addresses/${primaryId}`);
    expect(await errorOf(response)).toMatchObject({ status: 400, code: "identification_deletion_failed" });
    expect((await demo()).email_addresses.map((email) => email.id)).toContain(primaryId);
  });

  it("does not let a never-verified address sign in", async () => {
    await addAddress("pending@example.com");
    const stranger = await clerk.devBrowser();
    const response = await stranger.call("POST", "/v1/client/sign_ins", {
      identifier: "pending@example.com",
      strategy: "password",
      password: DEMO_USER.password,
    });
    expect(await errorOf(response)).toMatchObject({ status: 422, code: "form_identifier_not_found" });
  });
});

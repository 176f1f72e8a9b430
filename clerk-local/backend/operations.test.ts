// The Backend API operations an app's server code calls, through the real @clerk/backend client over
// HTTP, each answer checked against Clerk's 2026-05-12 spec (the raw JSON the client received).
import type { User } from "@clerk/backend";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_USER } from "../config";
import { recorderForEveryServer } from "../spec/recorder";
import { answerOf, backendClient, clerkApiError, overHttp, WITH_USERNAMES, type TestClerk } from "../testing/harness";

let running: TestClerk;
let clerk: ReturnType<typeof backendClient>;

/** What the client sent and got back, for the tests that check which requests the SDK makes. */
type Exchange = { method: string; path: string; status: number; body: unknown };
let exchanges: Exchange[] = [];

beforeAll(async () => {
  running = await overHttp();
  clerk = backendClient(running);
  const realFetch = globalThis.fetch;
  // @clerk/backend calls the global fetch (in tests).
  vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
    const response = await realFetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin === running.url && url.pathname.startsWith("/v1/")) {
      const text = await response.clone().text();
      exchanges.push({
        method: init?.method ?? (input instanceof Request ? input.method : "GET"),
        path: url.pathname,
        status: response.status,
        body: text ? (JSON.parse(text) as unknown) : null,
      });
    }
    return response;
  });
}, 60_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  await running.close();
});

beforeEach(async () => {
  await running.controls.reset();
  await running.controls.setInstance(WITH_USERNAMES);
  exchanges = [];
});

// Every answer of every test, success or error, must be what the spec says that operation answers
// (the contract check of clerk-local's test setup records them; here it is read after each test).
afterEach(() => {
  expect(recorderForEveryServer()?.report().violations.map((violation) => violation.text)).toEqual([]);
});

const apiError = clerkApiError;

type RawJSON = { errors?: { code: string; meta?: { param_name?: string } }[] } & Record<string, unknown>;

/** A Backend API call made without the client, for bodies @clerk/backend never sends. */
async function raw(method: string, path: string, body?: unknown) {
  const { status, body: json } = await answerOf<RawJSON>(await running.bapi(method, path, body));
  return { status, json };
}

const demoUser = async () => (await clerk.users.getUserList({ emailAddress: [DEMO_USER.email] })).data[0]!;

async function makeUser(name: string, extra: Parameters<typeof clerk.users.createUser>[0] = {}): Promise<User> {
  return clerk.users.createUser({ emailAddress: [`${name}@example.com`], password: "long-enough-1", firstName: name, ...extra });
}

describe("users.createUser and updateUser under the instance's settings", () => {
  const refusal = async (call: Promise<unknown>) => {
    const error = await apiError(call);
    return [error.status, ...error.errors.map((e) => `${e.code} ${e.meta?.paramName ?? ""}`)];
  };
  const count = async () => clerk.users.getCount();

  it("refuses what the instance has turned off: a username, an email address, a password", async () => {
    const before = await count();
    await running.controls.setInstance({});
    expect(await refusal(makeUser("plain", { username: "plain_user" }))).toEqual([422, "form_param_unknown username"]);
    await running.controls.setInstance({
      user_settings: {
        attributes: {
          email_address: { enabled: false, required: false, used_for_first_factor: false, first_factors: [], verifications: [], verify_at_sign_up: false },
          username: { enabled: true, required: true, used_for_first_factor: true },
        },
      },
    });
    expect(await refusal(makeUser("addressed", { username: "addressed" }))).toEqual([422, "form_param_unknown email_address"]);
    const named = await clerk.users.createUser({ username: "no_address", password: "long-enough-1" });
    expect(named).toMatchObject({ username: "no_address", emailAddresses: [], primaryEmailAddressId: null });
    expect(await count()).toBe(before + 1);
  });

  it("requires what the instance requires, unless told to skip it", async () => {
    await running.controls.setInstance({ user_settings: { attributes: { username: { enabled: true, required: true, used_for_first_factor: true } } } });
    expect(await refusal(makeUser("anonymous"))).toEqual([422, "form_param_missing username"]);
    expect(await refusal(clerk.users.createUser({ username: "only_name", password: "long-enough-1" }))).toEqual([422, "form_param_missing email_address"]);
    expect(await refusal(clerk.users.createUser({ emailAddress: ["nopw@example.com"], username: "no_password" }))).toEqual([422, "form_password_missing password"]);
    expect((await raw("POST", "/v1/users", { email_address: ["skip@example.com"], password: "long-enough-1", skip_user_requirement: true })).status).toBe(200);
    expect((await clerk.users.createUser({ emailAddress: ["nopw@example.com"], username: "no_password", skipPasswordRequirement: true })).passwordEnabled).toBe(false);
  });

  it("holds passwords to the instance's rules, listing each broken one, unless skip_password_checks", async () => {
    await running.controls.setInstance({ user_settings: { password_settings: { min_length: 10, require_uppercase: true, require_numbers: true } } });
    expect(await refusal(makeUser("weak", { password: "lowercase-only" }))).toEqual([422, "form_password_no_uppercase password", "form_password_no_number password"]);
    const user = await makeUser("strong", { password: "Uppercase-and-1" });
    expect(await refusal(clerk.users.updateUser(user.id, { password: "short-1A" }))).toEqual([422, "form_password_length_too_short password"]);
    expect((await raw("PATCH", `/v1/users/${user.id}`, { password: "weak-but-migrated", skip_password_checks: true })).status).toBe(200);
    expect((await raw("POST", "/v1/users", { email_address: ["migrated@example.com"], password: "weak-migrated", skip_password_checks: true })).status).toBe(200);
  });

  it("holds usernames to the instance's rules, unique, and keeps a required one", async () => {
    const user = await makeUser("rules", { username: "rules_user" });
    expect(await refusal(makeUser("short", { username: "abc" }))).toEqual([422, "form_username_invalid_length username"]);
    expect(await refusal(clerk.users.updateUser(user.id, { username: "not valid" }))).toEqual([422, "form_username_invalid_character username"]);
    expect(await refusal(clerk.users.updateUser(user.id, { username: "12345" }))).toEqual([422, "form_username_needs_non_number_char username"]);
    expect(await refusal(makeUser("again", { username: "RULES_USER" }))).toEqual([422, "form_identifier_exists username"]);
    await running.controls.setInstance({ user_settings: { attributes: { username: { enabled: true, required: true, used_for_first_factor: true } } } });
    expect(await refusal(clerk.users.updateUser(user.id, { username: "" }))).toEqual([422, "form_param_nil username"]);
    expect((await clerk.users.getUser(user.id)).username).toBe("rules_user");
    expect((await clerk.users.getUserList({ username: ["Rules_User"] })).data.map((u) => u.id)).toEqual([user.id]);
  });

  it("lets a user with a username drop their last address where email is optional, never where it is required", async () => {
    const user = await makeUser("dropper", { username: "dropper" });
    const address = user.emailAddresses[0]!.id;
    expect((await apiError(clerk.emailAddresses.deleteEmailAddress(address))).errors[0]?.code).toBe("identification_deletion_failed");
    await running.controls.setInstance({ user_settings: { attributes: { email_address: { required: false }, username: { enabled: true, used_for_first_factor: true } } } });
    await clerk.emailAddresses.deleteEmailAddress(address);
    expect(await clerk.users.getUser(user.id)).toMatchObject({ emailAddresses: [], primaryEmailAddressId: null, username: "dropper" });
  });
});

describe("users.updateUser and metadata (2026-05-12: metadata has its own endpoint)", () => {
  it("sends updateUser's metadata as PUT /metadata, replacing each field given and keeping the others", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined); // the SDK's deprecation notice
    const user = await makeUser("meta", { publicMetadata: { a: { x: 1 } }, privateMetadata: { keep: true } });
    exchanges = [];
    const updated = await clerk.users.updateUser(user.id, { firstName: "Renamed", publicMetadata: { b: 2 } });
    expect(exchanges.map((e) => `${e.method} ${e.path.replace(user.id, ":id")}`)).toEqual(["PATCH /v1/users/:id", "PUT /v1/users/:id/metadata"]);
    expect(updated.firstName).toBe("Renamed");
    expect(updated.publicMetadata).toEqual({ b: 2 });
    expect(updated.privateMetadata).toEqual({ keep: true });
  });

  it("refuses metadata and unknown fields on PATCH /v1/users/{id}, changing nothing", async () => {
    const user = await makeUser("strict");
    const refused = await raw("PATCH", `/v1/users/${user.id}`, { first_name: "Changed", public_metadata: { a: 1 } });
    expect(refused.status).toBe(422);
    expect(refused.json.errors?.[0]).toMatchObject({ code: "form_param_unknown", meta: { param_name: "public_metadata" } });
    const after = await clerk.users.getUser(user.id);
    expect(after.firstName).toBe("strict");
    expect(after.publicMetadata).toEqual({});
    expect(after.updatedAt).toBe(user.updatedAt);
  });

  it("checks every field before changing any: a taken username leaves the name as it was", async () => {
    await makeUser("first", { username: "taken" });
    const user = await makeUser("second");
    const error = await apiError(clerk.users.updateUser(user.id, { firstName: "Nope", username: "TAKEN" }));
    expect(error.status).toBe(422);
    expect(error.errors[0]?.code).toBe("form_identifier_exists");
    expect((await clerk.users.getUser(user.id)).firstName).toBe("second");
  });

  it("removes the username with an empty string and refuses an unverified primary address", async () => {
    const user = await makeUser("named", { username: "named" });
    expect((await clerk.users.updateUser(user.id, { username: "" })).username).toBeNull();
    const extra = await clerk.emailAddresses.createEmailAddress({ userId: user.id, emailAddress: "unverified@example.com", verified: false });
    const error = await apiError(clerk.users.updateUser(user.id, { primaryEmailAddressID: extra.id }));
    expect(error.errors[0]).toMatchObject({ code: "form_param_value_invalid" });
  });

  it("merges with updateUserMetadata and replaces with replaceUserMetadata", async () => {
    const user = await makeUser("merge", { publicMetadata: { prefs: { theme: "dark", lang: "en" }, role: "admin" }, unsafeMetadata: { u: 1 } });
    const merged = await clerk.users.updateUserMetadata(user.id, { publicMetadata: { prefs: { lang: "fr" }, role: null } });
    expect(merged.publicMetadata).toEqual({ prefs: { theme: "dark", lang: "fr" } });

    const replaced = await clerk.users.replaceUserMetadata(user.id, { publicMetadata: { prefs: { lang: "de" } }, privateMetadata: { p: 1 } });
    expect(replaced.publicMetadata).toEqual({ prefs: { lang: "de" } });
    expect(replaced.privateMetadata).toEqual({ p: 1 });
    expect(replaced.unsafeMetadata).toEqual({ u: 1 });

    // @clerk/backend documents null as clearing a field.
    const cleared = await clerk.users.replaceUserMetadata(user.id, { privateMetadata: null as unknown as Record<string, unknown> });
    expect(cleared.privateMetadata).toEqual({});
    expect(cleared.publicMetadata).toEqual({ prefs: { lang: "de" } });
  });

  it("refuses malformed metadata whole: nothing of a request with one bad field is applied", async () => {
    const user = await makeUser("bad-meta", { publicMetadata: { a: 1 } });
    for (const method of ["PUT", "PATCH"]) {
      const wrongType = await raw(method, `/v1/users/${user.id}/metadata`, { public_metadata: { b: 2 }, private_metadata: [1] });
      expect(wrongType.status, method).toBe(422);
      expect(wrongType.json.errors?.[0]?.meta?.param_name).toBe("private_metadata");
      const unknown = await raw(method, `/v1/users/${user.id}/metadata`, { public_metadata: { b: 2 }, first_name: "x" });
      expect(unknown.json.errors?.[0]?.code).toBe("form_param_unknown");
      const missing = await raw(method, "/v1/users/user_missing/metadata", { public_metadata: {} });
      expect(missing.status).toBe(404);
    }
    expect((await clerk.users.getUser(user.id)).publicMetadata).toEqual({ a: 1 });
  });
});

describe("users.verifyPassword", () => {
  it("answers {verified: true} for the right password", async () => {
    const demo = await demoUser();
    expect(await clerk.users.verifyPassword({ userId: demo.id, password: DEMO_USER.password })).toEqual({ verified: true });
  });

  it("answers 422 form_password_incorrect for a wrong one, 400 without a password, 404 for no user", async () => {
    const demo = await demoUser();
    const wrong = await apiError(clerk.users.verifyPassword({ userId: demo.id, password: "not-the-password" }));
    expect(wrong.status).toBe(422);
    expect(wrong.errors[0]?.code).toBe("form_password_incorrect");

    const passwordless = await clerk.users.createUser({ emailAddress: ["nopass@example.com"], skipPasswordRequirement: true });
    const none = await apiError(clerk.users.verifyPassword({ userId: passwordless.id, password: "anything-at-all" }));
    expect(none.status).toBe(400);

    const missing = await apiError(clerk.users.verifyPassword({ userId: "user_missing", password: "anything-at-all" }));
    expect(missing.status).toBe(404);

    const blank = await raw("POST", `/v1/users/${demo.id}/verify_password`, {});
    expect(blank.status).toBe(422);
    expect(blank.json.errors?.[0]).toMatchObject({ code: "form_param_missing", meta: { param_name: "password" } });
    const number = await raw("POST", `/v1/users/${demo.id}/verify_password`, { password: 12345678 });
    expect(number.json.errors?.[0]?.code).toBe("form_param_format_invalid");
  });
});

describe("users.deleteUser", () => {
  it("answers the deleted object, revokes the user's sessions, and 404s the second time", async () => {
    const user = await makeUser("doomed");
    const session = await clerk.sessions.createSession({ userId: user.id });
    expect(await clerk.users.deleteUser(user.id)).toMatchObject({ id: user.id, object: "user", deleted: true });
    expect((await clerk.sessions.getSession(session.id)).status).toBe("revoked");
    const again = await apiError(clerk.users.deleteUser(user.id));
    expect(again.status).toBe(404);
    expect(again.errors[0]?.code).toBe("resource_not_found");
  });
});

describe("users.getUserList and getCount: Clerk's filters", () => {
  let ada: User;
  let bob: User;
  let cy: User;

  beforeEach(async () => {
    ada = await makeUser("ada", { lastName: "Lovelace", username: "countess", externalId: "ext-ada" });
    bob = await makeUser("bob", { lastName: "Builder", username: "bobby", externalId: "ext-bob" });
    cy = await makeUser("cy", { lastName: "Twombly" });
    exchanges = [];
  });

  // Filters the spec lists that @clerk/backend's types lack; it sends them all the same (snake_cased).
  type ListParams = NonNullable<Parameters<typeof clerk.users.getUserList>[0]> & {
    emailAddressQuery?: string;
    usernameQuery?: string;
    nameQuery?: string;
  };
  const ids = (list: { data: User[] }) => list.data.map((u) => u.id).sort();
  const sorted = (...users: User[]) => users.map((u) => u.id).sort();

  it("filters by exact values, + and - prefixed ids, and partial queries, counting the same", async () => {
    const demo = await demoUser();
    const cases: [ListParams, User[]][] = [
      [{ emailAddress: ["ADA@example.com", "cy@example.com"] }, [ada, cy]],
      [{ username: ["Bobby"] }, [bob]],
      [{ externalId: ["ext-ada", "ext-bob"] }, [ada, bob]],
      [{ externalId: ["-ext-ada"], emailAddress: ["ada@example.com", "bob@example.com"] }, [bob]],
      [{ userId: [ada.id, `+${cy.id}`] }, [ada, cy]],
      [{ userId: [`-${ada.id}`], query: "example.com" }, [bob, cy, demo]],
      [{ query: "LOVE" }, [ada]],
      [{ query: bob.id }, [bob]],
      [{ emailAddressQuery: "BOB@EX" }, [bob]],
      [{ usernameQuery: "OUNTE" }, [ada]],
      [{ nameQuery: "da love" }, [ada]],
      [{ nameQuery: "twom" }, [cy]],
      [{ phoneNumber: ["+15555550100"] }, []],
      [{ web3Wallet: ["0x0000000000000000000000000000000000000000"] }, []],
    ];
    for (const [params, expected] of cases) {
      const list = await clerk.users.getUserList(params);
      expect(ids(list), JSON.stringify(params)).toEqual(sorted(...expected));
      expect(list.totalCount, JSON.stringify(params)).toBe(expected.length);
    }
  });

  it("filters by creation, sign-in and activity times, and by banned", async () => {
    const demo = await demoUser();
    const session = await clerk.sessions.createSession({ userId: bob.id });
    const signedIn = (await clerk.users.getUser(bob.id)).lastSignInAt!;
    expect(ids(await clerk.users.getUserList({ createdAtAfter: ada.createdAt - 1, createdAtBefore: cy.createdAt + 1 }))).toEqual(sorted(ada, bob, cy));
    expect(ids(await clerk.users.getUserList({ createdAtBefore: ada.createdAt }))).toEqual(sorted(demo));
    expect(ids(await clerk.users.getUserList({ lastSignInAtAfter: signedIn - 1 }))).toEqual(sorted(bob));
    expect(ids(await clerk.users.getUserList({ lastSignInAtBefore: signedIn + 1 }))).toEqual(sorted(bob));
    expect(ids(await clerk.users.getUserList({ lastActiveAtAfter: signedIn - 1 }))).toEqual(sorted(bob));
    expect(ids(await clerk.users.getUserList({ lastActiveAtBefore: signedIn + 1 }))).toEqual(sorted(bob));
    expect(await clerk.users.getCount({ lastActiveAtSince: signedIn } as ListParams)).toBe(1);
    expect(await clerk.users.getCount({ banned: true } as ListParams)).toBe(0);
    // @clerk/backend drops falsy query values, so banned=false only arrives when sent by hand.
    const notBanned = await raw("GET", "/v1/users/count?banned=false");
    expect(notBanned.json.total_count).toBe(4);
    await clerk.sessions.revokeSession(session.id);
  });

  it("orders by every order_by the spec lists, both directions, nulls last", async () => {
    await clerk.sessions.createSession({ userId: cy.id });
    const demo = await demoUser();
    const expected: Record<string, User[]> = {
      created_at: [demo, ada, bob, cy],
      first_name: [ada, bob, cy, demo],
      last_name: [bob, ada, cy, demo],
      username: [bob, ada, demo],
      email_address: [ada, bob, cy, demo],
      last_sign_in_at: [cy],
    };
    for (const [key, ascending] of Object.entries(expected)) {
      const up = await clerk.users.getUserList({ orderBy: `+${key}` as never, limit: 10 });
      expect(up.data.map((u) => u.id).slice(0, ascending.length), `+${key}`).toEqual(ascending.map((u) => u.id));
      const down = await clerk.users.getUserList({ orderBy: `-${key}` as never, limit: 10 });
      const nonNull = ascending.length;
      expect(down.data.map((u) => u.id).slice(0, nonNull), `-${key}`).toEqual([...ascending].reverse().map((u) => u.id));
      // No sign means +.
      const bare = await clerk.users.getUserList({ orderBy: key as never, limit: 10 });
      expect(bare.data.map((u) => u.id), key).toEqual(up.data.map((u) => u.id));
    }
    for (const key of ["updated_at", "last_active_at", "phone_number", "web3wallet"]) {
      for (const sign of ["+", "-"]) expect((await clerk.users.getUserList({ orderBy: `${sign}${key}` as never })).data).toHaveLength(4);
    }
    // Newest first by default.
    expect((await clerk.users.getUserList()).data.map((u) => u.id)).toEqual([cy, bob, ada, demo].map((u) => u.id));
  });

  it("pages with limit and offset, and with the starting_after cursor", async () => {
    const demo = await demoUser();
    const page = await clerk.users.getUserList({ limit: 2, offset: 1 });
    expect(page.data.map((u) => u.id)).toEqual([bob.id, ada.id]);
    expect(page.totalCount).toBe(4);
    const cursor = await raw("GET", `/v1/users?limit=2&starting_after=${bob.id}`);
    expect((cursor.json as unknown as { id: string }[]).map((u) => u.id)).toEqual([ada.id, demo.id]);
    const ascending = await raw("GET", `/v1/users?order_by=%2Bcreated_at&starting_after=${ada.id}`);
    expect((ascending.json as unknown as { id: string }[]).map((u) => u.id)).toEqual([bob.id, cy.id]);
  });

  it("answers malformed and unknown values with a 422 naming the parameter", async () => {
    const bad: [string, string][] = [
      ["order_by=bogus", "order_by"],
      ["order_by=%2B%2Bcreated_at", "order_by"],
      ["order_by=-password", "order_by"],
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["limit=ten", "limit"],
      ["offset=-1", "offset"],
      ["created_at_before=yesterday", "created_at_before"],
      ["created_at_after=1.5", "created_at_after"],
      ["last_active_at_after=-5", "last_active_at_after"],
      ["last_sign_in_at_before=1e12", "last_sign_in_at_before"],
      ["banned=maybe", "banned"],
      ["provider=oauth_google", "provider_user_id"],
      ["provider_user_id=123", "provider"],
      [`starting_after=${ada.id}&order_by=first_name`, "starting_after"],
      [`starting_after=${ada.id}&offset=1`, "starting_after"],
      ["starting_after=user_missing", "starting_after"],
      [Array.from({ length: 101 }, (_, i) => `user_id=user_${i}`).join("&"), "user_id"],
    ];
    for (const [query, param] of bad) {
      const list = await raw("GET", `/v1/users?${query}`);
      expect(list.status, query).toBe(422);
      expect(list.json.errors?.[0]?.meta?.param_name, query).toBe(param);
      expect(list.json.errors?.[0]?.code, query).toMatch(/^form_param_/);
    }
    const count = await apiError(clerk.users.getCount({ createdAtBefore: "soon" } as unknown as ListParams));
    expect(count.status).toBe(422);
    expect(count.errors[0]?.meta?.paramName).toBe("created_at_before");
  });
});

describe("emailAddresses", () => {
  it("creates, gets, verifies, makes primary and deletes an address, bumping the user each time", async () => {
    const user = await makeUser("owner");
    const created = await clerk.emailAddresses.createEmailAddress({ userId: user.id, emailAddress: "Second@Example.com" });
    expect(created).toMatchObject({ emailAddress: "second@example.com", verification: null });
    const fetched = await clerk.emailAddresses.getEmailAddress(created.id);
    expect(fetched.id).toBe(created.id);
    const afterCreate = await clerk.users.getUser(user.id);
    expect(afterCreate.emailAddresses.map((e) => e.emailAddress)).toEqual(["owner@example.com", "second@example.com"]);
    expect(afterCreate.updatedAt).toBeGreaterThanOrEqual(user.updatedAt);

    const verified = await clerk.emailAddresses.updateEmailAddress(created.id, { verified: true });
    expect(verified.verification).toMatchObject({ status: "verified", strategy: "admin" });
    await clerk.emailAddresses.updateEmailAddress(created.id, { primary: true });
    expect((await clerk.users.getUser(user.id)).primaryEmailAddress?.emailAddress).toBe("second@example.com");

    const old = afterCreate.emailAddresses[0]!;
    expect(await clerk.emailAddresses.deleteEmailAddress(old.id)).toMatchObject({ id: old.id, deleted: true });
    expect((await clerk.users.getUser(user.id)).emailAddresses.map((e) => e.emailAddress)).toEqual(["second@example.com"]);
    expect((await apiError(clerk.emailAddresses.getEmailAddress(old.id))).status).toBe(404);
  });

  it("creates verified and primary in one call; the first address of a user is primary anyway", async () => {
    const user = await makeUser("switch");
    const primary = await clerk.emailAddresses.createEmailAddress({ userId: user.id, emailAddress: "new-primary@example.com", verified: true, primary: true });
    expect((await clerk.users.getUser(user.id)).primaryEmailAddressId).toBe(primary.id);
    // @clerk/backend's EmailAddress drops the timestamps: read them from the JSON it received.
    const json = exchanges.find((e) => e.method === "POST" && e.path === "/v1/email_addresses")!.body as { created_at: number; updated_at: number };
    expect(json.created_at).toBeGreaterThan(user.createdAt - 1);
    expect(json.updated_at).toBe(json.created_at);
  });

  it("refuses taken, malformed and unknown input, unknown users and ids, changing nothing", async () => {
    const user = await makeUser("careful");
    const before = await clerk.users.getUser(user.id);
    const taken = await apiError(clerk.emailAddresses.createEmailAddress({ userId: user.id, emailAddress: DEMO_USER.email.toUpperCase() }));
    expect(taken.status).toBe(422);
    expect(taken.errors[0]?.code).toBe("form_identifier_exists");
    const own = await apiError(clerk.emailAddresses.createEmailAddress({ userId: user.id, emailAddress: "careful@example.com" }));
    expect(own.errors[0]?.code).toBe("form_identifier_exists");
    const malformed = await apiError(clerk.emailAddresses.createEmailAddress({ userId: user.id, emailAddress: "not-an-address" }));
    expect(malformed.errors[0]).toMatchObject({ code: "form_param_format_invalid" });
    const noUser = await apiError(clerk.emailAddresses.createEmailAddress({ userId: "user_missing", emailAddress: "x@example.com" }));
    expect(noUser.status).toBe(404);
    const unverifiedPrimary = await apiError(clerk.emailAddresses.createEmailAddress({ userId: user.id, emailAddress: "p@example.com", primary: true }));
    expect(unverifiedPrimary.status).toBe(422);

    const missingUserId = await raw("POST", "/v1/email_addresses", { email_address: "y@example.com" });
    expect(missingUserId.json.errors?.[0]).toMatchObject({ code: "form_param_missing", meta: { param_name: "user_id" } });
    const missingAddress = await raw("POST", "/v1/email_addresses", { user_id: user.id });
    expect(missingAddress.json.errors?.[0]).toMatchObject({ code: "form_param_missing", meta: { param_name: "email_address" } });
    const wrongType = await raw("POST", "/v1/email_addresses", { user_id: user.id, email_address: "z@example.com", verified: "yes" });
    expect(wrongType.json.errors?.[0]).toMatchObject({ code: "form_param_format_invalid", meta: { param_name: "verified" } });
    const unknown = await raw("POST", "/v1/email_addresses", { user_id: user.id, email_address: "z@example.com", reserved: true });
    expect(unknown.json.errors?.[0]?.code).toBe("form_param_unknown");

    expect((await apiError(clerk.emailAddresses.getEmailAddress("idn_missing"))).status).toBe(404);
    expect((await apiError(clerk.emailAddresses.updateEmailAddress("idn_missing", { verified: true }))).status).toBe(404);
    expect((await apiError(clerk.emailAddresses.deleteEmailAddress("idn_missing"))).status).toBe(404);

    const after = await clerk.users.getUser(user.id);
    expect(after.emailAddresses.map((e) => e.emailAddress)).toEqual(["careful@example.com"]);
    expect(after.updatedAt).toBe(before.updatedAt);
  });

  it("keeps the primary address verified and in place, and the last address too", async () => {
    const user = await makeUser("keeper");
    const primaryId = user.primaryEmailAddressId!;
    const last = await apiError(clerk.emailAddresses.deleteEmailAddress(primaryId));
    expect(last.status).toBe(400);
    expect(last.errors[0]?.code).toBe("identification_deletion_failed");

    const other = await clerk.emailAddresses.createEmailAddress({ userId: user.id, emailAddress: "other@example.com" });
    const primary = await apiError(clerk.emailAddresses.deleteEmailAddress(primaryId));
    expect(primary.errors[0]?.code).toBe("identification_deletion_failed");
    const unverify = await apiError(clerk.emailAddresses.updateEmailAddress(primaryId, { verified: false }));
    expect(unverify.status).toBe(422);
    const unverifiedPrimary = await apiError(clerk.emailAddresses.updateEmailAddress(other.id, { primary: true }));
    expect(unverifiedPrimary.status).toBe(422);
    // Both changes in one request are checked together: verify and make primary at once is fine.
    await clerk.emailAddresses.updateEmailAddress(other.id, { verified: true, primary: true });
    const after = await clerk.users.getUser(user.id);
    expect(after.primaryEmailAddressId).toBe(other.id);
    expect(after.emailAddresses).toHaveLength(2);
  });
});

describe("sessions.revokeSession", () => {
  it("revokes an active session and answers the spec's session", async () => {
    const demo = await demoUser();
    const session = await clerk.sessions.createSession({ userId: demo.id });
    const revoked = await clerk.sessions.revokeSession(session.id);
    expect(revoked).toMatchObject({ id: session.id, status: "revoked" });
    expect(revoked.updatedAt).toBeGreaterThanOrEqual(session.updatedAt);
    expect((await apiError(clerk.sessions.revokeSession("sess_missing"))).status).toBe(404);
  });
});

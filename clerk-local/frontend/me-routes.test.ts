import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_USER } from "../config";
import {
  errorOf,
  inProcess,
  jsonOf,
  passwordIs,
  responseOf,
  SAFARI_ON_IPHONE,
  sessionStatus,
  signIn,
  userByEmail,
  WITH_USERNAMES,
  type TestBrowser,
  type TestClerk,
} from "../testing/harness";
import { startReceiver, waitFor } from "../testing/receiver";

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

type UserJSON = { id: string; username: string | null; first_name: string | null; image_url: string; has_image: boolean; unsafe_metadata: Record<string, unknown> };
type ActiveSessionJSON = {
  id: string;
  object: string;
  status: string;
  latest_activity: { object: string; id: string; is_mobile: boolean; browser_name?: string; browser_version?: string; device_type?: string };
};

let clerk: TestClerk;
let browser: TestBrowser;
let sessionId: string;

beforeEach(async () => {
  clerk = await inProcess();
  browser = await clerk.devBrowser();
  sessionId = await signIn(browser);
});
afterEach(() => clerk.close());

const demo = async () => (await userByEmail(clerk, DEMO_USER.email))!;
/** What an image URL serves: an upload's bytes, or the generated avatar once the upload is gone. */
const servedType = async (url: string) => (await clerk.request(new URL(url).pathname)).headers.get("content-type");

function imageForm(bytes: Uint8Array, name: string, type: string): FormData {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], name, { type }));
  return form;
}

describe("profile image", () => {
  it("stores an uploaded PNG, serves it from image_url, and removes it", async () => {
    const image = await responseOf<{ object: string; id: string; public_url: string }>(
      await browser.call("POST", "/v1/me/profile_image", imageForm(PNG, "pixel.png", "image/png")),
    );
    expect(image).toMatchObject({ object: "image", name: "pixel.png" });
    const user = await responseOf<UserJSON>(await browser.call("GET", "/v1/me"));
    expect(user.has_image).toBe(true);
    expect(user.image_url).toBe(image.public_url);

    const served = await clerk.request(new URL(user.image_url).pathname);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const removed = await responseOf<{ deleted: boolean }>(await browser.call("DELETE", "/v1/me/profile_image"));
    expect(removed.deleted).toBe(true);
    const after = await responseOf<UserJSON>(await browser.call("GET", "/v1/me"));
    expect(after.has_image).toBe(false);
    expect(after.image_url).toMatch(/\/avatars\/user_\w+\.svg\?avatar_placeholder$/);
    expect(await servedType(image.public_url)).toBe("image/svg+xml");
  });

  it("accepts the base64 body clerk-js sends for a string file", async () => {
    const response = await browser.call("POST", "/v1/me/profile_image", PNG.toString("base64"), { "Content-Type": "application/octet-stream" });
    expect((await responseOf<{ object: string }>(response)).object).toBe("image");
    expect((await demo()).has_image).toBe(true);
  });

  it("refuses a non-image, a missing file and an oversized one, keeping the old image", async () => {
    const uploaded = await responseOf<{ public_url: string }>(await browser.call("POST", "/v1/me/profile_image", imageForm(PNG, "pixel.png", "image/png")));
    const before = (await demo()).image_url;
    const text = await browser.call("POST", "/v1/me/profile_image", imageForm(Buffer.from("hello"), "fake.png", "image/png"));
    expect(await errorOf(text)).toEqual({ status: 422, code: "form_param_format_invalid", param: "file" });
    const none = await browser.call("POST", "/v1/me/profile_image", new FormData());
    expect(await errorOf(none)).toMatchObject({ status: 422, code: "form_param_missing", param: "file" });
    const huge = new Uint8Array(10_000_001);
    huge.set(PNG);
    const big = await browser.call("POST", "/v1/me/profile_image", imageForm(huge, "big.png", "image/png"));
    expect(await errorOf(big)).toEqual({ status: 422, code: "form_param_format_invalid", param: "file" });
    expect((await demo()).image_url).toBe(before);
    expect(await servedType(uploaded.public_url)).toBe("image/png");
  });

  it("keeps image bytes out of the state snapshot", async () => {
    await responseOf(await browser.call("POST", "/v1/me/profile_image", imageForm(PNG, "pixel.png", "image/png")));
    const id = (await demo()).id;
    const state = JSON.parse(await clerk.controls.state()) as { users: { id: string }[] };
    const snapshot = state.users.find((user) => user.id === id);
    expect(snapshot).toBeDefined();
    expect(snapshot && "image_id" in snapshot).toBe(false);
  });
});

describe("password", () => {
  it("changes the password and, when asked, ends the user's other sessions", async () => {
    const other = await clerk.devBrowser(SAFARI_ON_IPHONE);
    const otherSession = await signIn(other);
    const response = await browser.call("POST", "/v1/me/change_password", {
      current_password: DEMO_USER.password,
      new_password: "a-brand-new-password",
      sign_out_of_other_sessions: "true",
    });
    const { id } = await demo();
    expect((await responseOf<UserJSON>(response)).id).toBe(id);
    expect(await passwordIs(clerk, id, "a-brand-new-password")).toBe(true);
    expect(await sessionStatus(clerk, otherSession)).toBe("revoked");
    expect(await sessionStatus(clerk, sessionId)).toBe("active");
    const refresh = await other.call("POST", `/v1/client/sessions/${otherSession}/tokens`, {});
    expect(refresh.status).toBe(401);
  });

  it("keeps other sessions when not asked to end them", async () => {
    const other = await clerk.devBrowser();
    const otherSession = await signIn(other);
    await responseOf(await browser.call("POST", "/v1/me/change_password", { current_password: DEMO_USER.password, new_password: "another-new-password" }));
    expect(await sessionStatus(clerk, otherSession)).toBe("active");
  });

  it("refuses a wrong current password, a short or unchanged new one, changing nothing", async () => {
    const { id, updated_at: updatedAt } = await demo();
    const cases: [Record<string, string>, string, string][] = [
      [{ current_password: "wrong-password", new_password: "long-enough-1" }, "form_password_incorrect", "current_password"],
      [{ current_password: DEMO_USER.password, new_password: "short" }, "form_password_length_too_short", "new_password"],
      [{ current_password: DEMO_USER.password, new_password: DEMO_USER.password }, "form_new_password_matches_current", "new_password"],
      [{ new_password: "long-enough-1" }, "form_param_missing", "current_password"],
      [{ current_password: DEMO_USER.password }, "form_param_missing", "new_password"],
    ];
    for (const [form, code, param] of cases) {
      expect(await errorOf(await browser.call("POST", "/v1/me/change_password", { ...form, sign_out_of_other_sessions: "true" }))).toEqual({
        status: 422,
        code,
        param,
      });
    }
    expect(await passwordIs(clerk, id, DEMO_USER.password)).toBe(true);
    expect((await demo()).updated_at).toBe(updatedAt);
  });
});

describe("active devices", () => {
  it("lists every active session of the user with browser and device, as a bare array", async () => {
    const phone = await clerk.devBrowser(SAFARI_ON_IPHONE);
    const phoneSession = await signIn(phone);
    const response = await browser.call("GET", "/v1/me/sessions/active");
    const sessions = (await response.json()) as ActiveSessionJSON[];
    expect(Array.isArray(sessions)).toBe(true);
    const byId = new Map(sessions.map((session) => [session.id, session]));
    expect([...byId.keys()].sort()).toEqual([sessionId, phoneSession].sort());
    expect(byId.get(sessionId)?.latest_activity).toMatchObject({
      object: "session_activity",
      browser_name: "Chrome",
      browser_version: "124.0.0.0",
      device_type: "Windows",
      is_mobile: false,
    });
    expect(byId.get(phoneSession)?.latest_activity).toMatchObject({ browser_name: "Mobile Safari", device_type: "iPhone", is_mobile: true });
  });

  it("revokes another session of the user, and only the user's own", async () => {
    const phone = await clerk.devBrowser(SAFARI_ON_IPHONE);
    const phoneSession = await signIn(phone);
    const revoked = await responseOf<ActiveSessionJSON>(await browser.call("POST", `/v1/me/sessions/${phoneSession}/revoke`, {}));
    expect(revoked).toMatchObject({ id: phoneSession, status: "revoked" });
    const list = (await (await browser.call("GET", "/v1/me/sessions/active")).json()) as ActiveSessionJSON[];
    expect(list.map((session) => session.id)).toEqual([sessionId]);
    expect((await phone.call("POST", `/v1/client/sessions/${phoneSession}/tokens`, {})).status).toBe(401);

    const someone = await jsonOf<{ id: string }>(await clerk.bapi("POST", "/v1/users", { email_address: ["someone@example.com"], password: "someone-password" }));
    const stranger = await clerk.devBrowser();
    const strangerSession = await signIn(stranger, "someone@example.com", "someone-password");
    const foreign = await browser.call("POST", `/v1/me/sessions/${strangerSession}/revoke`, {});
    expect(await errorOf(foreign)).toMatchObject({ status: 404, code: "resource_not_found" });
    const session = await jsonOf<{ user_id: string; status: string }>(await clerk.bapi("GET", `/v1/sessions/${strangerSession}`));
    expect(session).toMatchObject({ user_id: someone.id, status: "active" });
  });
});

describe("metadata and names", () => {
  it("merges unsafe metadata and refuses a body that is not a JSON object", async () => {
    await responseOf(await browser.call("PATCH", "/v1/me/metadata", { unsafe_metadata: JSON.stringify({ theme: "dark", nested: { a: 1 } }) }));
    const user = await responseOf<UserJSON>(
      await browser.call("PATCH", "/v1/me/metadata", { unsafe_metadata: JSON.stringify({ nested: { b: 2 }, theme: null }) }),
    );
    expect(user.unsafe_metadata).toEqual({ nested: { a: 1, b: 2 } });
    for (const bad of ["[1]", "{not json", "3"]) {
      expect(await errorOf(await browser.call("PATCH", "/v1/me/metadata", { unsafe_metadata: bad }))).toEqual({
        status: 422,
        code: "form_param_format_invalid",
        param: "unsafe_metadata",
      });
    }
    expect(await errorOf(await browser.call("PATCH", "/v1/me/metadata", {}))).toMatchObject({ status: 422, code: "form_param_missing" });
    expect((await demo()).unsafe_metadata).toEqual({ nested: { a: 1, b: 2 } });
  });

  it("renames the user", async () => {
    const user = await responseOf<UserJSON>(await browser.call("PATCH", "/v1/me", { first_name: " Ada ", last_name: "Lovelace" }));
    expect(user.first_name).toBe("Ada");
    expect((await demo()).last_name).toBe("Lovelace");
  });
});

describe("username (the profile's \"Set username\" and \"Update username\")", () => {
  beforeEach(() => clerk.controls.setInstance(WITH_USERNAMES));

  it("sets and changes the username, which then signs the user in", async () => {
    await jsonOf(await clerk.bapi("PATCH", `/v1/users/${(await demo()).id}`, { username: null }));
    expect((await responseOf<UserJSON>(await browser.call("PATCH", "/v1/me", { username: "ada_lovelace" }))).username).toBe("ada_lovelace");
    expect((await responseOf<UserJSON>(await browser.call("PATCH", "/v1/me", { username: "Countess" }))).username).toBe("Countess");
    expect((await demo()).username).toBe("Countess");
    const other = await clerk.devBrowser();
    expect((await other.call("POST", "/v1/client/sign_ins", { identifier: "countess", strategy: "password", password: DEMO_USER.password })).status).toBe(200);
  });

  it("refuses a username Clerk's rules refuse or another user has, changing nothing", async () => {
    await jsonOf(await clerk.bapi("POST", "/v1/users", { email_address: ["other@example.com"], username: "taken_name", password: "long-enough-1" }));
    const { updated_at: before } = await demo();
    const cases: [string, string][] = [
      ["abc", "form_username_invalid_length"],
      ["has space", "form_username_invalid_character"],
      ["424242", "form_username_needs_non_number_char"],
      ["TAKEN_NAME", "form_identifier_exists"],
    ];
    for (const [username, code] of cases) {
      expect(await errorOf(await browser.call("PATCH", "/v1/me", { username })), username).toEqual({ status: 422, code, param: "username" });
    }
    expect(await demo()).toMatchObject({ username: DEMO_USER.username, updated_at: before });
  });

  it("removes an optional username, keeps a required one, and refuses one where usernames are off", async () => {
    expect((await responseOf<UserJSON>(await browser.call("PATCH", "/v1/me", { username: "" }))).username).toBeNull();
    await browser.call("PATCH", "/v1/me", { username: "back_again" });
    await clerk.controls.setInstance({ user_settings: { attributes: { username: { enabled: true, required: true, used_for_first_factor: true } } } });
    expect(await errorOf(await browser.call("PATCH", "/v1/me", { username: "" }))).toEqual({ status: 422, code: "form_param_nil", param: "username" });
    await clerk.controls.setInstance({});
    expect(await errorOf(await browser.call("PATCH", "/v1/me", { username: "new_name" }))).toEqual({ status: 422, code: "form_param_unknown", param: "username" });
    expect((await demo()).username).toBe("back_again");
  });
});

describe("required names", () => {
  it("cannot be removed, alone or with another change, and an optional one can", async () => {
    await responseOf(await browser.call("PATCH", "/v1/me", { first_name: "Ada", last_name: "Lovelace" }));
    await clerk.controls.setInstance({ user_settings: { attributes: { first_name: { required: true } } } });
    expect(await errorOf(await browser.call("PATCH", "/v1/me", { first_name: " " }))).toEqual({ status: 422, code: "form_param_nil", param: "first_name" });
    expect(await errorOf(await browser.call("PATCH", "/v1/me", { first_name: "", last_name: "Byron" }))).toMatchObject({ code: "form_param_nil" });
    expect(await demo()).toMatchObject({ first_name: "Ada", last_name: "Lovelace" });
    expect((await responseOf<UserJSON>(await browser.call("PATCH", "/v1/me", { last_name: "" }))).first_name).toBe("Ada");
    expect((await demo()).last_name).toBeNull();
  });
});

describe("a password change under the instance's password rules", () => {
  it("refuses a new password that breaks them, listing each rule, and keeps the old one", async () => {
    await clerk.controls.setInstance({ user_settings: { password_settings: { min_length: 10, require_numbers: true, require_lowercase: true } } });
    const weak = await browser.call("POST", "/v1/me/change_password", { current_password: DEMO_USER.password, new_password: "ALL-UPPERCASE" });
    const body = (await weak.json()) as { errors: { code: string; meta: { param_name: string } }[] };
    expect(body.errors.map((e) => [e.code, e.meta.param_name])).toEqual([
      ["form_password_no_lowercase", "new_password"],
      ["form_password_no_number", "new_password"],
    ]);
    expect(await passwordIs(clerk, (await demo()).id, DEMO_USER.password)).toBe(true);
    await responseOf(await browser.call("POST", "/v1/me/change_password", { current_password: DEMO_USER.password, new_password: "lower-and-1" }));
  });
});

describe("deleting the account", () => {
  it("deletes the user, announces user.deleted, and ends every session of theirs", async () => {
    const phone = await clerk.devBrowser(SAFARI_ON_IPHONE);
    const phoneSession = await signIn(phone);
    const { id } = await demo();
    const receiver = await startReceiver(() => 204);
    await clerk.controls.setConfig({ webhook_url: receiver.url });
    const response = await browser.call("DELETE", "/v1/me");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { response: unknown; client: { sessions: unknown[] } };
    expect(body.response).toEqual({ object: "user", id, deleted: true });
    expect(body.client.sessions).toEqual([]);
    await waitFor(() => receiver.received.some((delivery) => delivery.body.includes('"user.deleted"')));
    const types = receiver.received.map((delivery) => (JSON.parse(delivery.body) as { type: string }).type);
    expect(types.filter((type) => type.startsWith("user."))).toEqual(["user.deleted"]);
    await receiver.close();
    expect((await clerk.bapi("GET", `/v1/users/${id}`)).status).toBe(404);
    expect(await sessionStatus(clerk, phoneSession)).toBe("revoked");
    // The browser has no session left to name: the signed-in user's endpoints are gone for it.
    expect((await browser.call("GET", "/v1/me")).status).toBe(404);
  });
});

describe("what a browser may not change", () => {
  it("refuses public or private metadata, and any field PATCH /v1/me does not take, changing nothing", async () => {
    const before = await demo();
    const forms: Record<string, string>[] = [{ public_metadata: JSON.stringify({ role: "admin" }) }, { private_metadata: "{}" }, { first_name: "Eve", public_metadata: "{}" }];
    for (const form of forms) {
      const response = await browser.call("PATCH", "/v1/me", form);
      expect(await errorOf(response)).toMatchObject({ status: 422, code: "form_param_unknown" });
    }
    const after = await demo();
    expect(after.public_metadata).toEqual(before.public_metadata);
    expect(after.first_name).toBe(before.first_name);
  });
});

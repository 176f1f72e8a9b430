import { createHmac } from "node:crypto";

import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { POST } from "@/app/api/webhooks/clerk/route";
import { clerkJsonResponse, clerkUserJson } from "@/test/clerk-user-json";
import { processClerkWebhook } from "@/lib/server/clerk-webhooks";
import { getUserData } from "@/lib/server/user-data-cache";
import { nextCacheState } from "@/test/use-cache-fake";

// The real verifyWebhook against deliveries signed here the way Svix signs them (Standard Webhooks:
// base64 HMAC-SHA256 of "<svix-id>.<svix-timestamp>.<body>" with the key inside the whsec_ secret).

// A made-up key for these tests only.
const SECRET = `whsec_${Buffer.from("unit-test-webhook-signing-key-32b").toString("base64")}`;
const USER_ID = "user_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ";

const env = vi.hoisted(() => ({ webhookSecret: undefined as string | undefined }));

vi.mock("@clerk/nextjs/server", async () => {
  const { createClerkClient } = await import("@clerk/backend");
  return { createClerkClient };
});
vi.mock("@/lib/env", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/env")>()),
  serverEnv: () => ({
    CLERK_SECRET_KEY: "sk_test_unit",
    CLERK_API_URL: "https://api.clerk.test",
    CLERK_WEBHOOK_SIGNING_SECRET: env.webhookSecret,
  }),
}));
vi.mock("next/cache", async () => (await import("@/test/use-cache-fake")).nextCacheFake);
vi.mock("@/lib/server/cached-user-lookup", async (importOriginal) =>
  (await import("@/test/use-cache-fake")).withUseCache(await importOriginal<Record<string, unknown>>()),
);

function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

type Delivery = { type?: string; data?: unknown; id?: string; secret?: string; ageSeconds?: number; body?: string };

function delivery({ type = "user.updated", data = { id: USER_ID, object: "user" }, id = "msg_1", secret = SECRET, ageSeconds = 0, body }: Delivery = {}) {
  const payload = body ?? JSON.stringify({ type, object: "event", data, timestamp: Date.now(), instance_id: "ins_test" });
  const timestamp = Math.floor(Date.now() / 1000) - ageSeconds;
  return new NextRequest("http://localhost/api/webhooks/clerk", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "svix-id": id,
      "svix-timestamp": String(timestamp),
      "svix-signature": sign(secret, id, timestamp, payload),
    },
    body: payload,
  });
}

const invalidateUser = vi.fn<(userId: string) => void>();
const deps = () => ({ signingSecret: SECRET, invalidateUser });

const INVALID = { code: "invalid_argument", message: "The webhook could not be verified.", details: null };

beforeEach(() => {
  nextCacheState.reset();
  vi.spyOn(Date, "now").mockImplementation(nextCacheState.now);
  invalidateUser.mockReset();
  env.webhookSecret = SECRET;
  vi.spyOn(console, "info").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("processClerkWebhook", () => {
  it("answers 400 with the error envelope when the svix headers are missing", async () => {
    const request = new NextRequest("http://localhost/api/webhooks/clerk", { method: "POST", body: "{}" });

    const response = await processClerkWebhook(request, deps());

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(INVALID);
    expect(invalidateUser).not.toHaveBeenCalled();
  });

  it.each<[string, Delivery]>([
    ["signed with another secret", { secret: `whsec_${Buffer.from("some-other-signing-key-32-bytes!").toString("base64")}` }],
    ["older than five minutes", { ageSeconds: 6 * 60 }],
  ])("answers 400 to a delivery %s", async (_case, options) => {
    const response = await processClerkWebhook(delivery(options), deps());

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(INVALID);
    expect(invalidateUser).not.toHaveBeenCalled();
  });

  it("answers 400 when the body is not the one that was signed", async () => {
    const signed = delivery();
    const tampered = new NextRequest(signed.url, {
      method: "POST",
      headers: signed.headers,
      body: JSON.stringify({ type: "user.updated", object: "event", data: { id: "user_someone_else" } }),
    });

    const response = await processClerkWebhook(tampered, deps());

    expect(response.status).toBe(400);
    expect(invalidateUser).not.toHaveBeenCalled();
  });

  it.each(["user.updated", "user.deleted"])("expires the user's cached UserData on %s", async (type) => {
    const data = type === "user.deleted" ? { id: USER_ID, object: "user", deleted: true } : { id: USER_ID, object: "user" };

    const response = await processClerkWebhook(delivery({ type, data }), deps());

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(invalidateUser).toHaveBeenCalledExactlyOnceWith(USER_ID);
  });

  it.each(["user.created", "session.created", "organization.created", "something.clerk.adds.later"])(
    "answers 200 to %s and changes nothing",
    async (type) => {
      const response = await processClerkWebhook(delivery({ type, data: { id: "sess_1", object: "session" } }), deps());

      expect(response.status).toBe(200);
      expect(invalidateUser).not.toHaveBeenCalled();
    },
  );

  it("ignores a user.deleted without an id (nothing to expire, nothing a retry would fix)", async () => {
    const response = await processClerkWebhook(delivery({ type: "user.deleted", data: { object: "user", deleted: true } }), deps());

    expect(response.status).toBe(200);
    expect(invalidateUser).not.toHaveBeenCalled();
  });

  it.each<[string, string]>([
    ["no type", JSON.stringify({ object: "event", data: { id: USER_ID } })],
    ["a type that is not a string", JSON.stringify({ type: 42, object: "event", data: { id: USER_ID } })],
    ["an empty type", JSON.stringify({ type: "", object: "event", data: { id: USER_ID } })],
    ["a JSON array", JSON.stringify([{ type: "user.updated", data: { id: USER_ID } }])],
    ["no data", JSON.stringify({ type: "user.updated", object: "event" })],
    ["data that is an array", JSON.stringify({ type: "session.created", object: "event", data: [USER_ID] })],
    ["a user id that is not a string", JSON.stringify({ type: "user.deleted", object: "event", data: { id: 7 } })],
    ["a user.updated that names no user", JSON.stringify({ type: "user.updated", object: "event", data: { object: "user" } })],
  ])("answers a correctly signed payload with %s with the 400 envelope and a log line, never a 500", async (_case, body) => {
    const response = await processClerkWebhook(delivery({ body }), deps());

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: "invalid_argument",
      message: "The webhook payload is not a Clerk event this app understands.",
      details: null,
    });
    expect(console.warn).toHaveBeenCalledWith("Clerk webhook rejected: a verified payload of the wrong shape", {
      svixId: "msg_1",
      problems: expect.any(Array),
    });
    expect(invalidateUser).not.toHaveBeenCalled();
  });

  it("logs where a payload is wrong but none of its values", async () => {
    await processClerkWebhook(delivery({ body: JSON.stringify({ type: 42, data: { id: "user_secretvalue" } }) }), deps());

    expect(vi.mocked(console.warn).mock.calls).toEqual([
      ["Clerk webhook rejected: a verified payload of the wrong shape", { svixId: "msg_1", problems: ["type"] }],
    ]);
  });

  it("answers 500 and logs why when no signing secret is configured", async () => {
    const response = await processClerkWebhook(delivery(), { signingSecret: undefined, invalidateUser });

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      code: "internal",
      message: "Webhooks are not configured on this deployment.",
      details: null,
    });
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining("CLERK_WEBHOOK_SIGNING_SECRET is not set"), {
      svixId: "msg_1",
    });
    expect(invalidateUser).not.toHaveBeenCalled();
  });
});

describe("POST /api/webhooks/clerk", () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal("fetch", fetchMock);
  });

  it("expires the user's cache tag immediately on user.updated, so the next look-up has the new data", async () => {
    fetchMock
      .mockResolvedValueOnce(clerkJsonResponse(clerkUserJson()))
      .mockResolvedValueOnce(clerkJsonResponse({ ...clerkUserJson(), first_name: "Augusta" }));
    await getUserData(USER_ID);

    const response = await POST(delivery({ type: "user.updated" }));
    const after = await getUserData(USER_ID);

    expect(response.status).toBe(200);
    expect(nextCacheState.revalidations).toEqual([{ tag: `clerk-user:${USER_ID}`, profile: { expire: 0 } }]);
    expect(after.ok && after.userData.first_name).toBe("Augusta");
  });

  it("handles a replayed svix-id harmlessly: same answer, same end state, one extra look-up at most", async () => {
    fetchMock.mockImplementation(async () => clerkJsonResponse(clerkUserJson()));
    await getUserData(USER_ID);

    const first = await POST(delivery({ id: "msg_replayed" }));
    const replay = await POST(delivery({ id: "msg_replayed" }));
    await getUserData(USER_ID);
    await getUserData(USER_ID);

    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(await replay.json()).toEqual({ received: true });
    // One look-up to fill the cache, one after the (repeated) expiry, then cached again.
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("answers 500 without a configured secret", async () => {
    env.webhookSecret = undefined;

    const response = await POST(delivery());

    expect(response.status).toBe(500);
  });
});

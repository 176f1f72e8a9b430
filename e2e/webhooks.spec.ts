// The app's Clerk webhook route, end to end: a delivery that cannot be verified (missing headers, a
// bad signature, a replayed old timestamp, malformed JSON) gets 400 and invalidates nothing; the same
// event, correctly signed, invalidates the user's cached profile. The local Clerk's own deliveries are
// switched off meanwhile, a global setting, so this runs in the "global" project after the others.
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { defaultConfig } from "clerk-local";
import { webhookHeaders, webhookKey, webhookSignature } from "clerk-local/controls";
import { LOCAL_ONLY, localClerk, REAL_CLERK } from "./support/clerk-env";
import { markServerLog } from "./support/server-log";
import { clerkBackend, expect, test } from "./support/fixtures";

test.skip(REAL_CLERK, LOCAL_ONLY);

const WEBHOOK_PATH = "/api/webhooks/clerk";
const KEY = webhookKey(defaultConfig().webhookSecret);
const INVALID_WEBHOOK = { code: "invalid_argument", message: "The webhook could not be verified.", details: null };

async function firstName(request: APIRequestContext, token: string): Promise<string | null> {
  const response = await request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status(), "/api/me").toBe(200);
  return ((await response.json()) as { first_name: string | null }).first_name;
}

test("unverifiable webhooks get 400 and invalidate nothing; the genuine one invalidates", async ({ request, createUser }) => {
  const user = await createUser();
  const session = await clerkBackend.sessions.createSession({ userId: user.id });
  const token = (await clerkBackend.sessions.getToken(session.id, undefined, 600)).jwt;
  const cachedName = await firstName(request, token);

  // Change the user at Clerk without a delivery: only a webhook the app accepts can show the new name.
  const { webhook_url: webhookUrl } = await localClerk.config();
  await localClerk.setConfig({ webhook_url: null });
  try {
    await clerkBackend.users.updateUser(user.id, { firstName: "Renamed" });
    expect(await firstName(request, token), "the cached profile before any webhook").toBe(cachedName);

    const serverLog = markServerLog();
    const event = JSON.stringify({ type: "user.updated", object: "event", timestamp: Date.now(), data: { id: user.id, object: "user" } });
    const id = `msg_${randomUUID()}`;
    const tenMinutesAgo = Date.now() - 10 * 60 * 1000;
    const malformed = `${event.slice(0, -1)},`;

    const deliveries: Record<string, { body: string; headers: Record<string, string> }> = {
      "missing svix headers": { body: event, headers: { "Content-Type": "application/json" } },
      "a bad signature": {
        body: event,
        headers: { ...webhookHeaders(KEY, id, event), "svix-signature": webhookSignature(webhookKey(`whsec_${Buffer.from(randomUUID()).toString("base64")}`), id, Math.floor(Date.now() / 1000), event) },
      },
      "a replayed old timestamp, correctly signed": { body: event, headers: webhookHeaders(KEY, id, event, tenMinutesAgo) },
      "malformed JSON, correctly signed": { body: malformed, headers: webhookHeaders(KEY, id, malformed) },
    };
    for (const [name, delivery] of Object.entries(deliveries)) {
      const response = await request.post(WEBHOOK_PATH, { data: delivery.body, headers: delivery.headers });
      expect({ status: response.status(), body: await response.json() }, name).toEqual({ status: 400, body: INVALID_WEBHOOK });
      expect(await firstName(request, token), `after ${name}: still the cached profile`).toBe(cachedName);
    }
    expect(serverLog.stackFrames(), "stack frames in the server log").toEqual([]);

    // The control: the same event, signed now with the right key, is accepted and invalidates.
    const genuine = await request.post(WEBHOOK_PATH, { data: event, headers: webhookHeaders(KEY, id, event) });
    expect(genuine.status(), "the genuine delivery").toBe(200);
    expect(await firstName(request, token), "after the genuine delivery").toBe("Renamed");
  } finally {
    await localClerk.setConfig({ webhook_url: webhookUrl });
  }
});

test("correctly signed payloads of the wrong shape get the 400 envelope and a log line, an unknown event 200", async ({ request }) => {
  const serverLog = markServerLog();
  const wrongShapes: Record<string, unknown> = {
    "no type": { object: "event", data: { id: "user_x" } },
    "a type that is not a string": { type: 7, object: "event", data: { id: "user_x" } },
    "a JSON array": [{ type: "user.updated", data: { id: "user_x" } }],
  };
  for (const [name, payload] of Object.entries(wrongShapes)) {
    const body = JSON.stringify(payload);
    const response = await request.post(WEBHOOK_PATH, { data: body, headers: webhookHeaders(KEY, `msg_${randomUUID()}`, body) });
    expect({ status: response.status(), body: await response.json() }, name).toEqual({
      status: 400,
      body: { code: "invalid_argument", message: "The webhook payload is not a Clerk event this app understands.", details: null },
    });
  }
  const unknown = JSON.stringify({ type: "something.clerk.adds.later", object: "event", data: { id: "x_1" } });
  const answer = await request.post(WEBHOOK_PATH, { data: unknown, headers: webhookHeaders(KEY, `msg_${randomUUID()}`, unknown) });
  expect({ status: answer.status(), body: await answer.json() }, "an event type the app does not know").toEqual({ status: 200, body: { received: true } });

  await expect
    .poll(() => serverLog.text().split("a verified payload of the wrong shape").length - 1, { message: "one log line per wrong payload" })
    .toBe(Object.keys(wrongShapes).length);
  expect(serverLog.stackFrames(), "stack frames in the server log").toEqual([]);
});

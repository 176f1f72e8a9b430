// Session webhooks (and the user ones beside them) as an app receives them: delivered, Svix-signed,
// accepted by @clerk/backend's verifyWebhook, and shaped as Clerk's webhooks spec says for their type.
import { verifyWebhook } from "@clerk/backend/webhooks";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USER, LOCAL_WEBHOOK_SIGNING_SECRET } from "../config";
import { webhookPayloadErrors, webhooksSpec } from "../spec/webhook-payloads";
import { inProcess, signIn, webhooksSettled, type TestClerk } from "../testing/harness";
import { startReceiver, waitFor, type Receiver } from "../testing/receiver";

// Parsing the spec and compiling its schemas takes seconds on a busy machine: once, up front.
beforeAll(() => {
  for (const type of ["session.created", "user.created"]) webhookPayloadErrors({ type });
}, 60_000);

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function setup(): Promise<{ local: TestClerk; receiver: Receiver }> {
  const receiver = await startReceiver(() => 204);
  cleanup.push(receiver.close);
  const local = await inProcess({ live: { webhook_url: receiver.url, webhook_retry_delays_ms: [20] } });
  cleanup.push(local.close);
  return { local, receiver };
}

/** Backend API calls name themselves, so the events can be checked for who made the change. */
const asServer = { headers: { "User-Agent": "session-test" } };

type Event = { type: string; data: Record<string, unknown> & { id: string; status?: string; user?: { id: string } } };

/** Every delivery so far, verified the way an app's route verifies it. */
async function verifiedEvents(receiver: Receiver): Promise<Event[]> {
  return Promise.all(
    receiver.received.map(async ({ request }) => (await verifyWebhook(request.clone(), { signingSecret: LOCAL_WEBHOOK_SIGNING_SECRET })) as unknown as Event),
  );
}

const specErrors = (event: { type: string }) => webhookPayloadErrors(event);

describe("session webhooks", () => {
  it("announces session.created and session.revoked for Backend API sessions, signed and shaped per the spec", async () => {
    const { local, receiver } = await setup();
    const demo = ((await (await local.bapi("GET", `/v1/users?email_address=${DEMO_USER.email}`, undefined, asServer)).json()) as { id: string }[])[0]!;
    const session = (await (await local.bapi("POST", "/v1/sessions", { user_id: demo.id }, asServer)).json()) as { id: string };
    await local.bapi("POST", `/v1/sessions/${session.id}/revoke`, undefined, asServer);
    // Revoking again changes nothing and announces nothing.
    await local.bapi("POST", `/v1/sessions/${session.id}/revoke`, undefined, asServer);
    await waitFor(() => receiver.received.length === 2);
    await webhooksSettled(local);
    expect(receiver.received).toHaveLength(2);

    const events = await verifiedEvents(receiver);
    expect(events.map((e) => [e.type, e.data.status])).toEqual([
      ["session.created", "active"],
      ["session.revoked", "revoked"],
    ]);
    for (const event of events) {
      expect(specErrors(event), event.type).toEqual([]);
      expect(event).toMatchObject({
        object: "event",
        instance_id: "ins_local",
        data: { id: session.id, object: "session", user_id: demo.id, user: { id: demo.id, object: "user", first_name: DEMO_USER.firstName } },
        event_attributes: { http_request: { user_agent: "session-test" } },
      });
    }
    expect(receiver.received[0]!.headers["svix-signature"]).toMatch(/^v1,/);
  });

  it("announces session.ended and session.removed when a browser signs out", async () => {
    const { local, receiver } = await setup();
    const browser = await local.devBrowser("browser-test");
    const first = await signIn(browser);
    expect((await browser.call("POST", `/v1/client/sessions/${first}/end`, {})).status).toBe(200);
    const second = await signIn(browser);
    expect((await browser.call("POST", `/v1/client/sessions/${second}/remove`, {})).status).toBe(200);
    await waitFor(() => receiver.received.length === 4);

    const events = await verifiedEvents(receiver);
    expect(events.map((e) => [e.type, e.data.id, e.data.status])).toEqual([
      ["session.created", first, "active"],
      ["session.ended", first, "ended"],
      ["session.created", second, "active"],
      ["session.removed", second, "removed"],
    ]);
    for (const event of events) expect(specErrors(event), event.type).toEqual([]);
    // Browser sessions belong to the browser's client.
    expect(events[0]!.data.client_id).toMatch(/^client_/);
  });

  it("revokes a deleted user's sessions before announcing user.deleted, all per the spec", async () => {
    const { local, receiver } = await setup();
    const user = (await (await local.bapi("POST", "/v1/users", { email_address: ["gone@example.com"], password: "long-enough-1" }, asServer)).json()) as { id: string };
    const session = (await (await local.bapi("POST", "/v1/sessions", { user_id: user.id }, asServer)).json()) as { id: string };
    await local.bapi("PUT", "/v1/users/" + user.id + "/metadata", { public_metadata: { plan: "pro" } }, asServer);
    await local.bapi("DELETE", `/v1/users/${user.id}`, undefined, asServer);
    await waitFor(() => receiver.received.length === 5);

    const events = await verifiedEvents(receiver);
    expect(events.map((e) => e.type)).toEqual(["user.created", "session.created", "user.updated", "session.revoked", "user.deleted"]);
    for (const event of events) expect(specErrors(event), event.type).toEqual([]);
    expect(events[3]!.data).toMatchObject({ id: session.id, status: "revoked", user: { id: user.id, public_metadata: { plan: "pro" } } });
  });

  it("announces user.updated for each Backend API email address change", async () => {
    const { local, receiver } = await setup();
    const user = (await (await local.bapi("POST", "/v1/users", { email_address: ["addr@example.com"], password: "long-enough-1" }, asServer)).json()) as { id: string };
    const address = (await (await local.bapi("POST", "/v1/email_addresses", { user_id: user.id, email_address: "more@example.com" }, asServer)).json()) as { id: string };
    await local.bapi("PATCH", `/v1/email_addresses/${address.id}`, { verified: true }, asServer);
    await local.bapi("DELETE", `/v1/email_addresses/${address.id}`, undefined, asServer);
    // A refused change announces nothing.
    await local.bapi("POST", "/v1/email_addresses", { user_id: user.id, email_address: "addr@example.com" }, asServer);
    await waitFor(() => receiver.received.length === 4);
    await webhooksSettled(local);
    expect(receiver.received).toHaveLength(4);

    const events = await verifiedEvents(receiver);
    expect(events.map((e) => e.type)).toEqual(["user.created", "user.updated", "user.updated", "user.updated"]);
    for (const event of events) expect(specErrors(event), event.type).toEqual([]);
    const addresses = (event: Event) => (event.data.email_addresses as { email_address: string }[]).map((e) => e.email_address);
    expect(events.map(addresses)).toEqual([["addr@example.com"], ["addr@example.com", "more@example.com"], ["addr@example.com", "more@example.com"], ["addr@example.com"]]);
  });
});

describe("the webhooks spec's session payload schema", () => {
  it("accepts its own example only with allOf merged: Session's additionalProperties: false refuses `user` otherwise", () => {
    const example = webhooksSpec().components.examples.SessionRevokedEventPayloadExample!.value as { type: string };
    expect(webhookPayloadErrors(example)).toEqual([]);
    const literal = webhookPayloadErrors(example, { mergeAllOf: false });
    expect(literal.join("\n")).toMatch(/additional properties.*"user"/);
  });

  it("refuses a session payload without its user", () => {
    const payload = { object: "event", type: "session.created", timestamp: 1, instance_id: "ins_x", data: { object: "session", id: "sess_1" } };
    expect(specErrors(payload).join("\n")).toMatch(/user/);
  });
});

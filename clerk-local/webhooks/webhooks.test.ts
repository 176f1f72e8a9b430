// Webhook delivery checked the way an app's route checks it: with Clerk's own verifyWebhook.
import { verifyWebhook } from "@clerk/backend/webhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LOCAL_WEBHOOK_SIGNING_SECRET } from "../config";
import { inProcess, webhooksSettled, type TestClerk } from "../testing/harness";
import { startReceiver, waitFor, type Receiver } from "../testing/receiver";
import { webhookKey, webhookSignature } from "./signing";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (cleanup.length) await cleanup.pop()!();
});

async function receiver(answer: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const r = await startReceiver(answer);
  cleanup.push(r.close);
  return r;
}

async function localClerk(webhookUrl: string | null, retryDelaysMs = [20, 40, 80, 160]): Promise<TestClerk> {
  const local = await inProcess({ live: { webhook_url: webhookUrl, webhook_retry_delays_ms: retryDelaysMs } });
  cleanup.push(local.close);
  return local;
}

/** Backend API calls name themselves, so the events can be checked for who made the change. */
const asServer = { headers: { "User-Agent": "webhook-test" } };

const deliveries = async (local: TestClerk) => (await local.controls.webhooks()).deliveries;

describe("webhook signatures", () => {
  it("sign as Standard Webhooks specifies (HMAC-SHA256 over id.timestamp.body, base64)", () => {
    // Vector from the Standard Webhooks specification's reference implementations (test key).
    const key = webhookKey("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"); // the specification's test key
    const body = '{"test": 2432232314}';
    expect(webhookSignature(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });

  it("refuse a malformed secret", () => {
    expect(() => webhookKey("not-a-secret")).toThrow(/whsec_/);
    expect(() => webhookKey("whsec_c2hvcnQ=")).toThrow(/16/); // a test value: too short
    expect(() => webhookKey(LOCAL_WEBHOOK_SIGNING_SECRET)).not.toThrow();
  });
});

describe("user webhooks", () => {
  it("delivers user.created, .updated and .deleted in order, verifiable by verifyWebhook, retrying after a 500", async () => {
    // The first attempt fails: the user.created retry must still come before user.updated.
    const r = await receiver((_request, index) => (index === 0 ? 500 : 204));
    const local = await localClerk(r.url);

    const created = await local.bapi(
      "POST",
      "/v1/users",
      { email_address: ["hook@example.com"], password: "long-enough-1", first_name: "Hook", external_id: "ext-1" },
      asServer,
    );
    const { id } = (await created.json()) as { id: string };
    await local.bapi("PATCH", `/v1/users/${id}`, { first_name: "Hooked" }, asServer);
    await local.bapi("DELETE", `/v1/users/${id}`, undefined, asServer);
    await waitFor(() => r.received.length === 4);

    const events = await Promise.all(
      r.received.map((received) => verifyWebhook(received.request.clone(), { signingSecret: LOCAL_WEBHOOK_SIGNING_SECRET })),
    );
    expect(events.map((e) => e.type)).toEqual(["user.created", "user.created", "user.updated", "user.deleted"]);
    // A retry is the same message: same svix-id, so receivers can deduplicate.
    expect(r.received[1]!.headers["svix-id"]).toBe(r.received[0]!.headers["svix-id"]);
    expect(r.received[0]!.headers["svix-id"]).toMatch(/^msg_/);
    expect(Number(r.received[0]!.headers["svix-timestamp"])).toBeCloseTo(Date.now() / 1000, -2);

    const [first, , updated, deleted] = events;
    expect(first).toMatchObject({
      object: "event",
      instance_id: "ins_local",
      data: { id, object: "user", first_name: "Hook", external_id: "ext-1", password_enabled: true },
      event_attributes: { http_request: { client_ip: "", user_agent: "webhook-test" } },
    });
    expect(first!.timestamp).toBeGreaterThan(Date.now() - 10_000);
    expect((first!.data as { email_addresses: { email_address: string }[] }).email_addresses[0]!.email_address).toBe("hook@example.com");
    expect(updated!.data).toMatchObject({ id, first_name: "Hooked" });
    expect(deleted!.data).toEqual({ id, object: "user", deleted: true, external_id: "ext-1" });

    // The receiver has the last request; the dispatcher may not have read its answer yet.
    await webhooksSettled(local);
    const log = await local.controls.webhooks();
    expect(log.pending).toBe(0);
    expect(log.deliveries.map((d) => [d.type, d.status, d.attempts])).toEqual([
      ["user.created", "delivered", 2],
      ["user.updated", "delivered", 1],
      ["user.deleted", "delivered", 1],
    ]);
  });

  it("gives up after the last retry with one log line, and keeps serving", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const r = await receiver(() => 404);
    const local = await localClerk(r.url, [5, 5]);
    await local.bapi("POST", "/v1/users", { email_address: ["gone@example.com"], password: "long-enough-1" }, asServer);
    await waitFor(() => r.received.length === 3);
    await webhooksSettled(local);
    expect((await deliveries(local))[0]).toMatchObject({ status: "failed", attempts: 3, last_response_status: 404 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/user\.created .* not delivered .* after 3 attempts: HTTP 404/);
    expect(await local.controls.isUp()).toBe(true);
  });

  it("retries through network errors (nothing listening yet)", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const local = await localClerk("http://127.0.0.1:9/nothing-here", [5]);
    await local.bapi("POST", "/v1/users", { email_address: ["net@example.com"], password: "long-enough-1" }, asServer);
    await waitFor(async () => (await deliveries(local))[0]?.status === "failed");
    expect((await deliveries(local))[0]).toMatchObject({ attempts: 2, last_response_status: null });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("announces a Frontend API sign-up with the finished user", async () => {
    const r = await receiver(() => 200);
    const local = await localClerk(r.url);
    const browser = await local.devBrowser();
    const form = (path: string, fields: Record<string, string>) => browser.call("POST", path, fields);
    const started = (await (await form("/v1/client/sign_ups", { email_address: "new@example.com", password: "long-enough-1" })).json()) as {
      response: { id: string };
    };
    await form(`/v1/client/sign_ups/${started.response.id}/prepare_verification`, { strategy: "email_code" });
    await form(`/v1/client/sign_ups/${started.response.id}/attempt_verification`, { strategy: "email_code", code: "424242" });
    // The user, then the session the finished sign-up starts.
    await waitFor(() => r.received.length >= 2);
    const [event, session] = await Promise.all(
      r.received.map((received) => verifyWebhook(received.request.clone(), { signingSecret: LOCAL_WEBHOOK_SIGNING_SECRET })),
    );
    expect(event).toMatchObject({ type: "user.created", data: { password_enabled: true } });
    expect(session).toMatchObject({ type: "session.created", data: { user_id: event!.data.id, status: "active" } });
    expect(r.received).toHaveLength(2);
  });

  it("sends nothing without a URL, starts when one is configured at runtime, and drops queued messages on reset", async () => {
    const local = await localClerk(null);
    await local.bapi("POST", "/v1/users", { email_address: ["quiet@example.com"], password: "long-enough-1" }, asServer);
    await Promise.resolve();
    expect(await deliveries(local)).toEqual([]);

    let release: (status: number) => void = () => undefined;
    const r = await receiver(() => new Promise<number>((resolve) => (release = resolve)));
    expect((await local.controls.setConfig({ webhook_url: r.url })).webhook_url).toBe(r.url);
    await local.bapi("POST", "/v1/users", { email_address: ["loud@example.com"], password: "long-enough-1" }, asServer);
    await waitFor(() => r.received.length === 1);

    await local.controls.reset();
    release(200);
    // Reset also restores the start-up settings: no URL again.
    expect(await local.controls.webhooks()).toMatchObject({ url: null, deliveries: [{ status: "dropped" }] });
  });

  it("rejects a malformed signing secret at start", async () => {
    const malformed = "whsec_nope"; // test value
    await expect(inProcess({ webhookSecret: malformed })).rejects.toThrow(/CLERK_LOCAL_WEBHOOK_SECRET/);
  });
});

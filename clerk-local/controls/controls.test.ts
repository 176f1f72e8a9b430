// The /__clerk_local/ controls: strict validation, live effect, reset and counts.
import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_USER } from "../config";
import { errorOf, inProcess, jsonOf, type TestClerk } from "../testing/harness";

let clerk: TestClerk;

beforeEach(async () => {
  clerk = await inProcess();
});
afterEach(() => clerk.close());

/** A control called raw: these tests look at the refusals the typed client would throw on. */
function control(path: string, method = "GET", body?: unknown) {
  return clerk.request(`/__clerk_local/${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

const bapi = (path: string, method = "GET", body?: unknown) => clerk.bapi(method, path, body);

describe("GET/PUT /__clerk_local/config", () => {
  it("reads the current settings", async () => {
    expect(await (await control("config")).json()).toEqual({
      bapi_latency_ms: 0,
      bapi_fault: null,
      fapi_latency_ms: 0,
      fapi_fault: null,
      bundle_fault: null,
      token_ttl_s: 60,
      webhook_url: null,
      webhook_retry_delays_ms: [500, 1000, 2000, 4000],
    });
  });

  it("applies partial updates and answers with the whole config", async () => {
    const first = await control("config", "PUT", { bapi_latency_ms: 5 });
    expect(await first.json()).toMatchObject({ bapi_latency_ms: 5, token_ttl_s: 60 });
    const second = await control("config", "PUT", { bapi_fault: { status: 429, rate: 0.5 }, token_ttl_s: 30 });
    expect(await second.json()).toMatchObject({ bapi_latency_ms: 5, bapi_fault: { status: 429, rate: 0.5 }, token_ttl_s: 30 });
    const timeout = await control("config", "PUT", { bapi_fault: { mode: "timeout" } });
    expect(await timeout.json()).toMatchObject({ bapi_fault: { mode: "timeout", rate: 1 } });
  });

  it.each([
    [{ bapi_latency_ms: -1 }, "form_param_value_invalid", "bapi_latency_ms"],
    [{ bapi_latency_ms: 1.5 }, "form_param_value_invalid", "bapi_latency_ms"],
    [{ bapi_latency_ms: "10" }, "form_param_value_invalid", "bapi_latency_ms"],
    [{ bapi_latency_ms: 1e309 }, "form_param_value_invalid", "bapi_latency_ms"],
    [{ bapi_fault: { status: 404 } }, "form_param_value_invalid", "bapi_fault.status"],
    [{ bapi_fault: { status: 429, rate: 2 } }, "form_param_value_invalid", "bapi_fault.rate"],
    [{ bapi_fault: { mode: "slow" } }, "form_param_value_invalid", "bapi_fault.mode"],
    [{ bapi_fault: { status: 429, mode: "timeout" } }, "form_param_value_invalid", "bapi_fault"],
    [{ bapi_fault: { status: 429, extra: 1 } }, "form_param_unknown", "bapi_fault.extra"],
    [{ bapi_fault: [429] }, "form_param_value_invalid", "bapi_fault"],
    [{ fapi_latency_ms: 60_001 }, "form_param_value_invalid", "fapi_latency_ms"],
    [{ fapi_fault: { status: 404 } }, "form_param_value_invalid", "fapi_fault.status"],
    [{ fapi_fault: { mode: "timeout", rate: -0.1 } }, "form_param_value_invalid", "fapi_fault.rate"],
    [{ bundle_fault: { status: 500 } }, "form_param_value_invalid", "bundle_fault.status"],
    [{ bundle_fault: { status: 404, bundle: "clerk" } }, "form_param_value_invalid", "bundle_fault.bundle"],
    [{ bundle_fault: { mode: "timeout", status: 404 } }, "form_param_value_invalid", "bundle_fault"],
    [{ bundle_fault: { status: 404, path: "/" } }, "form_param_unknown", "bundle_fault.path"],
    [{ bundle_fault: "404" }, "form_param_value_invalid", "bundle_fault"],
    [{ token_ttl_s: 0 }, "form_param_value_invalid", "token_ttl_s"],
    [{ webhook_url: "ftp://example.com" }, "form_param_value_invalid", "webhook_url"],
    [{ webhook_retry_delays_ms: [1, -1] }, "form_param_value_invalid", "webhook_retry_delays_ms"],
    [{ bapi_latency: 5 }, "form_param_unknown", "bapi_latency"],
  ])("rejects %j with 422", async (body, code, param) => {
    const response = await control("config", "PUT", body);
    expect(response.status).toBe(422);
    expect(await errorOf(response)).toMatchObject({ code, param });
  });

  it("changes nothing when one field of an update is bad", async () => {
    await control("config", "PUT", { bapi_latency_ms: 7, token_ttl_s: 0 });
    expect(await (await control("config")).json()).toMatchObject({ bapi_latency_ms: 0, token_ttl_s: 60 });
  });

  it("answers malformed bodies with 400", async () => {
    for (const body of ["{nope", "[]", "42", '"text"', "null"]) {
      const response = await control("config", "PUT", body);
      expect(response.status, body).toBe(400);
      expect((await errorOf(response)).code).toBe("malformed_request");
    }
  });

  it("makes token_ttl_s the lifetime of the next tokens, Frontend and Backend API alike", async () => {
    await control("config", "PUT", { token_ttl_s: 17 });
    expect((await clerk.controls.config()).token_ttl_s).toBe(17);
    const [demo] = (await (await bapi(`/v1/users?email_address=${DEMO_USER.email}`)).json()) as { id: string }[];
    const session = (await (await bapi("/v1/sessions", "POST", { user_id: demo!.id })).json()) as { id: string };
    const { jwt } = (await (await bapi(`/v1/sessions/${session.id}/tokens`, "POST")).json()) as { jwt: string };
    const claims = decodeJwt(jwt);
    expect(claims.exp! - claims.iat!).toBe(17);

    const browser = await clerk.devBrowser();
    const signIn = await browser.call("POST", "/v1/client/sign_ins", { identifier: DEMO_USER.email, strategy: "password", password: DEMO_USER.password });
    const { client } = await jsonOf<{ client: { sessions: { last_active_token: { jwt: string } }[] } }>(signIn);
    const browserClaims = decodeJwt(client.sessions[0]!.last_active_token.jwt);
    expect(browserClaims.exp! - browserClaims.iat!).toBe(17);
  });
});

describe("faults", () => {
  it("fail every second request at rate 0.5, and only the Backend API", async () => {
    await control("config", "PUT", { bapi_fault: { status: 500, rate: 0.5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await bapi("/v1/users/count")).status);
    expect(statuses).toEqual([200, 500, 200, 500, 200, 500]);
    expect((await clerk.request("/v1/dev_browser", { method: "POST" })).status).toBe(200);
    expect(((await (await control("stats")).json()) as { bapi_faults: unknown }).bapi_faults).toEqual({ "500": 3 });
  });

  it("fail the Frontend API on its own, and never its CORS preflights", async () => {
    await control("config", "PUT", { fapi_fault: { status: 503, rate: 0.5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await clerk.request("/v1/environment")).status);
    expect(statuses).toEqual([200, 503, 200, 503]);
    const preflight = await clerk.request("/v1/client", { method: "OPTIONS", headers: { Origin: "http://localhost:3000" } });
    expect(preflight.status).toBe(204);
    expect((await bapi("/v1/users/count")).status).toBe(200);
    const stats = (await (await control("stats")).json()) as { fapi_faults: unknown; bapi_faults: unknown };
    expect(stats).toMatchObject({ fapi_faults: { "503": 2 }, bapi_faults: {} });
  });

  it("hold a Frontend API request under the timeout fault until the fault is lifted, then answer 503", async () => {
    await control("config", "PUT", { fapi_fault: { mode: "timeout" } });
    let settled = false;
    const held = Promise.resolve(clerk.request("/v1/environment")).then((response) => {
      settled = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    await control("config", "PUT", { fapi_fault: null });
    expect((await held).status).toBe(503);
    expect((await clerk.request("/v1/environment")).status).toBe(200);
  });

  it("delay the Frontend API by fapi_latency_ms", async () => {
    await control("config", "PUT", { fapi_latency_ms: 120 });
    const started = performance.now();
    expect((await clerk.request("/v1/environment")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  it("fail the chosen static bundle with a plain 404, leaving the other one served", async () => {
    const bundlePath = (name: "clerk-js" | "ui", file: string) => `/npm/@clerk/${name}@${name === "ui" ? 1 : 6}/dist/${file}`;
    await control("config", "PUT", { bundle_fault: { status: 404, bundle: "ui" } });
    const ui = await clerk.request(bundlePath("ui", "ui.browser.js"));
    expect(ui.status).toBe(404);
    expect(await ui.text()).toBe("Not Found");
    expect((await clerk.request(bundlePath("clerk-js", "clerk.browser.js"))).status).toBe(200);

    await control("config", "PUT", { bundle_fault: { mode: "timeout" } });
    let settled = false;
    const held = Promise.resolve(clerk.request(bundlePath("clerk-js", "clerk.browser.js"))).then((response) => {
      settled = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    await control("reset", "POST");
    expect((await held).status).toBe(503);
    expect((await clerk.request(bundlePath("clerk-js", "clerk.browser.js"))).status).toBe(200);
  });

  it("come before authentication, like a rate limiter in front of the API", async () => {
    await control("config", "PUT", { bapi_fault: { status: 429 } });
    const response = await clerk.request("/v1/users", { headers: { Authorization: "Bearer sk_test_wrong" } });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
  });
});

describe("stats", () => {
  it("counts Backend and Frontend API requests by route pattern, and resets", async () => {
    const [demo] = (await (await bapi(`/v1/users?email_address=${DEMO_USER.email}`)).json()) as { id: string }[];
    await bapi(`/v1/users/${demo!.id}`);
    await bapi("/v1/users/user_unknown");
    await bapi("/v1/nothing-here/x");
    await bapi("/v1/users", "PUT");
    await clerk.request("/v1/environment?_method=PATCH", { method: "POST" });
    const stats = (await (await control("stats")).json()) as { bapi: Record<string, number>; fapi: Record<string, number> };
    // A request no route takes counts for the API that declares its path, else the one its secret key calls.
    expect(stats.bapi).toEqual({ "GET (no route)": 1, "GET /v1/users": 1, "GET /v1/users/:id": 2, "PUT (no route)": 1 });
    expect(stats.fapi).toEqual({ "PATCH /v1/environment": 1 });

    for (const [path, method] of [["stats/reset", "POST"], ["stats", "DELETE"]] as const) {
      await bapi("/v1/jwks");
      const cleared = (await (await control(path, method)).json()) as { bapi: Record<string, number> };
      expect(cleared.bapi).toEqual({});
    }
  });
});

describe("reset", () => {
  it("restores the users, the live settings and the counts the server started with", async () => {
    const [demoBefore] = (await (await bapi(`/v1/users?email_address=${DEMO_USER.email}`)).json()) as { id: string }[];
    await bapi("/v1/users", "POST", { email_address: ["extra@example.com"], password: "long-enough-1" });
    await bapi(`/v1/users/${demoBefore!.id}`, "DELETE");
    await control("config", "PUT", { bapi_fault: { status: 503 }, token_ttl_s: 5 });

    const response = await control("reset", "POST");
    expect(await response.json()).toEqual({ status: "reset", users: 1 });
    expect(await (await control("config")).json()).toMatchObject({ bapi_fault: null, token_ttl_s: 60 });
    expect(((await (await control("stats")).json()) as { bapi: unknown }).bapi).toEqual({});
    const [demoAfter] = (await (await bapi(`/v1/users?email_address=${DEMO_USER.email}`)).json()) as { id: string }[];
    // Same id as before: the seeded users are restored, not re-created.
    expect(demoAfter!.id).toBe(demoBefore!.id);
  });

  it("answers wrong methods on controls with 405 and unknown controls with 404", async () => {
    const wrong = await control("reset", "GET");
    expect(wrong.status).toBe(405);
    expect((await errorOf(wrong)).code).toBe("method_not_allowed");
    expect((await control("nope")).status).toBe(404);
  });
});

describe("state export", () => {
  it("serves the users in the state file format", async () => {
    const exported = (await (await control("state")).json()) as { format: string; users: { email_addresses: { email_address: string }[] }[] };
    expect(exported.format).toBe("clerk-local/users");
    expect(exported.users[0]!.email_addresses[0]!.email_address).toBe(DEMO_USER.email);
  });
});

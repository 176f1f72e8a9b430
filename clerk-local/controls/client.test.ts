// The controls client against a running local Clerk: typed answers, and errors that name the control.
import { importJWK, jwtVerify, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonOf, overHttp, type TestClerk } from "../testing/harness";
import { localClerkControls, type LocalClerkControls } from "./client";

let running: TestClerk;
let controls: LocalClerkControls;

beforeAll(async () => {
  running = await overHttp();
  controls = localClerkControls(`${running.url}/`);
});
afterAll(() => running.close());

describe("localClerkControls", () => {
  it("reads health and writes live settings, faults included", async () => {
    expect(await controls.health()).toMatchObject({ status: "ok", publishable_key: running.services.publishableKey });
    expect(await controls.isUp()).toBe(true);
    expect((await controls.setConfig({ bapi_latency_ms: 5 })).bapi_latency_ms).toBe(5);
    expect((await controls.setFault({ status: 503, rate: 1 })).bapi_fault).toEqual({ status: 503, rate: 1 });
    expect((await controls.setFapiFault({ mode: "timeout", rate: 0.5 })).fapi_fault).toEqual({ mode: "timeout", rate: 0.5 });
    expect((await controls.setBundleFault({ status: 404, bundle: "ui" })).bundle_fault).toEqual({ status: 404, rate: 1, bundle: "ui" });
    expect(await controls.config()).toMatchObject({ bapi_latency_ms: 5, bapi_fault: { status: 503, rate: 1 } });
    await controls.reset();
    expect(await controls.config()).toMatchObject({ bapi_latency_ms: 0, bapi_fault: null, fapi_fault: null, bundle_fault: null });
  });

  it("counts requests and resets the counts", async () => {
    await running.bapi("GET", "/v1/jwks");
    expect(Object.values((await controls.stats()).bapi).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    expect((await controls.resetStats()).bapi).toEqual({});
  });

  it("reads webhooks, the state export and the contract report", async () => {
    expect(await controls.contract()).toHaveProperty("coverage");
    expect(await controls.webhooks()).toEqual({ url: null, pending: 0, deliveries: [] });
    expect(JSON.parse(await controls.state())).toHaveProperty("users");
  });

  it("gives the key the server signs with, which verifies against its JWKS", async () => {
    const { kid, private_jwk } = await controls.signingKey();
    const token = await new SignJWT({ sub: "user_x" })
      .setProtectedHeader({ alg: "RS256", kid })
      .sign(await importJWK({ ...private_jwk, alg: "RS256" }, "RS256"));
    const { keys } = await jsonOf<{ keys: { kid: string }[] }>(await running.bapi("GET", "/v1/jwks"));
    const publicJwk = keys.find((key) => key.kid === kid);
    expect(publicJwk).toBeDefined();
    const { payload } = await jwtVerify(token, await importJWK({ ...publicJwk, alg: "RS256" }, "RS256"));
    expect(payload.sub).toBe("user_x");
  });

  it("throws an error naming the control, the status and the body", async () => {
    await expect(controls.setConfig({ bapi_latency_ms: -1 })).rejects.toThrow(
      /^PUT \/__clerk_local\/config answered 422: .*bapi_latency_ms/,
    );
    await expect(controls.outage(0)).rejects.toThrow(/^POST \/__clerk_local\/outage answered 422/);
  });

  it("says a server that does not answer is down", async () => {
    const nobody = localClerkControls("http://127.0.0.1:9");
    expect(await nobody.isUp()).toBe(false);
    await expect(nobody.health()).rejects.toThrow(/^GET \/__clerk_local\/health failed/);
  });
});

import { Hono } from "hono";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { contractFor } from "./contract";
import { formatContractReport } from "./format-report";
import { bapiUser, clerkErrors } from "../testing/spec-fixtures";
import { ApiRoutes } from "../http/routes";
import { contractCheck, recordResponse } from "./middleware";
import { createContractRecorder, type ContractRecorder } from "./recorder";

// Reading both specs and compiling the first validators takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => {
  contractFor("bapi");
  contractFor("fapi");
}, 60_000);

/** A few routes declared the way the server declares its own, each behind the contract check. */
function tinyServer(recorder?: ContractRecorder): Hono {
  const app = new Hono();
  const routes = new ApiRoutes();
  routes.backend.get("/v1/users/count", (c) => c.json({ object: "total_count", total_count: 1 }));
  routes.backend.get("/v1/users/:id", (c) => (c.req.param("id") === "broken" ? c.json({ ...bapiUser(), id: 7 }) : c.json(bapiUser())));
  routes.frontend.get("/v1/client", (c) => c.json({ response: null, client: null }));
  // As clerk-js sends it: a PATCH tunnelled through POST.
  routes.frontend.post("/v1/me", (c) => c.json({ response: "not a user", client: null }, 200, { "x-extra": "1" }));
  routes.frontend.get("/v1/environment", (c) => c.text("plain", 200));
  routes.frontend.get("/v1/made-up", (c) => c.json({ made: "up" }));
  routes.register(app, { bapi: () => (recorder ? [contractCheck(recorder, "bapi")] : []), fapi: () => (recorder ? [contractCheck(recorder, "fapi")] : []) });
  app.get("/healthz", (c) => c.json({ ok: "anything" }));
  app.notFound(async (c) => {
    const response = c.json(clerkErrors("resource_not_found", `No route for ${c.req.method} ${c.req.path}`), 404);
    if (recorder) await recordResponse(recorder, c, null, response);
    return response;
  });
  return app;
}

const REQUESTS: [string, RequestInit?][] = [
  ["/v1/users/user_1"],
  ["/v1/users/user_1"],
  ["/v1/users/broken"],
  ["/v1/users/broken"],
  ["/v1/users/count"],
  ["/v1/client?__clerk_api_version=2026-05-12"],
  ["/v1/me?_method=PATCH", { method: "POST", body: "first_name=Ada" }],
  ["/v1/me/email_addresses", { method: "POST" }],
  ["/v1/sign_in_tokens", { method: "POST" }],
  ["/v1/environment"],
  ["/v1/not-in-any-spec"],
  ["/v1/made-up"],
  ["/v1/client", { method: "OPTIONS" }],
  ["/healthz"],
];

async function snapshot(response: Response) {
  return { status: response.status, headers: [...response.headers], body: await response.text() };
}

describe("contractCheck", () => {
  it("never changes a response", async () => {
    const plain = tinyServer();
    const checked = tinyServer(createContractRecorder({ errata: [] }));
    for (const [path, init] of REQUESTS) {
      expect(await snapshot(await checked.request(path, init))).toEqual(await snapshot(await plain.request(path, init)));
    }
  });

  it("records served and un-routed operations, with violations counted once per kind", async () => {
    const recorder = createContractRecorder({ errata: [] });
    const app = tinyServer(recorder);
    for (const [path, init] of REQUESTS) await app.request(path, init);
    const report = recorder.report();

    expect(report.coverage.bapi).toMatchObject({ served: 2, total: 249, operations: ["GetUser", "GetUsersCount"] });
    expect(report.coverage.fapi).toMatchObject({ served: 3, total: 202 });
    expect(report.coverage.fapi.operations).toEqual(["getClient", "getEnvironment", "patchUser"]);
    // No route took sign_in_tokens here; the Backend API spec knows it.
    expect(report.reachedNotServed).toEqual([
      "POST /v1/me/email_addresses (createEmailAddresses)",
      "POST /v1/sign_in_tokens (CreateSignInToken)",
    ]);
    expect(report.outsideSpec).toEqual(["GET /v1/made-up", "GET /v1/not-in-any-spec (no route)"]);
    // A route that answers outside both specs is a violation; a request no route took is only listed.
    expect(report.violations.map((v) => [v.operationId, v.pointer, v.count])).toEqual([
      ["GetUser", "/id", 2],
      ["patchUser", "/response", 1],
      ["patchUser", "/client", 1],
      ["(none)", "", 1],
    ]);
    expect(report.violations.at(-1)?.text).toBe("GET /v1/made-up 200: no operation of the Frontend API spec describes this route");
    expect(report.waived).toEqual([]);
  });

  it("moves violations that match an erratum to waived", async () => {
    const recorder = createContractRecorder({
      errata: [
        {
          api: "bapi",
          operationId: "GetUser",
          status: 200,
          pointer: "/id",
          keyword: "type",
          reason: "test",
          evidence: { source: "test", shows: "test" },
        },
      ],
    });
    await tinyServer(recorder).request("/v1/users/broken");
    const report = recorder.report();
    expect(report.violations).toEqual([]);
    expect(report.waived.map((v) => v.pointer)).toEqual(["/id"]);
  });

  it("records a JSON body that does not parse", async () => {
    const recorder = createContractRecorder({ errata: [] });
    const app = new Hono();
    app.use("*", contractCheck(recorder, "fapi"));
    app.get("/v1/client", (c) => c.body("{oops", 200, { "content-type": "application/json" }));
    expect(await (await app.request("/v1/client")).text()).toBe("{oops");
    expect(recorder.report().violations.map((v) => v.keyword)).toEqual(["json"]);
  });
});

describe("formatContractReport", () => {
  it("prints coverage, the reached-but-not-served list, the waived count and each violation", async () => {
    const recorder = createContractRecorder({ errata: [] });
    const app = tinyServer(recorder);
    for (const [path, init] of REQUESTS) await app.request(path, init);
    const text = formatContractReport(recorder.report());
    expect(text).toContain("Frontend API: 3 of 202 operations served");
    expect(text).toContain("Backend API: 2 of 249 operations served");
    expect(text).toContain("Reached but not served: 2\n  POST /v1/me/email_addresses (createEmailAddresses)\n");
    expect(text).toContain("Waived (errata): 0 distinct, 0 in all");
    expect(text).toContain("  GetUser (GET /v1/users/{user_id}) 200 /id: must be string (x2)");
    expect(text).toContain("  GET /v1/made-up 200: no operation of the Frontend API spec describes this route");
  });
});

// How routes are declared: a catch-all never shadows a later route, every Backend API route is behind
// the secret key, and every route the server declares is an operation of Clerk's specs.
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractFor } from "../spec/contract";
import { inProcess, TEST_SECRET } from "../testing/harness";
import { ApiRoutes } from "./routes";

describe("ApiRoutes", () => {
  it("registers the most specific route first, whatever the order of declaration", async () => {
    const routes = new ApiRoutes();
    routes.frontend.get("/v1/me/*", (c) => c.text("catch-all"));
    routes.frontend.get("/v1/me/:thing", (c) => c.text(`param ${c.req.param("thing")}`));
    routes.frontend.get("/v1/me/sessions", (c) => c.text("literal"));
    routes.frontend.get("/v1/*", (c) => c.text("wider catch-all"));
    const app = new Hono();
    routes.register(app, { bapi: () => [], fapi: () => [] });
    const text = async (path: string) => (await app.request(path)).text();
    expect(await text("/v1/me/sessions")).toBe("literal");
    expect(await text("/v1/me/passkeys")).toBe("param passkeys");
    expect(await text("/v1/me/passkeys/x")).toBe("catch-all");
    expect(await text("/v1/elsewhere")).toBe("wider catch-all");
    expect(routes.list().map((route) => route.path)).toEqual(["/v1/me/sessions", "/v1/me/:thing", "/v1/me/*", "/v1/*"]);
  });

  it("refuses a route declared twice, and tells which API a path belongs to", () => {
    const routes = new ApiRoutes();
    routes.backend.get("/v1/users/:id", (c) => c.text("user"));
    expect(() => routes.backend.get("/v1/users/:id", (c) => c.text("again"))).toThrow(/declared twice/);
    expect(routes.apiOf("/v1/users/user_1")).toBe("bapi");
    expect(routes.apiOf("/v1/client")).toBeNull();
    expect(routes.intendedApi("/v1/client", undefined)).toBe("fapi");
    expect(routes.intendedApi("/v1/nothing", `Bearer ${TEST_SECRET}`)).toBe("bapi");
  });
});

describe("the local Clerk's routes", () => {
  let clerk: Awaited<ReturnType<typeof inProcess>>;
  beforeAll(async () => {
    clerk = await inProcess();
  });
  afterAll(() => clerk.close());

  /** A path that fills each parameter with a value no record has. */
  const concrete = (path: string) => path.replace(/:[a-z_]+/g, "x_1").replace(/\*$/, "anything");

  it("answers every Backend API route without the secret key with 401, before anything else", async () => {
    const backend = clerk.app.routes.filter((route) => route.api === "bapi");
    expect(backend.length).toBeGreaterThan(10);
    for (const route of backend) {
      const response = await clerk.request(concrete(route.path), { method: route.method, headers: { Authorization: "Bearer sk_test_wrong" } });
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
    }
  });

  it("declares only operations of Clerk's specs, but for the one catch-all of empty /v1/me lists", () => {
    const outside = clerk.app.routes
      .filter((route) => !contractFor(route.api).matchOperation(route.method, concrete(route.path)))
      .map((route) => `${route.method} ${route.path}`);
    expect(outside).toEqual(["GET /v1/me/*"]);
  });
});

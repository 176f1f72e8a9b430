import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import { allowedMethods, apiRoute, unknownApiPath, type HttpMethod } from "@/lib/server/api-route";

const request = (method: HttpMethod) => new NextRequest("http://localhost/api/x", { method });
const ok = () => Response.json({ ok: true });

describe("apiRoute", () => {
  it("answers with the route's own handlers, HEAD with GET's", async () => {
    const route = apiRoute({ GET: ok });

    for (const method of ["GET", "HEAD"] as const) {
      const response = await route[method](request(method));
      expect(response.status, method).toBe(200);
      expect(await response.json(), method).toEqual({ ok: true });
    }
  });

  it("marks every answer private, the route's own and the derived ones", async () => {
    const route = apiRoute({ GET: ok });

    for (const method of Object.keys(route) as HttpMethod[]) {
      const response = await route[method](request(method));
      expect(response.headers.get("Cache-Control"), method).toBe("private, no-store");
      expect(response.headers.get("Vary"), method).toBe("Authorization, Cookie");
    }
  });

  it("answers every other method with the 405 envelope and an Allow header derived from the handlers", async () => {
    const route = apiRoute({ GET: ok });

    for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
      const response = await route[method](request(method));
      expect(response.status, method).toBe(405);
      expect(response.headers.get("Allow"), method).toBe("GET, HEAD, OPTIONS");
      expect(await response.json(), method).toEqual({
        code: "method_not_allowed",
        message: "This API path does not support the request's method.",
        details: null,
      });
    }
  });

  it("lists a POST-only route's methods, and refuses GET and HEAD there", async () => {
    const route = apiRoute({ POST: ok });

    expect(allowedMethods({ POST: ok })).toEqual(["OPTIONS", "POST"]);
    expect((await route.GET(request("GET"))).status).toBe(405);
    expect((await route.HEAD(request("HEAD"))).headers.get("Allow")).toBe("OPTIONS, POST");
  });

  it("answers OPTIONS with 204 and the same Allow header", async () => {
    const response = await apiRoute({ GET: ok }).OPTIONS(request("OPTIONS"));

    expect(response.status).toBe(204);
    expect(response.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    expect(await response.text()).toBe("");
  });
});

describe("unknownApiPath", () => {
  it("answers every method with the 404 envelope", async () => {
    const route = unknownApiPath();

    for (const method of Object.keys(route) as HttpMethod[]) {
      const response = await route[method](request(method));
      expect(response.status, method).toBe(404);
      expect(await response.json(), method).toEqual({
        code: "not_found",
        message: "No API route matches this path.",
        details: null,
      });
    }
    expect(Object.keys(route).sort()).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
  });
});

import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import { existsSync, readdirSync } from "node:fs";

import { allowedMethods, API_ROUTES, apiAllow, type HttpMethod } from "@/lib/api-routes";
import { apiRoute, unknownApiPath } from "@/lib/server/api-route";

const request = (method: HttpMethod) => new NextRequest("http://localhost/api/x", { method });
const ok = () => Response.json({ ok: true });

describe("apiRoute", () => {
  it("answers with the route's own handlers, HEAD with GET's", async () => {
    const route = apiRoute("/api/health", { GET: ok });

    for (const method of ["GET", "HEAD"] as const) {
      const response = await route[method](request(method));
      expect(response.status, method).toBe(200);
      expect(await response.json(), method).toEqual({ ok: true });
    }
  });

  it("marks every answer private, the route's own and the derived ones", async () => {
    const route = apiRoute("/api/health", { GET: ok });

    for (const method of Object.keys(route) as HttpMethod[]) {
      const response = await route[method](request(method));
      expect(response.headers.get("Cache-Control"), method).toBe("private, no-store");
      expect(response.headers.get("Vary"), method).toBe("Authorization, Cookie");
    }
  });

  it("answers every other method with the 405 envelope and an Allow header derived from the handlers", async () => {
    const route = apiRoute("/api/health", { GET: ok });

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
    const route = apiRoute("/api/webhooks/clerk", { POST: ok });

    expect(allowedMethods(["POST"])).toEqual(["OPTIONS", "POST"]);
    expect((await route.GET(request("GET"))).status).toBe(405);
    expect((await route.HEAD(request("HEAD"))).headers.get("Allow")).toBe("OPTIONS, POST");
  });

  it("answers OPTIONS with 204 and the same Allow header", async () => {
    const response = await apiRoute("/api/health", { GET: ok }).OPTIONS(request("OPTIONS"));

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

describe("API_ROUTES", () => {
  it("names exactly the route files under app/api, each with its Allow header", () => {
    const routeFiles = readdirSync(new URL("../../app/api", import.meta.url), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith("route.ts") && !file.includes("[[...path]]"))
      .map((file) => `/api/${file.replace(/\/?route\.ts$/, "")}`);
    expect(routeFiles.sort()).toEqual(Object.keys(API_ROUTES).sort());
    for (const path of Object.keys(API_ROUTES)) {
      expect(existsSync(new URL(`../../app${path}/route.ts`, import.meta.url)), path).toBe(true);
    }
    expect(apiAllow("/api/me")).toBe("GET, HEAD, OPTIONS");
    expect(apiAllow("/api/webhooks/clerk")).toBe("OPTIONS, POST");
    expect(apiAllow("/api/nothing-here")).toBeNull();
  });
});

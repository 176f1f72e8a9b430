import { describe, expect, it } from "vitest";

import { apiErrorResponse, invalidTokenResponse, privateAnswer } from "@/lib/server/api-error-response";

describe("error responses", () => {
  it("answers 401 with exactly the invalid-token envelope", async () => {
    const response = invalidTokenResponse();

    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.text()).toBe('{"code":"unauthenticated","message":"invalid token","details":null}');
  });

  it("uses the code's status and carries extra headers", async () => {
    const response = apiErrorResponse("unavailable", "try later", { headers: { "Retry-After": "7" } });

    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("7");
    expect(await response.json()).toEqual({ code: "unavailable", message: "try later", details: null });
  });
});

describe("private answers", () => {
  it("marks every error answer private and varying with the credentials", () => {
    for (const response of [invalidTokenResponse(), apiErrorResponse("internal", "x"), apiErrorResponse("not_found", "y")]) {
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(response.headers.get("Vary")).toBe("Authorization, Cookie");
    }
  });

  it("keeps a Vary the answer already has, without repeating a name", () => {
    const response = privateAnswer(new Response("{}", { headers: { Vary: "Accept-Encoding, cookie", "Cache-Control": "public, max-age=60" } }));

    expect(response.headers.get("Vary")).toBe("Accept-Encoding, cookie, Authorization");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  });
});

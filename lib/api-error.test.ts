import { describe, expect, it } from "vitest";

import { API_ERROR_STATUS, apiError, apiErrorCodeForStatus, ApiErrorSchema } from "@/lib/api-error";

describe("the error envelope", () => {
  it("maps every code to its HTTP status", () => {
    expect(API_ERROR_STATUS).toEqual({
      invalid_argument: 400,
      unauthenticated: 401,
      permission_denied: 403,
      not_found: 404,
      method_not_allowed: 405,
      resource_exhausted: 429,
      request_too_large: 431,
      internal: 500,
      unavailable: 503,
      deadline_exceeded: 504,
    });
  });

  it("serialises to exactly code, message and details: null", () => {
    expect(JSON.stringify(apiError("unauthenticated", "invalid token"))).toBe(
      '{"code":"unauthenticated","message":"invalid token","details":null}',
    );
  });

  it("parses an envelope and rejects anything else", () => {
    expect(ApiErrorSchema.parse({ code: "unavailable", message: "try later", details: null })).toEqual({
      code: "unavailable",
      message: "try later",
      details: null,
    });
    expect(ApiErrorSchema.safeParse({ code: "teapot", message: "x", details: null }).success).toBe(false);
    expect(ApiErrorSchema.safeParse({ code: "internal", message: "x" }).success).toBe(false);
    expect(ApiErrorSchema.safeParse({ code: "internal", message: "x", details: null, stack: "" }).success).toBe(
      false,
    );
  });

  it("infers a code from a bare status", () => {
    expect(apiErrorCodeForStatus(401)).toBe("unauthenticated");
    expect(apiErrorCodeForStatus(404)).toBe("not_found");
    expect(apiErrorCodeForStatus(405)).toBe("method_not_allowed");
    expect(apiErrorCodeForStatus(502)).toBe("unavailable");
    expect(apiErrorCodeForStatus(504)).toBe("deadline_exceeded");
    expect(apiErrorCodeForStatus(418)).toBe("invalid_argument");
    expect(apiErrorCodeForStatus(507)).toBe("internal");
  });
});

import { describe, expect, it } from "vitest";

import { REQUEST_LIMITS, requestOverLimit } from "@/lib/request-limits";

const cookies = (count: number, value = "1") => Array.from({ length: count }, (_, i) => `c${i}=${value}`).join("; ");
const query = (count: number) => `?${Array.from({ length: count }, (_, i) => `p${i}=1`).join("&")}`;

describe("requestOverLimit", () => {
  it("lets through what a signed-in browser of this app sends", () => {
    const clerkCookies =
      "__clerk_db_jwt=dvb_x; __clerk_db_jwt_PRRPpVXy=dvb_x; __client_uat=1; __client_uat_PRRPpVXy=1; " +
      `__session=${"a".repeat(1000)}; __session_PRRPpVXy=${"a".repeat(1000)}; __clerk_redirect_count=1`;

    expect(requestOverLimit(clerkCookies, "?redirect_url=%2Fdashboard&__clerk_handshake=eyJ")).toBeNull();
    expect(requestOverLimit(null, "")).toBeNull();
  });

  it("lets through exactly the limits", () => {
    expect(requestOverLimit(cookies(REQUEST_LIMITS.cookies), query(REQUEST_LIMITS.queryParams))).toBeNull();
  });

  it("refuses one cookie or parameter more, saying which and how many", () => {
    expect(requestOverLimit(cookies(REQUEST_LIMITS.cookies + 1), "")).toBe(
      "It carries 51 cookies; this app accepts 50. Clear this site's cookies and try again.",
    );
    expect(requestOverLimit(null, query(REQUEST_LIMITS.queryParams + 1))).toBe(
      "It carries 65 query parameters; this app accepts 64.",
    );
  });

  it("refuses an oversized cookie header, however few cookies it has", () => {
    expect(requestOverLimit(`big=${"x".repeat(REQUEST_LIMITS.cookieBytes)}`, "")).toMatch(/^Its cookies take 12292 bytes/);
  });

  it("counts parts the way a cookie or query parser would, ignoring empty ones", () => {
    expect(requestOverLimit(`${";".repeat(5000)}a=1`, "")).toBeNull();
    expect(requestOverLimit(null, `?${"&".repeat(5000)}a=1`)).toBeNull();
    expect(requestOverLimit(cookies(30).replaceAll("; ", ";"), "")).toBeNull();
    expect(requestOverLimit(null, `?${"a&".repeat(65)}`)).toMatch(/65 query parameters/);
  });
});

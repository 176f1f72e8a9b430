import { describe, expect, it } from "vitest";

import { CLERK_REDIRECT_PARAMS, isSafeRedirect, withoutUnsafeRedirects } from "@/lib/server/redirect-params";

const ORIGIN = "http://localhost:3000";
const ORIGINS = [ORIGIN];

describe("isSafeRedirect", () => {
  it.each(["/dashboard", "dashboard?tab=1", "http://localhost:3000/dashboard", "/"])("keeps %s", (value) => {
    expect(isSafeRedirect(value, ORIGINS, ORIGIN)).toBe(true);
  });

  it.each([
    // What the probe found breaks clerk-js: `new URL()` throws on them.
    "https://a:99999/",
    "http://[::1",
    // Parseable but elsewhere.
    "https://localhost:3600.evil.example/",
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "https://localhost:3000/",
    "javascript:alert(1)",
    "data:text/html,hi",
  ])("drops %s", (value) => {
    expect(isSafeRedirect(value, ORIGINS, ORIGIN)).toBe(false);
  });
});

describe("withoutUnsafeRedirects", () => {
  it("drops every unsafe Clerk redirect parameter and keeps the rest of the URL", () => {
    const url = new URL(
      `${ORIGIN}/sign-in?redirect_url=https%3A%2F%2Fa%3A99999%2F&sign_in_force_redirect_url=%2Fdashboard&utm_source=mail&after_sign_up_url=http%3A%2F%2F%5B%3A%3A1`,
    );

    const clean = withoutUnsafeRedirects(url, ORIGINS, ORIGIN);

    expect(clean?.href).toBe(`${ORIGIN}/sign-in?sign_in_force_redirect_url=%2Fdashboard&utm_source=mail`);
  });

  it("leaves a URL whose redirects are all safe alone", () => {
    const url = new URL(`${ORIGIN}/sign-in?redirect_url=${encodeURIComponent(`${ORIGIN}/dashboard`)}&x=https%3A%2F%2Fa%3A99999%2F`);

    expect(withoutUnsafeRedirects(url, ORIGINS, ORIGIN)).toBeNull();
  });

  it("checks every copy of a repeated parameter, and every parameter Clerk reads", () => {
    for (const name of CLERK_REDIRECT_PARAMS) {
      const url = new URL(`${ORIGIN}/?${name}=%2Fok&${name}=https%3A%2F%2Fevil.example`);
      expect(withoutUnsafeRedirects(url, ORIGINS, ORIGIN)?.search, name).toBe("");
    }
  });

  it("allows each of several configured origins", () => {
    const origins = ["https://example.com", "https://www.example.com"];
    const url = new URL("https://example.com/sign-in?redirect_url=https%3A%2F%2Fwww.example.com%2Fdashboard");

    expect(withoutUnsafeRedirects(url, origins, "https://example.com")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";

import { cspDirectives, securityHeaders } from "@/lib/security-headers";

describe("cspDirectives", () => {
  it("adds the local Clerk's host, without a scheme, where the browser fetches from it", () => {
    const directives = cspDirectives("http://127.0.0.1:4010");

    expect(directives["connect-src"]).toEqual(["127.0.0.1:4010"]);
    expect(directives["img-src"]).toEqual(["127.0.0.1:4010", "data:"]);
    expect(directives["script-src"]).toBeUndefined();
  });

  it("adds no host against real Clerk, and always locks framing, base and plugins", () => {
    expect(cspDirectives(undefined)).toEqual({
      "connect-src": [],
      "img-src": ["data:"],
      "frame-ancestors": ["none"],
      "base-uri": ["self"],
      "object-src": ["none"],
    });
  });
});

describe("securityHeaders", () => {
  const names = (production: boolean) => securityHeaders({ production }).map((header) => header.key);

  it("sends HSTS from production servers only", () => {
    expect(names(true)).toContain("Strict-Transport-Security");
    expect(names(false)).not.toContain("Strict-Transport-Security");
  });

  it("turns off the powerful features and keeps popups' opener", () => {
    const headers = Object.fromEntries(securityHeaders({ production: true }).map((h) => [h.key, h.value]));

    expect(headers["Permissions-Policy"]).toBe("camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    expect(headers["Cross-Origin-Opener-Policy"]).toBe("same-origin-allow-popups");
  });
});

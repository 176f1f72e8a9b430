import { describe, expect, it } from "vitest";

import { answeringOrigin, appOrigins, requestOrigin } from "@/lib/server/app-origin";

const SERVER_URL = new URL("http://localhost:3000/dashboard");

describe("requestOrigin", () => {
  it("derives the origin the way Clerk does: X-Forwarded-Host, else Host, with X-Forwarded-Proto", () => {
    expect(requestOrigin(new Headers({ host: "localhost:3000" }), SERVER_URL)).toBe("http://localhost:3000");
    expect(requestOrigin(new Headers({ host: "internal:3000", "x-forwarded-host": "app.example, proxy", "x-forwarded-proto": "https" }), SERVER_URL)).toBe(
      "https://app.example",
    );
  });

  it("falls back to the server's own origin when the headers name nothing usable", () => {
    expect(requestOrigin(new Headers(), SERVER_URL)).toBe("http://localhost:3000");
    expect(requestOrigin(new Headers({ host: "a:99999" }), SERVER_URL)).toBe("http://localhost:3000");
  });
});

describe("the app's origins", () => {
  const configured = ["https://example.com", "https://www.example.com"];

  it("are APP_ORIGIN when set, else the request's own", () => {
    expect(appOrigins(configured, "https://evil.example")).toEqual(configured);
    expect(appOrigins(undefined, "http://localhost:3000")).toEqual(["http://localhost:3000"]);
  });

  it("answer as the request's origin when it is one of them, else as the first", () => {
    expect(answeringOrigin(configured, "https://www.example.com")).toBe("https://www.example.com");
    expect(answeringOrigin(configured, "https://evil.example")).toBe("https://example.com");
    expect(answeringOrigin(undefined, "http://localhost:3000")).toBe("http://localhost:3000");
  });
});

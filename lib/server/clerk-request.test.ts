import { createClerkRequest, isMachineToken } from "@clerk/backend/internal";
import { describe, expect, it } from "vitest";

import { requestOrigin } from "@/lib/server/app-origin";
import {
  decodeJwt,
  headerToken,
  isHandshakeEligible,
  jwtKeyIds,
  machineTokenType,
  mayRefreshSession,
  type ClerkRequestView,
} from "@/lib/server/clerk-request";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (header: object, payload: object) => `${b64(header)}.${b64(payload)}.c2lnbmF0dXJl`;

function view({ method = "GET", url = "http://localhost:3000/", headers = {}, cookies = {} }: {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
}): ClerkRequestView {
  return { method, url: new URL(url), headers: new Headers(headers), cookies: new Map(Object.entries(cookies)) };
}

describe("machineTokenType, against @clerk/backend's own isMachineToken", () => {
  const tokens = {
    "ak_0123": "api_key",
    "mt_0123": "m2m_token",
    "oat_0123": "oauth_token",
    [jwt({ alg: "RS256", typ: "at+jwt" }, { sub: "user_1" })]: "oauth_token",
    [jwt({ alg: "RS256", typ: "application/at+jwt" }, { sub: "user_1" })]: "oauth_token",
    [jwt({ alg: "RS256", typ: "JWT" }, { sub: "mch_1" })]: "m2m_token",
    [jwt({ alg: "RS256", typ: "JWT", kid: "ins_1" }, { sub: "user_1", sid: "sess_1" })]: null,
    "garbage": null,
    "a.b.c": null,
    "ak": null,
  } as const;

  it.each(Object.entries(tokens))("classifies %s as %s, exactly when Clerk calls it a machine token", (token, type) => {
    expect(machineTokenType(token)).toBe(type);
    expect(machineTokenType(token) !== null).toBe(isMachineToken(token));
  });
});

describe("headerToken", () => {
  it("reads the Authorization header the way Clerk does", () => {
    expect(headerToken("Bearer abc")).toBe("abc");
    expect(headerToken("ak_123")).toBe("ak_123");
    expect(headerToken("Basic dXNlcjpwdw==")).toBeUndefined();
    expect(headerToken("Bearer ")).toBe("Bearer");
    expect(headerToken(null)).toBeUndefined();
  });
});

describe("requestOrigin, against the URL Clerk derives (createClerkRequest)", () => {
  it.each<Record<string, string>>([
    { host: "localhost:3000" },
    { host: "internal:3000", "x-forwarded-host": "app.example", "x-forwarded-proto": "https" },
    { host: "internal:3000", "x-forwarded-host": "a.example, b.example" },
    { host: "evil.example" },
  ])("%o", (headers) => {
    const url = "http://localhost:3000/dashboard?x=1";
    const clerkOrigin = createClerkRequest(new Request(url, { headers })).clerkUrl.origin;

    expect(requestOrigin(new Headers(headers), new URL(url))).toBe(clerkOrigin);
  });
});

describe("isHandshakeEligible", () => {
  it("takes document and iframe GETs, or HTML GETs from browsers without Sec-Fetch-Dest", () => {
    expect(isHandshakeEligible("GET", new Headers({ "sec-fetch-dest": "document" }))).toBe(true);
    expect(isHandshakeEligible("GET", new Headers({ "sec-fetch-dest": "iframe" }))).toBe(true);
    expect(isHandshakeEligible("GET", new Headers({ accept: "text/html,application/xhtml+xml" }))).toBe(true);
  });

  it("refuses fetches, other methods, and an HTML Accept that a fetch destination contradicts", () => {
    expect(isHandshakeEligible("GET", new Headers({ "sec-fetch-dest": "empty", accept: "text/html" }))).toBe(false);
    expect(isHandshakeEligible("POST", new Headers({ "sec-fetch-dest": "document" }))).toBe(false);
    expect(isHandshakeEligible("HEAD", new Headers({ accept: "text/html" }))).toBe(false);
    expect(isHandshakeEligible("GET", new Headers({ accept: "application/json, text/html" }))).toBe(false);
  });
});

describe("mayRefreshSession", () => {
  const now = 1_800_000_000;
  const expired = jwt({ alg: "RS256", kid: "k" }, { sub: "user_1", sid: "sess_1", exp: now - 60 });
  const fresh = jwt({ alg: "RS256", kid: "k" }, { sub: "user_1", sid: "sess_1", exp: now + 60 });

  it("is true for a GET with a refresh cookie and an expired session token, in a cookie or the header", () => {
    expect(mayRefreshSession(view({ cookies: { __refresh_abcdefgh: "r", __session: expired } }), now)).toBe(true);
    expect(mayRefreshSession(view({ headers: { authorization: `Bearer ${expired}` }, cookies: { __refresh_abcdefgh: "r" } }), now)).toBe(true);
  });

  it("is false without a refresh cookie, for a fresh token, or for anything but GET", () => {
    expect(mayRefreshSession(view({ cookies: { __session: expired } }), now)).toBe(false);
    expect(mayRefreshSession(view({ cookies: { __refresh_abcdefgh: "r", __session: fresh } }), now)).toBe(false);
    expect(mayRefreshSession(view({ method: "POST", cookies: { __refresh_abcdefgh: "r", __session: expired } }), now)).toBe(false);
  });
});

describe("jwtKeyIds", () => {
  it("collects the key ids of the header token, the session cookies and a handshake token", () => {
    const request = view({
      url: `http://localhost:3000/?__clerk_handshake=${jwt({ alg: "RS256", kid: "hs" }, {})}`,
      cookies: { __session: jwt({ alg: "RS256", kid: "c1" }, {}), __session_abcdefgh: jwt({ alg: "RS256", kid: "c2" }, {}), other: jwt({ kid: "x" }, {}) },
    });

    expect(jwtKeyIds(request)).toEqual(new Set(["c1", "c2", "hs"]));
  });

  it("takes the header token instead of the cookies, and counts a token without a kid", () => {
    const request = view({ headers: { authorization: `Bearer ${jwt({ alg: "RS256" }, {})}` }, cookies: { __session: jwt({ kid: "c1" }, {}) } });

    expect(jwtKeyIds(request)).toEqual(new Set(["undefined"]));
  });
});

describe("decodeJwt", () => {
  it("reads a JWT's header and payload, and nothing else", () => {
    expect(decodeJwt(jwt({ kid: "k" }, { sub: "u" }))).toEqual({ header: { kid: "k" }, payload: { sub: "u" } });
    for (const token of ["", "a.b", "a.b.c", `${b64([1])}.${b64({})}.x`, `${b64({})}.${b64("s")}.x`]) {
      expect(decodeJwt(token), token).toBeNull();
    }
  });
});

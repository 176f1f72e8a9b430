import "server-only";

import type { MachineTokenType } from "@/lib/api-routes";

// What clerkMiddleware (@clerk/backend 3.25's authenticateRequest) reads of a request, mirrored so
// the proxy can see, before Clerk runs, which requests would make it call the Backend API
// (docs/security.md#no-free-work-for-clerk). Where unsure, these err towards "it would call".

/** Clerk's cookie and parameter names. */
export const CLERK_NAMES = {
  sessionCookie: "__session",
  refreshCookie: "__refresh",
  handshakeNonce: "__clerk_handshake_nonce",
  handshakeToken: "__clerk_handshake",
} as const;

/** The session token's clock skew Clerk allows. */
const CLOCK_SKEW_SECONDS = 5;

/** The token Clerk reads from `Authorization`: after "Bearer ", or the whole value when it has no space. */
export function headerToken(authorization: string | null): string | undefined {
  if (!authorization) return undefined;
  const [scheme, token] = authorization.split(" ", 2);
  if (!token) return scheme || undefined;
  return scheme === "Bearer" ? token : undefined;
}

type DecodedJwt = { header: Record<string, unknown>; payload: Record<string, unknown> };

/** The unverified header and payload of a JWT, or null when it is not one. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const [header, payload] = parts.slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown);
    if (!isRecord(header) || !isRecord(payload)) return null;
    return { header, payload };
  } catch {
    return null;
  }
}

/** The kind of machine token Clerk would verify this as (its `isMachineToken`), or null for a session token. */
export function machineTokenType(token: string): MachineTokenType | null {
  if (token.startsWith("ak_")) return "api_key";
  if (token.startsWith("mt_")) return "m2m_token";
  if (token.startsWith("oat_")) return "oauth_token";
  if (!/^[a-zA-Z0-9\-_]+\.[a-zA-Z0-9\-_]+\.[a-zA-Z0-9\-_]+$/.test(token)) return null;
  const jwt = decodeJwt(token);
  if (!jwt) return null;
  if (typeof jwt.payload.sub === "string" && jwt.payload.sub.startsWith("mch_")) return "m2m_token";
  if (jwt.header.typ === "at+jwt" || jwt.header.typ === "application/at+jwt") return "oauth_token";
  return null;
}

/** Clerk's test for a document request, the only kind it sends through a handshake. */
export function isHandshakeEligible(method: string, headers: Headers): boolean {
  if (method !== "GET") return false;
  const destination = headers.get("sec-fetch-dest");
  if (destination) return destination === "document" || destination === "iframe";
  return headers.get("accept")?.startsWith("text/html") ?? false;
}

export type ClerkRequestView = {
  method: string;
  headers: Headers;
  url: URL;
  /** Cookies by name (the request's cookie jar). */
  cookies: ReadonlyMap<string, string>;
};

/** The handshake nonce Clerk would read: the query's, else the cookie's. */
export function handshakeNonce(request: ClerkRequestView): string | undefined {
  return request.url.searchParams.get(CLERK_NAMES.handshakeNonce) ?? request.cookies.get(CLERK_NAMES.handshakeNonce);
}

/** The session tokens Clerk may verify: the header's, else the session cookies'. */
function sessionTokens(request: ClerkRequestView): string[] {
  const fromHeader = headerToken(request.headers.get("authorization"));
  if (fromHeader) return machineTokenType(fromHeader) ? [] : [fromHeader];
  return [...request.cookies].filter(([name]) => name.startsWith(CLERK_NAMES.sessionCookie)).map(([, value]) => value);
}

/**
 * Would Clerk refresh the session through the Backend API? It does for a GET with a refresh cookie
 * whose session token has expired (after checking its signature, which this does not).
 */
export function mayRefreshSession(request: ClerkRequestView, nowSeconds = Date.now() / 1000): boolean {
  if (request.method !== "GET") return false;
  if (![...request.cookies.keys()].some((name) => name.startsWith(CLERK_NAMES.refreshCookie))) return false;
  return sessionTokens(request).some((token) => {
    const exp = decodeJwt(token)?.payload.exp;
    return typeof exp === "number" && exp <= nowSeconds + CLOCK_SKEW_SECONDS;
  });
}

/** The key ids of every JWT Clerk may verify against its JWKS: session tokens and the handshake token. */
export function jwtKeyIds(request: ClerkRequestView): Set<string> {
  const handshake = [
    request.url.searchParams.get(CLERK_NAMES.handshakeToken),
    request.cookies.get(CLERK_NAMES.handshakeToken),
  ].filter((token): token is string => Boolean(token));
  const kids = new Set<string>();
  for (const token of [...sessionTokens(request), ...handshake]) {
    const jwt = decodeJwt(token);
    if (jwt) kids.add(String(jwt.header.kid));
  }
  return kids;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

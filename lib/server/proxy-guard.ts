import "server-only";

import { NextRequest } from "next/server";

import { isApiPath, isHttpMethod, MACHINE_TOKEN_ROUTES, type MachineTokenType } from "@/lib/api-routes";
import { answeringOrigin, appOrigins, requestOrigin } from "@/lib/server/app-origin";
import { apiErrorResponse, invalidTokenResponse } from "@/lib/server/api-error-response";
import type { BudgetPurpose } from "@/lib/server/backend-api-budget";
import {
  CLERK_NAMES,
  handshakeNonce,
  headerToken,
  isHandshakeEligible,
  jwtKeyIds,
  machineTokenType,
  mayRefreshSession,
  type ClerkRequestView,
} from "@/lib/server/clerk-request";
import { withoutUnsafeRedirects } from "@/lib/server/redirect-params";
import { requestOverLimit } from "@/lib/request-limits";
import type { BucketAnswer } from "@/lib/server/token-bucket";
import { VERIFIED_API_KEY_HEADER } from "@/lib/server/verified-api-key";
import { unknownMethodAnswer } from "@/lib/unknown-methods";

// Everything proxy.ts refuses or changes before Clerk's middleware sees a request: each check costs
// little and keeps a hostile request from costing much later (docs/security.md#hostile-requests).

export type GuardSettings = {
  /** APP_ORIGIN: the app's own origins, when configured. */
  configuredOrigins: readonly string[] | undefined;
  /** With CLERK_JWT_KEY Clerk verifies tokens without its JWKS; else an unknown key id costs a fetch. */
  networklessVerification: boolean;
  /** Key ids of tokens Clerk has verified: Clerk's JWKS cache already holds them. */
  knownKeyIds: ReadonlySet<string>;
  spend: (purpose: BudgetPurpose, calls: number) => BucketAnswer;
  machineTokenRoutes?: Partial<Record<string, readonly MachineTokenType[]>>;
};

/**
 * Either the answer, or the request as Clerk's middleware should see it, or an API key for the proxy to
 * verify itself (lib/server/api-key-auth.ts) on a route that accepts one.
 */
export type GuardOutcome = { response: Response } | { request: NextRequest } | { apiKey: string; request: NextRequest };

export function guardRequest(request: NextRequest, settings: GuardSettings): GuardOutcome {
  const { pathname } = request.nextUrl;
  const api = isApiPath(pathname);

  if (!isHttpMethod(request.method)) return { response: unknownMethodResponse(pathname) };

  const overLimit = requestOverLimit(request.headers.get("cookie"), request.nextUrl.search);
  if (overLimit) return { response: apiErrorResponse("request_too_large", `This request is too large. ${overLimit}`) };

  const origin = requestOrigin(request.headers, request.nextUrl);
  const answering = answeringOrigin(settings.configuredOrigins, origin);
  const view = clerkView(request, answering, settings.configuredOrigins !== undefined && answering !== origin);

  const token = headerToken(request.headers.get("authorization"));
  const machineToken = token ? machineTokenType(token) : null;
  if (token && machineToken) {
    const routes: Partial<Record<string, readonly MachineTokenType[]>> = settings.machineTokenRoutes ?? MACHINE_TOKEN_ROUTES;
    if (!routes[pathname]?.includes(machineToken)) return { response: invalidTokenResponse() };
    // Not Clerk's middleware: it would verify every key with an uncached call. Cache first, budget after.
    if (machineToken === "api_key") return { apiKey: token, request: view };
    const answer = settings.spend("machine_token", 1);
    return answer.ok ? { request: view } : { response: tooManyChecksResponse(answer.retryAfterSeconds) };
  }

  // After the token check: a request with a machine token is answered as such, never redirected.
  if (!api && (request.method === "GET" || request.method === "HEAD")) {
    const clean = withoutUnsafeRedirects(request.nextUrl, appOrigins(settings.configuredOrigins, origin), answering);
    if (clean) return { response: redirectTo(`${answering}${clean.pathname}${clean.search}`) };
  }

  const calls = sessionCalls(view, settings);
  if (calls > 0) {
    const answer = settings.spend("session", calls);
    if (!answer.ok) return { response: tooManyChecksResponse(answer.retryAfterSeconds) };
  }
  return { request: view };
}

/** Backend API calls Clerk's middleware could make for this request's session. */
function sessionCalls(request: NextRequest, settings: GuardSettings): number {
  const view: ClerkRequestView = {
    method: request.method,
    headers: request.headers,
    url: request.nextUrl,
    cookies: new Map(request.cookies.getAll().map((cookie) => [cookie.name, cookie.value])),
  };
  const nonce = handshakeNonce(view) ? 1 : 0;
  const refresh = mayRefreshSession(view) ? 1 : 0;
  const unknownKeys = settings.networklessVerification
    ? 0
    : [...jwtKeyIds(view)].filter((kid) => !settings.knownKeyIds.has(kid)).length;
  return nonce + refresh + unknownKeys;
}

/**
 * The request Clerk sees: a handshake nonce only on the document GETs Clerk's protocol uses it for,
 * with APP_ORIGIN set the app's own origin in place of whatever host the request named, and no
 * verified-key header but the proxy's own.
 */
function clerkView(request: NextRequest, answering: string, replaceOrigin: boolean): NextRequest {
  const cookieNonce = request.cookies.has(CLERK_NAMES.handshakeNonce);
  const queryNonce = request.nextUrl.searchParams.has(CLERK_NAMES.handshakeNonce);
  const stripNonce = (cookieNonce || queryNonce) && !isHandshakeEligible(request.method, request.headers);
  // Only the proxy says which API key it verified.
  const stripVerifiedKey = request.headers.has(VERIFIED_API_KEY_HEADER);
  if (!stripNonce && !replaceOrigin && !stripVerifiedKey) return request;

  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  headers.delete(VERIFIED_API_KEY_HEADER);
  if (stripNonce) {
    url.searchParams.delete(CLERK_NAMES.handshakeNonce);
    const cookies = request.cookies.getAll().filter((cookie) => cookie.name !== CLERK_NAMES.handshakeNonce);
    headers.set("cookie", cookies.map((cookie) => `${cookie.name}=${encodeURIComponent(cookie.value)}`).join("; "));
  }
  if (replaceOrigin) {
    const { host, protocol } = new URL(answering);
    headers.set("host", host);
    headers.set("x-forwarded-host", host);
    headers.set("x-forwarded-proto", protocol.replace(":", ""));
  }
  return new NextRequest(url, { method: request.method, headers });
}

function unknownMethodResponse(pathname: string): Response {
  const { status, headers, body } = unknownMethodAnswer(pathname);
  return new Response(body, { status, headers });
}

function tooManyChecksResponse(retryAfterSeconds: number): Response {
  return apiErrorResponse(
    "resource_exhausted",
    "Too many sign-in checks are waiting for Clerk right now. Try again shortly.",
    { retryAfterSeconds },
  );
}

function redirectTo(location: string): Response {
  return new Response(null, { status: 307, headers: { Location: location, "Cache-Control": "no-store" } });
}

/**
 * A development instance's middleware throws on a handshake token it cannot verify (a 500 and a stack
 * trace for anyone who crafts a link); the answer instead is the same URL without the token, one log
 * line, and Clerk's own handshake from there. Null for any other failure.
 */
export function answerRefusedHandshakeToken(request: NextRequest, error: unknown): Response | null {
  if (!request.nextUrl.searchParams.has(CLERK_NAMES.handshakeToken)) return null;
  console.warn("Clerk could not verify the handshake token in the URL; dropped it", {
    reason: error instanceof Error ? error.message : String(error),
  });
  const clean = new URL(request.nextUrl);
  clean.searchParams.delete(CLERK_NAMES.handshakeToken);
  return redirectTo(clean.href);
}

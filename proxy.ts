import { clerkMiddleware, type ClerkMiddlewareAuth } from "@clerk/nextjs/server";
import type { NextFetchEvent, NextRequest } from "next/server";

import { serverEnv } from "@/lib/env";
import { cspDirectives } from "@/lib/security-headers";
import { DASHBOARD_PATH, SIGN_IN_PATH, SIGN_UP_PATH } from "@/lib/routes";
import { backendApiBudget } from "@/lib/server/backend-api-budget";
import { decodeJwt } from "@/lib/server/clerk-request";
import { answerRefusedHandshakeToken, guardRequest } from "@/lib/server/proxy-guard";

// Authenticates every page and API request (cookie or Bearer token) and runs Clerk's handshake. The
// early redirect only spares a render; every protected page and route handler checks the user itself,
// since path matching here can drift from Next's routing (docs/security.md#token-checks).
// Before Clerk runs, guardRequest refuses what would cost much later: oversized requests, unknown
// methods, broken redirect links, and Backend API calls beyond a budget. Clerk's middleware accepts
// every token type and offers no option to bound its calls (docs/security.md#hostile-requests).

function isProtectedPage(pathname: string): boolean {
  return pathname === DASHBOARD_PATH || pathname.startsWith(`${DASHBOARD_PATH}/`);
}

function isDocumentRequest(request: NextRequest): boolean {
  const destination = request.headers.get("sec-fetch-dest");
  if (destination) return destination === "document";
  return request.headers.get("accept")?.includes("text/html") ?? false;
}

/** Key ids of session tokens Clerk verified: its JWKS cache holds them, so they cost no fetch. */
const knownKeyIds = new Set<string>();

async function rememberKeyId(auth: ClerkMiddlewareAuth): Promise<void> {
  const session = await auth({ treatPendingAsSignedOut: false });
  const token = session.isAuthenticated ? await session.getToken() : null;
  const kid = token ? decodeJwt(token)?.header.kid : undefined;
  if (kid !== undefined) knownKeyIds.add(String(kid));
}

const clerk = clerkMiddleware(
  async (auth, request) => {
    if (!serverEnv().CLERK_JWT_KEY) await rememberKeyId(auth);
    if (!isProtectedPage(request.nextUrl.pathname) || !isDocumentRequest(request)) return;
    const { isAuthenticated, redirectToSignIn } = await auth();
    if (!isAuthenticated) return redirectToSignIn();
  },
  // Asked for on every request, built once: the env does not change while the server runs.
  () => (options ??= middlewareOptions()),
);

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  const { APP_ORIGIN, CLERK_JWT_KEY } = serverEnv();
  const outcome = guardRequest(request, {
    configuredOrigins: APP_ORIGIN,
    networklessVerification: CLERK_JWT_KEY !== undefined,
    knownKeyIds,
    spend: (purpose, calls) => backendApiBudget(purpose).take(calls),
  });
  if ("response" in outcome) return outcome.response;
  try {
    return await clerk(outcome.request, event);
  } catch (error) {
    const answer = answerRefusedHandshakeToken(outcome.request, error);
    if (answer) return answer;
    throw error;
  }
}

let options: ReturnType<typeof middlewareOptions> | undefined;

function middlewareOptions() {
  const { APP_ORIGIN, CLERK_JWT_KEY, NEXT_PUBLIC_CLERK_PROXY_URL } = serverEnv();
  return {
    signInUrl: SIGN_IN_PATH,
    signUpUrl: SIGN_UP_PATH,
    // A fresh nonce and 'strict-dynamic' per request, also set on the request so Next nonces its scripts.
    contentSecurityPolicy: { strict: true, directives: cspDirectives(NEXT_PUBLIC_CLERK_PROXY_URL) },
    // With the PEM public key, session tokens are verified without fetching Clerk's JWKS.
    ...(CLERK_JWT_KEY ? { jwtKey: CLERK_JWT_KEY } : {}),
    // Session tokens must name this app's origin as their authorized party (`azp`).
    ...(APP_ORIGIN ? { authorizedParties: APP_ORIGIN } : {}),
  };
}

export const config = {
  // Clerk's documented matcher: skip Next internals and static files, always run for API routes.
  matcher: [
    "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    "/(api|trpc)(.*)",
  ],
};

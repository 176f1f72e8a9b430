import "server-only";

import { isClerkAPIResponseError } from "@clerk/nextjs/errors";
import { NextResponse, type NextRequest } from "next/server";

import { API_KEY_CACHE_SECONDS, API_KEY_KNOWN_SECONDS, API_KEY_REFRESH_AFTER_SECONDS, API_KEY_VERIFY_TIMEOUT_MS } from "@/lib/api-keys";
import { serverEnv } from "@/lib/env";
import { apiErrorResponse, invalidTokenResponse } from "@/lib/server/api-error-response";
import { createApiKeyVerifier, type ApiKeyCheck, type ApiKeyVerifier, type ClerkKeyAnswer } from "@/lib/server/api-key-verifier";
import { backendApiBudget } from "@/lib/server/backend-api-budget";
import { clerkBackend, ClerkDeadlineError, isTransientFailure, LOOKUP_RETRIES, withDeadline } from "@/lib/server/clerk-users";
import { retryIdempotent } from "@/lib/server/retry";
import { sealVerifiedApiKey, VERIFIED_API_KEY_HEADER } from "@/lib/server/verified-api-key";

// The proxy's answer to a request that carries an API key on a route that accepts one: Clerk's
// middleware would verify every key with an uncached Backend API call and offers no hook for a cache,
// so the proxy verifies it here and the route reads the verified key (docs/security.md#api-keys).

/** Clerk's verification of one secret, through @clerk/backend; never throws, never logs the secret. */
export async function verifyWithClerk(secret: string): Promise<ClerkKeyAnswer> {
  try {
    // Verifying changes nothing but the key's last use: safe to repeat, as the user look-up is.
    const deadline = new AbortController();
    const verification = retryIdempotent(() => clerkBackend().apiKeys.verify(secret), {
      ...LOOKUP_RETRIES,
      isTransient: isTransientFailure,
      signal: deadline.signal,
    });
    const key = await withDeadline(verification, API_KEY_VERIFY_TIMEOUT_MS, deadline);
    // Only a user's key acts for someone here: the app has no organizations.
    if (key.revoked || key.expired || !key.subject.startsWith("user_")) return { outcome: "invalid" };
    return { outcome: "valid", key: { id: key.id, userId: key.subject, scopes: key.scopes }, expiresAt: key.expiration };
  } catch (error) {
    if (error instanceof ClerkDeadlineError) return { outcome: "unavailable", retryAfterSeconds: null };
    if (!isClerkAPIResponseError(error)) {
      console.error("API key verification failed", { name: error instanceof Error ? error.name : typeof error });
      return { outcome: "unexpected" };
    }
    // @clerk/backend reports a failed fetch or an unreadable body as an error without a status.
    const status: number | undefined = error.status;
    if (status === 404 || status === 400 || status === 422) return { outcome: "invalid" };
    if (status === undefined || status === 429 || status >= 500) return { outcome: "unavailable", retryAfterSeconds: error.retryAfter ?? null };
    console.error("API key verification failed: Clerk refused the app's request", {
      status,
      clerkTraceId: error.clerkTraceId,
      clerkErrors: error.errors.map(({ code }) => code),
    });
    return { outcome: "unexpected" };
  }
}

let verifier: ApiKeyVerifier | undefined;

/** One per server instance; keys not seen valid lately spend its `machine_token` budget (lib/backend-api-limits.ts). */
export function apiKeyVerifier(): ApiKeyVerifier {
  verifier ??= createApiKeyVerifier({
    verify: verifyWithClerk,
    spend: () => backendApiBudget("machine_token").take(1),
    ttlMs: API_KEY_CACHE_SECONDS * 1000,
    refreshAfterMs: API_KEY_REFRESH_AFTER_SECONDS * 1000,
    knownForMs: API_KEY_KNOWN_SECONDS * 1000,
  });
  return verifier;
}

/** The route gets the request without the key and with the verified key sealed; anything else is answered here. */
export function answerForKeyCheck(request: NextRequest, check: ApiKeyCheck): Response {
  switch (check.outcome) {
    case "valid": {
      const headers = new Headers(request.headers);
      headers.delete("authorization");
      headers.set(VERIFIED_API_KEY_HEADER, sealVerifiedApiKey(check.key, serverEnv().CLERK_SECRET_KEY));
      return NextResponse.next({ request: { headers } });
    }
    case "invalid":
      return invalidTokenResponse();
    case "budget_spent":
      return apiErrorResponse("resource_exhausted", "Too many API key checks are waiting for Clerk right now. Try again shortly.", {
        headers: { "Retry-After": String(check.retryAfterSeconds) },
      });
    case "unavailable":
      return apiErrorResponse(
        "unavailable",
        "API keys cannot be checked right now. Try again shortly.",
        check.retryAfterSeconds === null ? {} : { headers: { "Retry-After": String(check.retryAfterSeconds) } },
      );
    case "unexpected":
      return apiErrorResponse("internal", "Something went wrong while checking the API key.");
  }
}

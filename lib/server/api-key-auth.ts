import "server-only";

import { isClerkAPIResponseError } from "@clerk/nextjs/errors";
import { NextResponse, type NextRequest } from "next/server";

import { API_KEY_CACHE_SECONDS, API_KEY_KNOWN_SECONDS, API_KEY_REFRESH_AFTER_SECONDS, API_KEY_VERIFY_TIMEOUT_MS } from "@/lib/api-keys";
import { serverEnv } from "@/lib/env";
import { apiErrorResponse, invalidTokenResponse } from "@/lib/server/api-error-response";
import { createApiKeyVerifier, type ApiKeyCheck, type ApiKeyVerifier, type ClerkKeyAnswer } from "@/lib/server/api-key-verifier";
import { backendApiBudget } from "@/lib/server/backend-api-budget";
import { callClerk, classifyClerkFailure, clerkBackend, describeClerkError } from "@/lib/server/clerk-users";
import { sealVerifiedApiKey, VERIFIED_API_KEY_HEADER } from "@/lib/server/verified-api-key";

// The proxy's answer to a request that carries an API key on a route that accepts one: Clerk's
// middleware would verify every key with an uncached Backend API call and offers no hook for a cache,
// so the proxy verifies it here and the route reads the verified key (docs/security.md#api-keys).

/** Clerk's verification of one secret, through @clerk/backend; never throws, never logs the secret. */
export async function verifyWithClerk(secret: string): Promise<ClerkKeyAnswer> {
  try {
    // Verifying changes nothing but the key's last use: safe to repeat, as the user look-up is.
    const key = await callClerk(() => clerkBackend().apiKeys.verify(secret), API_KEY_VERIFY_TIMEOUT_MS);
    // Only a user's key acts for someone here: the app has no organizations.
    if (key.revoked || key.expired || !key.subject.startsWith("user_")) return { outcome: "invalid" };
    return { outcome: "valid", key: { id: key.id, userId: key.subject, scopes: key.scopes }, expiresAt: key.expiration };
  } catch (error) {
    return keyAnswerForFailure(error);
  }
}

/** The look-up's reading of Clerk's failures, except that Clerk refusing the key itself means an invalid key. */
function keyAnswerForFailure(error: unknown): ClerkKeyAnswer {
  if (isClerkAPIResponseError(error) && KEY_REFUSED_STATUSES.has(error.status)) return { outcome: "invalid" };
  const failure = classifyClerkFailure(error);
  if (failure.reason === "unavailable") return { outcome: "unavailable", retryAfterSeconds: failure.retryAfterSeconds };
  if (failure.reason === "deadline_exceeded") return { outcome: "unavailable", retryAfterSeconds: null };
  console.error("API key verification failed", describeClerkError(error));
  return { outcome: "unexpected" };
}

/** Unknown (404) or malformed (400, 422) as far as Clerk is concerned. */
const KEY_REFUSED_STATUSES = new Set([400, 404, 422]);

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
        retryAfterSeconds: check.retryAfterSeconds,
      });
    case "unavailable":
      return apiErrorResponse(
        "unavailable",
        "API keys cannot be checked right now. Try again shortly.",
        { retryAfterSeconds: check.retryAfterSeconds },
      );
    case "unexpected":
      return apiErrorResponse("internal", "Something went wrong while checking the API key.");
  }
}

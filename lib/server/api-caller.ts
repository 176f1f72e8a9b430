import "server-only";

import { auth } from "@clerk/nextjs/server";

import { serverEnv } from "@/lib/env";
import { openVerifiedApiKey, VERIFIED_API_KEY_HEADER } from "@/lib/server/verified-api-key";

// Who calls an /api route: a session (Clerk's `auth()`, from the token clerkMiddleware verified) or an
// API key the proxy verified (lib/server/api-key-auth.ts). Routes that accept keys are listed in
// lib/api-routes.ts; elsewhere the proxy refuses a key before a route runs.

type SessionClaims = NonNullable<Awaited<ReturnType<typeof auth>>["sessionClaims"]>;

export type ApiCaller =
  | { tokenType: "session_token"; userId: string; sessionClaims: SessionClaims }
  | { tokenType: "api_key"; userId: string; keyId: string };

/** The caller, or null when the request carries neither a valid session nor a verified key. */
export async function apiCaller(request: Request): Promise<ApiCaller | null> {
  const key = openVerifiedApiKey(request.headers.get(VERIFIED_API_KEY_HEADER), serverEnv().CLERK_SECRET_KEY);
  // A key-bearing request never went through Clerk's middleware, so `auth()` must not be asked.
  if (key) return { tokenType: "api_key", userId: key.userId, keyId: key.id };
  const { userId, sessionClaims } = await auth();
  return userId && sessionClaims ? { tokenType: "session_token", userId, sessionClaims } : null;
}

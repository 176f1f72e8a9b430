// What the app does with Clerk API keys, the numbers only: shared by the proxy's verification
// (lib/server/api-key-verifier.ts), the tests and `npm run bench` / `npm run load`, which print them.
// Why each is what it is: docs/security.md#api-keys.

/**
 * A verified key, or a refused one, is answered from the cache this long before Clerk is asked again:
 * the bound on how long a revoked key keeps working, on one server instance.
 */
export const API_KEY_CACHE_SECONDS = 5;

/** From this age a key in use is asked about again in the background, so its requests never wait for Clerk. */
export const API_KEY_REFRESH_AFTER_SECONDS = 4;

/** A key Clerk found valid this recently is asked about again without spending the Backend API budget. */
export const API_KEY_KNOWN_SECONDS = 24 * 3600;

/** Past this an API-key request waits no longer for Clerk's verification. */
export const API_KEY_VERIFY_TIMEOUT_MS = 3_000;

/** A key owner's role is never older than this: Clerk's session-token lifetime, a session's own bound. */
export const KEY_OWNER_ROLE_MAX_AGE_SECONDS = 60;

/**
 * What can be a Clerk API key secret: `ak_` and base64 or base64url characters. Anything else is refused
 * without asking Clerk. Loose on purpose: a real key must never fail it.
 */
const API_KEY_SECRET = /^ak_[A-Za-z0-9_\-+/=]{20,200}$/;

export function isWellFormedApiKey(token: string): boolean {
  return API_KEY_SECRET.test(token);
}

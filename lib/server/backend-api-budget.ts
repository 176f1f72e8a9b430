import "server-only";

import { serverEnv } from "@/lib/env";
import { createTokenBucket, type TokenBucket } from "@/lib/server/token-bucket";

// What requests without a valid session may cost Clerk's Backend API, per server instance. The
// arithmetic against Clerk's published limits is in docs/security.md#backend-api-budget.

/** Clerk's Backend API rate limit per instance, requests per `BUDGET_WINDOW_SECONDS`. */
export const CLERK_BACKEND_API_LIMIT = { development: 100, production: 1000 } as const;
export const BUDGET_WINDOW_SECONDS = 10;
/** Each purpose below may spend this share of the instance's limit; the rest stays for real users. */
export const BUDGET_SHARE = 0.1;

export type ClerkInstanceType = keyof typeof CLERK_BACKEND_API_LIMIT;

/**
 * `session`: calls Clerk's middleware makes for a browser's session before it is known to be valid
 * (handshake payload, session refresh, JWKS for an unknown key id).
 * `machine_token`: verifying a machine token (API key, M2M or OAuth token) on a route that accepts one.
 */
export type BudgetPurpose = "session" | "machine_token";

export function instanceType(publishableKey: string): ClerkInstanceType {
  return publishableKey.startsWith("pk_live_") ? "production" : "development";
}

/** Half the share as a burst, half refilled over the window: never more than the share in any window. */
export function budgetSettings(instance: ClerkInstanceType): { capacity: number; perSecond: number } {
  const perWindow = CLERK_BACKEND_API_LIMIT[instance] * BUDGET_SHARE;
  return { capacity: perWindow / 2, perSecond: perWindow / 2 / BUDGET_WINDOW_SECONDS };
}

const buckets = new Map<BudgetPurpose, TokenBucket>();

/** The instance-wide bucket of one purpose, sized for the configured Clerk instance. */
export function backendApiBudget(purpose: BudgetPurpose): TokenBucket {
  let bucket = buckets.get(purpose);
  if (!bucket) {
    bucket = createTokenBucket(budgetSettings(instanceType(serverEnv().NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY)));
    buckets.set(purpose, bucket);
  }
  return bucket;
}

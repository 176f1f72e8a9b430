import "server-only";

import { budgetSettings, instanceType } from "@/lib/backend-api-limits";
import { serverEnv } from "@/lib/env";
import { createTokenBucket, type TokenBucket } from "@/lib/server/token-bucket";

/**
 * `session`: calls Clerk's middleware makes for a browser's session before it is known to be valid
 * (handshake payload, session refresh, JWKS for an unknown key id).
 * `machine_token`: verifying a machine token (API key, M2M or OAuth token) on a route that accepts one.
 */
export type BudgetPurpose = "session" | "machine_token";

const buckets = new Map<BudgetPurpose, TokenBucket>();

/** The instance-wide bucket of one purpose, sized for the configured Clerk instance (lib/backend-api-limits.ts). */
export function backendApiBudget(purpose: BudgetPurpose): TokenBucket {
  let bucket = buckets.get(purpose);
  if (!bucket) {
    bucket = createTokenBucket(budgetSettings(instanceType(serverEnv().NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY)));
    buckets.set(purpose, bucket);
  }
  return bucket;
}

// What requests without a valid session may cost Clerk's Backend API, per server instance: the
// numbers only, shared by the proxy's buckets (lib/server/backend-api-budget.ts) and `npm run load`,
// which prints the bound. The arithmetic against Clerk's published limits is in
// docs/security.md#backend-api-budget.

/** Clerk's Backend API rate limit per instance, requests per `BUDGET_WINDOW_SECONDS`. */
export const CLERK_BACKEND_API_LIMIT = { development: 100, production: 1000 } as const;
export const BUDGET_WINDOW_SECONDS = 10;
/** Each purpose may spend this share of the instance's limit; the rest stays for real users. */
export const BUDGET_SHARE = 0.1;

export type ClerkInstanceType = keyof typeof CLERK_BACKEND_API_LIMIT;

export function instanceType(publishableKey: string): ClerkInstanceType {
  return publishableKey.startsWith("pk_live_") ? "production" : "development";
}

/** The most calls one budget lets through in `seconds`: its burst, plus what refills meanwhile. */
export function budgetBound(instance: ClerkInstanceType, seconds: number): number {
  const { capacity, perSecond } = budgetSettings(instance);
  return Math.floor(capacity + perSecond * seconds);
}

/** Half the share as a burst, half refilled over the window: never more than the share in any window. */
export function budgetSettings(instance: ClerkInstanceType): { capacity: number; perSecond: number } {
  const perWindow = CLERK_BACKEND_API_LIMIT[instance] * BUDGET_SHARE;
  return { capacity: perWindow / 2, perSecond: perWindow / 2 / BUDGET_WINDOW_SECONDS };
}

// Which Clerk the suite talks to. By default the local Clerk that `start:local` runs beside the app;
// with E2E_REAL_CLERK=1 (`npm run test:e2e:clerk`) a real Clerk development instance from the env.
import { localClerkControls } from "clerk-local/controls";
import { DEFAULT_SECRET_KEY, defaultConfig, publishableKeyFor } from "clerk-local";
import { E2E_CLERK_URL } from "./ports";

export const REAL_CLERK = process.env.E2E_REAL_CLERK === "1";

export const clerkEnv = REAL_CLERK
  ? {
      publishableKey: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ?? "",
      secretKey: process.env.CLERK_SECRET_KEY ?? "",
      apiUrl: process.env.CLERK_API_URL || "https://api.clerk.com",
    }
  : {
      publishableKey: publishableKeyFor(defaultConfig().frontendApiHost),
      secretKey: DEFAULT_SECRET_KEY,
      apiUrl: E2E_CLERK_URL,
    };

/** The local Clerk's test controls (`/__clerk_local/*`); real Clerk has none. */
export const localClerk = localClerkControls(E2E_CLERK_URL);

export const LOCAL_ONLY = "needs the local Clerk's controls, which real Clerk does not have";

/** Clerk's fixed code for test addresses (`+clerk_test`), which the local Clerk accepts for any. */
export const TEST_EMAIL_CODE = "424242";

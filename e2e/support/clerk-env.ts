// Which Clerk the suite talks to. By default the local Clerk that `start:local` runs beside the app;
// with E2E_REAL_CLERK=1 (`npm run test:e2e:clerk`) a real Clerk development instance from the env.
import { DEFAULT_SECRET_KEY, defaultConfig } from "../../clerk-local/config";
import { publishableKeyFor } from "../../clerk-local/context";
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
export const LOCAL_ONLY = "needs the local Clerk's controls, which real Clerk does not have";

/** Clerk's fixed code for test addresses (`+clerk_test`), which the local Clerk accepts for any. */
export const TEST_EMAIL_CODE = "424242";

export async function getLocalClerkConfig(): Promise<Record<string, unknown>> {
  const response = await fetch(`${E2E_CLERK_URL}/__clerk_local/config`);
  if (!response.ok) throw new Error(`GET /__clerk_local/config answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

export async function setLocalClerkConfig(config: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${E2E_CLERK_URL}/__clerk_local/config`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(config),
  });
  if (!response.ok) throw new Error(`PUT /__clerk_local/config answered ${response.status}: ${await response.text()}`);
}

/** The local Clerk stops listening for `seconds` (connection refused), then serves again. */
export async function startLocalClerkOutage(seconds: number): Promise<void> {
  const response = await fetch(`${E2E_CLERK_URL}/__clerk_local/outage`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ seconds }),
  });
  if (!response.ok) throw new Error(`POST /__clerk_local/outage answered ${response.status}: ${await response.text()}`);
}

/** Whether the local Clerk answers its readiness check (false while it refuses connections). */
export async function localClerkIsUp(): Promise<boolean> {
  return fetch(`${E2E_CLERK_URL}/__clerk_local/health`).then(
    (response) => response.ok,
    () => false,
  );
}

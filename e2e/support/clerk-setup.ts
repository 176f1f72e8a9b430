// @clerk/testing's setup, shared by every place that needs it: it fetches a testing token from the
// Backend API (CLERK_API_URL, real Clerk's when unset) and sets CLERK_FAPI / CLERK_TESTING_TOKEN.
import { clerkSetup } from "@clerk/testing/playwright";
import { clerkEnv } from "./clerk-env";

let done: Promise<void> | undefined;

export function ensureClerkSetup(): Promise<void> {
  process.env.CLERK_API_URL = clerkEnv.apiUrl;
  done ??= clerkSetup({ publishableKey: clerkEnv.publishableKey, secretKey: clerkEnv.secretKey, dotenv: false });
  return done;
}

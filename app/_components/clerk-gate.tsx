"use client";

import { primaryButtonClass } from "@/app/_components/styles";

import { reloadPage, useClerkAvailability } from "./connectivity";

/**
 * Shows Clerk's component once Clerk has loaded, and a clear message with Try again when it cannot,
 * so a blocked script or a Clerk outage never leaves an empty box (README, "When Clerk can't be reached").
 */
export function ClerkGate({ service, children }: { service: string; children: React.ReactNode }) {
  if (useClerkAvailability() !== "unavailable") return children;
  return (
    <div
      role="alert"
      className="w-full max-w-md space-y-3 rounded-2xl border border-amber-300 bg-amber-50 p-6 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
    >
      <h1 className="text-lg font-semibold">{service} is unavailable right now</h1>
      <p className="text-sm">
        We couldn&apos;t reach Clerk, the service that handles sign-in. Check your connection, then try
        again. If you were signed in, you still are.
      </p>
      <button type="button" onClick={reloadPage} className={primaryButtonClass}>
        Try again
      </button>
    </div>
  );
}

"use client";

import { useEffect, useState, useSyncExternalStore } from "react";

import { useClerk } from "@/lib/clerk-react";

// What the browser can reach right now: Clerk (its script and Frontend API) and the network itself.

export type ClerkAvailability = "loading" | "ready" | "degraded" | "unavailable";

/**
 * How long clerk-js may take to load before the page says sign-in is unavailable. A Clerk that loads
 * later still takes over; a failed script load is only reported by Clerk after a longer timeout.
 */
export const CLERK_LOAD_DEADLINE_MS = 5_000;

export function useClerkAvailability(): ClerkAvailability {
  const { status } = useClerk();
  const loading = status === "loading";
  const [overdue, setOverdue] = useState(false);
  useEffect(() => {
    if (!loading) return;
    const timer = setTimeout(() => setOverdue(true), CLERK_LOAD_DEADLINE_MS);
    return () => clearTimeout(timer);
  }, [loading]);
  if (status === "error" || (loading && overdue)) return "unavailable";
  return status;
}

function subscribeToNetwork(onChange: () => void): () => void {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/** False while the browser says it has no network; the server render assumes it has. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeToNetwork, () => navigator.onLine, () => true);
}

/** A script that failed to load can only be tried again by loading the page again. */
export function reloadPage(): void {
  window.location.reload();
}

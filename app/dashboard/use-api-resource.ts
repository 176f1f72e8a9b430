"use client";

import { useAuth } from "@/lib/clerk-react";
import { useCallback, useEffect, useState } from "react";
import type * as z from "@/lib/zod";

import { reloadPage, useClerkAvailability, useOnline, type ClerkAvailability } from "@/app/_components/connectivity";
import { apiGet, type ApiClientError, type ApiResult } from "@/lib/api-client";

export type ResourceState<T> =
  | { status: "loading" }
  | { status: "signed-out" }
  | { status: "error"; error: ApiClientError }
  | { status: "success"; data: T };

export type ResourceOptions = {
  /**
   * Keeps a resource in step with Clerk: `changedAt` is when the browser last saw the source change
   * (ms); `header` names the response header that says how fresh the answer is.
   */
  changedAt?: number;
  header?: string;
  /** Asks again whenever this changes: the role a new session token carries, say. */
  dependsOn?: string;
};

/** An answer older than a change the browser has seen is asked for again, a bounded number of times. */
const STALE_RETRY_DELAY_MS = 250;
const MAX_STALE_RETRIES = 8;

/**
 * Refetches when the user changes, on `retry`, when `dependsOn` changes, and, keeping the last answer on
 * screen, when the source changes (with `changedAt` and `header`) or the network comes back
 * (docs/cache.md). `schema` must be module-level: it is an effect dependency. `offline` is true while
 * the browser has no network.
 */
export function useApiResource<S extends z.ZodMiniType>(
  path: string,
  schema: S,
  options: ResourceOptions = {},
): { state: ResourceState<z.infer<S>>; retry: () => void; offline: boolean } {
  const { isLoaded, isSignedIn, userId, getToken } = useAuth();
  const availability = useClerkAvailability();
  const online = useOnline();
  const [attempt, setAttempt] = useState(0);
  // Asking again while the last answer stays on screen: the network came back, or the answer was stale.
  const [refreshes, setRefreshes] = useState(0);
  const [settled, setSettled] = useState<{ key: string; refresh: number; result: ApiResult<z.infer<S>> } | null>(null);
  const { changedAt, header, dependsOn = "" } = options;
  const [staleRetries, setStaleRetries] = useState({ changedAt, count: 0 });
  // A result only counts for the request that produced it; anything else still shows as loading.
  const requestKey = `${userId ?? ""}#${attempt}#${dependsOn}`;

  // Server-rendered auth says "signed in" before clerk-js has loaded; a token can only come after it has,
  // and a Clerk that loads late (its script retried) must still start the request.
  const clerkLoaded = availability === "ready" || availability === "degraded";

  useEffect(() => {
    if (!isSignedIn || !clerkLoaded) return;
    const controller = new AbortController();
    void apiGet(path, getToken, schema, { signal: controller.signal }).then((result) => {
      if (!controller.signal.aborted) setSettled({ key: requestKey, refresh: refreshes, result });
    });
    return () => controller.abort();
  }, [isSignedIn, clerkLoaded, requestKey, refreshes, path, schema, getToken]);

  const current = settled?.key === requestKey ? settled : null;
  const result = current?.result ?? null;
  // Judged on the latest answer only, so a change seen while a request is in flight asks nothing more
  // unless that answer turns out older than the change.
  const retriesForChange = staleRetries.changedAt === changedAt ? staleRetries.count : 0;
  const stale =
    current?.refresh === refreshes && isOlderThan(current.result, header, changedAt) && retriesForChange < MAX_STALE_RETRIES;
  useEffect(() => {
    if (!stale) return;
    const timer = setTimeout(() => {
      setStaleRetries({ changedAt, count: retriesForChange + 1 });
      setRefreshes((count) => count + 1);
    }, STALE_RETRY_DELAY_MS);
    return () => clearTimeout(timer);
  }, [stale, changedAt, retriesForChange]);

  useEffect(() => {
    const refetch = () => setRefreshes((count) => count + 1);
    window.addEventListener("online", refetch);
    return () => window.removeEventListener("online", refetch);
  }, []);

  const unavailable = availability === "unavailable";
  const retry = useCallback(() => (unavailable ? reloadPage() : setAttempt((count) => count + 1)), [unavailable]);

  return { state: currentState(availability, isLoaded, isSignedIn, result), retry, offline: !online };
}

function isOlderThan(result: ApiResult<unknown>, header: string | undefined, changedAt: number | undefined): boolean {
  if (!result.ok || !header || changedAt === undefined) return false;
  // No header says nothing about freshness (Number(null) would read as the epoch, and ask again).
  const value = result.headers.get(header);
  const answeredAsOf = value === null ? NaN : Number(value);
  return Number.isFinite(answeredAsOf) && answeredAsOf < changedAt;
}

const CLERK_NOT_LOADED: ApiClientError = { status: null, code: "auth_unavailable", message: "Clerk could not be loaded." };

function currentState<T>(
  availability: ClerkAvailability,
  isLoaded: boolean,
  isSignedIn: boolean | undefined,
  result: ApiResult<T> | null,
): ResourceState<T> {
  if (availability === "unavailable") return { status: "error", error: CLERK_NOT_LOADED };
  if (!isLoaded) return { status: "loading" };
  if (!isSignedIn) return { status: "signed-out" };
  if (!result) return { status: "loading" };
  if (result.ok) return { status: "success", data: result.data };
  if (result.error.code === "signed_out") return { status: "signed-out" };
  return { status: "error", error: result.error };
}

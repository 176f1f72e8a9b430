"use client";

import { useAuth } from "@/lib/clerk-react";
import { useCallback, useEffect, useState } from "react";
import type * as z from "@/lib/zod";

import { reloadPage, useClerkAvailability, useOnline, type ClerkAvailability } from "@/app/_components/connectivity";
import { apiGet, resultFromServerAnswer, type ApiClientError, type ApiResult, type ServerAnswer } from "@/lib/api-client";

export type ResourceState<T> =
  | { status: "loading" }
  | { status: "signed-out" }
  | { status: "error"; error: ApiClientError }
  /** `refreshError`: the latest request failed in a way that leaves the data on screen the user's own. */
  | { status: "success"; data: T; refreshError?: ApiClientError };

export type ResourceOptions = {
  /**
   * Keeps a resource in step with Clerk: `changedAt` is when the browser last saw the source change
   * (ms); `header` names the response header that says how fresh the answer is.
   */
  changedAt?: number;
  header?: string;
  /** Asks again whenever this changes: the role a new session token carries, say. */
  dependsOn?: string;
  /** The answer the page was rendered with: the first state, asked for again once Clerk gives a token. */
  serverAnswer?: ServerAnswer;
};

/** An answer older than a change the browser has seen is asked for again, a bounded number of times. */
const STALE_RETRY_DELAY_MS = 250;
const MAX_STALE_RETRIES = 8;

/** A result with the request it answers: the user and `dependsOn` (key), the Try again and the refresh. */
type Answer<T> = { key: string; attempt: number; refresh: number; result: ApiResult<T> };
/** The latest answer, and the data on screen, which a failure that leaves it the user's own keeps. */
type Answers<T> = { latest: Answer<T> | null; shown: { key: string; data: T } | null };

/**
 * Refetches when the user changes, on `retry`, when `dependsOn` changes, and, keeping the last answer on
 * screen, when the source changes (with `changedAt` and `header`) or the network comes back
 * (docs/cache.md). Starts from `serverAnswer` when there is one, and revalidates it once: the data on
 * screen changes only when an answer differs. `schema` must be module-level: it is an effect
 * dependency. `offline` is true while the browser has no network.
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
  const { changedAt, header, dependsOn = "", serverAnswer } = options;
  // An answer only counts for the user and `dependsOn` it was asked for.
  const requestKey = `${userId ?? ""}#${dependsOn}`;
  const [answers, setAnswers] = useState<Answers<z.infer<S>>>(() => fromServer(serverAnswer, schema, requestKey));
  const [staleRetries, setStaleRetries] = useState({ changedAt, count: 0 });

  // Server-rendered auth says "signed in" before clerk-js has loaded; a token can only come after it has,
  // and a Clerk that loads late (its script retried) must still start the request.
  const clerkLoaded = availability === "ready" || availability === "degraded";

  useEffect(() => {
    if (!isSignedIn || !clerkLoaded) return;
    const controller = new AbortController();
    void apiGet(path, getToken, schema, { signal: controller.signal }).then((result) => {
      if (controller.signal.aborted) return;
      setAnswers((previous) => withAnswer(previous, { key: requestKey, attempt, refresh: refreshes, result }));
    });
    return () => controller.abort();
  }, [isSignedIn, clerkLoaded, requestKey, attempt, refreshes, path, schema, getToken]);

  // Anything asked for since (another key, a Try again) still shows as loading, or as the data on screen.
  const latest = answers.latest?.key === requestKey && answers.latest.attempt === attempt ? answers.latest : null;
  const shown = answers.shown?.key === requestKey ? answers.shown : null;
  // Judged on the latest answer only, so a change seen while a request is in flight asks nothing more
  // unless that answer turns out older than the change.
  const retriesForChange = staleRetries.changedAt === changedAt ? staleRetries.count : 0;
  const stale =
    latest?.refresh === refreshes && isOlderThan(latest.result, header, changedAt) && retriesForChange < MAX_STALE_RETRIES;
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

  const state = currentState(availability, isLoaded, isSignedIn, latest?.result ?? null, shown);
  return { state, retry, offline: !online };
}

function fromServer<S extends z.ZodMiniType>(answer: ServerAnswer | undefined, schema: S, key: string): Answers<z.infer<S>> {
  if (!answer) return { latest: null, shown: null };
  const result = resultFromServerAnswer(answer, schema);
  return { latest: { key, attempt: 0, refresh: 0, result }, shown: result.ok ? { key, data: result.data } : null };
}

/** An answer that says the user may no longer see the data (signed out, session gone, role taken) clears it. */
function withAnswer<T>(previous: Answers<T>, answer: Answer<T>): Answers<T> {
  const { key, result } = answer;
  if (!result.ok) return { latest: answer, shown: endsAccess(result.error) ? null : previous.shown };
  // The same data keeps the object on screen, so nothing is rendered anew.
  const same = previous.shown?.key === key && sameJson(previous.shown.data, result.data);
  return { latest: answer, shown: same ? previous.shown : { key, data: result.data } };
}

function endsAccess(error: ApiClientError): boolean {
  return error.code === "signed_out" || error.code === "unauthenticated" || error.code === "permission_denied";
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every((name) => Object.hasOwn(bRecord, name) && sameJson((a as Record<string, unknown>)[name], bRecord[name]))
  );
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
  shown: { data: T } | null,
): ResourceState<T> {
  if (availability === "unavailable") {
    return shown ? { status: "success", data: shown.data, refreshError: CLERK_NOT_LOADED } : { status: "error", error: CLERK_NOT_LOADED };
  }
  if (!isLoaded) return { status: "loading" };
  if (!isSignedIn) return { status: "signed-out" };
  if (!result) return shown ? { status: "success", data: shown.data } : { status: "loading" };
  if (result.ok) return { status: "success", data: shown?.data ?? result.data };
  if (result.error.code === "signed_out") return { status: "signed-out" };
  if (shown) return { status: "success", data: shown.data, refreshError: result.error };
  return { status: "error", error: result.error };
}

"use client";

import { useAuth } from "@/lib/clerk-client";
import { useCallback, useEffect, useState } from "react";
import type * as z from "@/lib/zod";

import { apiGet, type ApiClientError, type ApiResult } from "@/lib/api-client";

export type ResourceState<T> =
  | { status: "loading" }
  | { status: "signed-out" }
  | { status: "error"; error: ApiClientError }
  | { status: "success"; data: T };

/**
 * Loads one of this app's API resources for the signed-in user, refetching when the user changes
 * or `retry` is called. `schema` must be a module-level constant: it is an effect dependency.
 */
export function useApiResource<S extends z.ZodMiniType>(
  path: string,
  schema: S,
): { state: ResourceState<z.infer<S>>; retry: () => void } {
  const { isLoaded, isSignedIn, userId, getToken } = useAuth();
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<{ key: string; result: ApiResult<z.infer<S>> } | null>(null);
  // A result only counts for the request that produced it; anything else still shows as loading.
  const requestKey = `${userId ?? ""}#${attempt}`;

  useEffect(() => {
    if (!isSignedIn) return;
    const controller = new AbortController();
    void apiGet(path, getToken, schema, { signal: controller.signal }).then((result) => {
      if (!controller.signal.aborted) setSettled({ key: requestKey, result });
    });
    return () => controller.abort();
  }, [isSignedIn, requestKey, path, schema, getToken]);

  const retry = useCallback(() => setAttempt((count) => count + 1), []);

  const result = settled?.key === requestKey ? settled.result : null;
  return { state: currentState(isLoaded, isSignedIn, result), retry };
}

function currentState<T>(
  isLoaded: boolean,
  isSignedIn: boolean | undefined,
  result: ApiResult<T> | null,
): ResourceState<T> {
  if (!isLoaded) return { status: "loading" };
  if (!isSignedIn) return { status: "signed-out" };
  if (!result) return { status: "loading" };
  if (result.ok) return { status: "success", data: result.data };
  if (result.error.code === "signed_out") return { status: "signed-out" };
  return { status: "error", error: result.error };
}

import "server-only";

import { isClerkAPIResponseError } from "@clerk/nextjs/errors";
import { clerkClient } from "@clerk/nextjs/server";
import { z } from "zod";

import { toUserData, type UserData } from "@/lib/user-data";

/** Why a user lookup failed, in the terms a route handler answers with. */
export type UserLookupFailure =
  /** Clerk no longer knows the user: the token outlived its user. */
  | { reason: "user_gone" }
  /** Clerk is rate limiting us or cannot be reached; retrying later may work. */
  | { reason: "unavailable"; retryAfterSeconds: number | null }
  /** Anything else; the details are in the server log only. */
  | { reason: "unexpected" };

export type UserLookup = { ok: true; userData: UserData } | ({ ok: false } & UserLookupFailure);

export async function getUserData(userId: string): Promise<UserLookup> {
  try {
    const user = await (await clerkClient()).users.getUser(userId);
    return { ok: true, userData: toUserData(user) };
  } catch (error) {
    const failure = classifyFailure(error);
    console.error("Clerk user lookup failed", {
      userId,
      reason: failure.reason,
      ...describeError(error),
    });
    return { ok: false, ...failure };
  }
}

function classifyFailure(error: unknown): UserLookupFailure {
  if (isClerkAPIResponseError(error)) {
    // @clerk/backend turns a failed fetch (DNS, refused connection, reset) into a response error
    // without a status, although its type says there always is one. It does the same for a body it
    // cannot read, which it does not let us tell apart; both mean no usable answer from Clerk.
    const status: number | undefined = error.status;
    if (status === undefined) return { reason: "unavailable", retryAfterSeconds: null };
    if (status === 404) return { reason: "user_gone" };
    if (status === 429 || status >= 500) {
      return { reason: "unavailable", retryAfterSeconds: error.retryAfter ?? null };
    }
    return { reason: "unexpected" };
  }
  if (isNetworkError(error)) return { reason: "unavailable", retryAfterSeconds: null };
  return { reason: "unexpected" };
}

const NETWORK_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function isNetworkError(error: unknown): boolean {
  // undici's fetch rejects with TypeError("fetch failed") and the socket error as its cause.
  if (error instanceof TypeError && error.message === "fetch failed") return true;
  const code = errorCode(error) ?? (error instanceof Error ? errorCode(error.cause) : undefined);
  return code !== undefined && NETWORK_ERROR_CODES.has(code);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

/** What an operator needs to tell failures apart, without secrets or user data. */
function describeError(error: unknown): Record<string, unknown> {
  if (isClerkAPIResponseError(error)) {
    return {
      // Spelled out: the class name is minified in production bundles.
      name: "ClerkAPIResponseError",
      status: error.status,
      clerkTraceId: error.clerkTraceId,
      retryAfter: error.retryAfter,
      clerkErrors: error.errors.map(({ code, message }) => ({ code, message })),
    };
  }
  if (error instanceof z.ZodError) {
    // Clerk answered with a user that does not fit UserData: paths and expectations, no values.
    return {
      name: "ZodError",
      issues: error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
    };
  }
  if (error instanceof Error) {
    return { name: error.name, message: error.message, code: errorCode(error) ?? errorCode(error.cause) };
  }
  return { thrown: typeof error };
}

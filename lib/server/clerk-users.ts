import "server-only";

import { isClerkAPIResponseError } from "@clerk/nextjs/errors";
import { createClerkClient } from "@clerk/nextjs/server";

import { serverEnv } from "@/lib/env";
import { roleFromMetadata, type Role } from "@/lib/roles";
import { retryIdempotent } from "@/lib/server/retry";
import { toUserData, type UserData } from "@/lib/user-data";
import * as z from "@/lib/zod";

/** Why a user lookup failed, in the terms a route handler answers with. */
export type UserLookupFailure =
  /** Clerk no longer knows the user: the token outlived its user. */
  | { reason: "user_gone" }
  /** Clerk is rate limiting us or cannot be reached; retrying later may work. */
  | { reason: "unavailable"; retryAfterSeconds: number | null }
  | { reason: "deadline_exceeded" }
  /** Anything else; the details are in the server log only. */
  | { reason: "unexpected" };

/**
 * With when Clerk last changed the user, so a client can tell an answer that predates a change, and
 * the user's role, which API keys (no session token to carry it) are judged by.
 */
export type FreshUserData = { userData: UserData; updatedAt: number; role: Role };

export type UserLookup = ({ ok: true } & FreshUserData) | ({ ok: false } & UserLookupFailure);

type ClerkClient = ReturnType<typeof createClerkClient>;

let backend: ClerkClient | undefined;

// Not the SDK's `clerkClient()`: it reads request headers, which are off limits in a cached function.
export function clerkBackend(): ClerkClient {
  if (!backend) {
    const { CLERK_SECRET_KEY, CLERK_API_URL } = serverEnv();
    backend = createClerkClient({ secretKey: CLERK_SECRET_KEY, ...(CLERK_API_URL ? { apiUrl: CLERK_API_URL } : {}) });
  }
  return backend;
}

/** Retries included; past it the user gets 504 rather than a hang. */
export const CLERK_LOOKUP_TIMEOUT_MS = 5_000;

// Only calls safe to repeat go through here; a 429 is not retried (docs/cache.md#retries-and-the-deadline).
const CLERK_RETRIES = { retries: 2, baseDelayMs: 200 };

export class ClerkDeadlineError extends Error {
  override name = "ClerkDeadlineError";
}

/** Also aborts `controller`, so no retry starts after the deadline. */
function withDeadline<T>(work: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ClerkDeadlineError(`no answer from Clerk within ${ms} ms`));
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** A Backend API call that is safe to repeat: Clerk's passing failures retried, all of it within `timeoutMs`. */
export function callClerk<T>(call: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = new AbortController();
  const work = retryIdempotent(call, { ...CLERK_RETRIES, isTransient: isTransientFailure, signal: deadline.signal });
  return withDeadline(work, timeoutMs, deadline);
}

async function fetchUserData(userId: string): Promise<FreshUserData> {
  const user = await callClerk(() => clerkBackend().users.getUser(userId), CLERK_LOOKUP_TIMEOUT_MS);
  return { userData: toUserData(user), updatedAt: user.updatedAt, role: roleFromMetadata(user.publicMetadata) };
}

/**
 * One user as Clerk has it now, uncached (the cache is lib/server/user-data-cache.ts). Never throws: it
 * runs inside `use cache`, whose boundary passes an error on without its class or fields in production.
 */
export async function lookUpUser(userId: string): Promise<UserLookup> {
  try {
    return { ok: true, ...(await fetchUserData(userId)) };
  } catch (error) {
    const failure = classifyClerkFailure(error);
    console.error("Clerk user lookup failed", {
      userId,
      reason: failure.reason,
      ...describeClerkError(error),
    });
    return { ok: false, ...failure };
  }
}

/** A failure worth one more try: Clerk's 5xx, no answer at all, a dropped connection (not a 429). */
function isTransientFailure(error: unknown): boolean {
  if (isClerkAPIResponseError(error)) {
    const status: number | undefined = error.status;
    return status === undefined || status >= 500;
  }
  return isNetworkError(error);
}

/** What a failed Backend API call means for the caller; a 404 is read as the user gone. */
export function classifyClerkFailure(error: unknown): UserLookupFailure {
  if (error instanceof ClerkDeadlineError) return { reason: "deadline_exceeded" };
  if (isClerkAPIResponseError(error)) {
    // @clerk/backend reports a failed fetch or an unreadable body as an error without a status.
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

/** For the log: enough to tell failures apart, no secrets or user data. */
export function describeClerkError(error: unknown): Record<string, unknown> {
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
    // Paths and expectations, no values.
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

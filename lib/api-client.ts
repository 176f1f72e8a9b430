import type * as z from "@/lib/zod";

import { apiErrorCodeForStatus, ApiErrorSchema, type ApiErrorCode } from "@/lib/api-error";

// The one way browser code calls this app's API. Failures are values, never thrown.

export type ApiClientErrorCode =
  | ApiErrorCode
  /** No request was sent. */
  | "signed_out"
  /** Clerk could not give a session token (its Frontend API failing or too slow): still signed in. */
  | "auth_unavailable"
  /** The browser has no network. */
  | "offline"
  | "network_error"
  | "invalid_response";

export type ApiClientError = {
  status: number | null;
  code: ApiClientErrorCode;
  message: string;
  retryAfter?: number;
};

export type ApiResult<T> = { ok: true; data: T; headers: Headers } | { ok: false; error: ApiClientError };

export type GetToken = () => Promise<string | null>;

/**
 * An answer the server already had when it rendered the page, as the API route would send it: read by
 * `resultFromServerAnswer` exactly as a fetched one is read.
 */
export type ServerAnswer = { status: number; body: unknown; headers?: Record<string, string> };

/** How long a session token may take: past it the user gets a retryable error, not a spinner. */
export const TOKEN_DEADLINE_MS = 5_000;

export async function apiGet<S extends z.ZodMiniType>(
  path: string,
  getToken: GetToken,
  schema: S,
  options: { signal?: AbortSignal } = {},
): Promise<ApiResult<z.infer<S>>> {
  let token: string | null;
  try {
    token = await withDeadline(getToken(), TOKEN_DEADLINE_MS);
  } catch {
    // clerk-js rejects (or hangs) when it cannot reach Clerk to refresh the token.
    if (isOffline()) return failure(null, "offline", "You are offline.");
    return failure(null, "auth_unavailable", "Could not get a session token from Clerk.");
  }
  if (!token) return failure(null, "signed_out", "You are signed out.");

  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
      cache: "no-store",
      signal: options.signal,
    });
  } catch {
    if (isOffline()) return failure(null, "offline", "You are offline.");
    return failure(null, "network_error", "The server could not be reached.");
  }

  return resultFromAnswer(response.status, response.headers, await readJson(response), schema);
}

export function resultFromServerAnswer<S extends z.ZodMiniType>(answer: ServerAnswer, schema: S): ApiResult<z.infer<S>> {
  return resultFromAnswer(answer.status, new Headers(answer.headers), answer.body, schema);
}

function resultFromAnswer<S extends z.ZodMiniType>(status: number, headers: Headers, body: unknown, schema: S): ApiResult<z.infer<S>> {
  if (status < 200 || status > 299) return errorFromAnswer(status, headers, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return failure(status, "invalid_response", "The server sent an unexpected response.");
  }
  return { ok: true, data: parsed.data, headers };
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function errorFromAnswer(status: number, headers: Headers, body: unknown): ApiResult<never> {
  const retryAfter = parseRetryAfter(headers.get("Retry-After"));
  const envelope = ApiErrorSchema.safeParse(body);
  const error: ApiClientError = envelope.success
    ? { status, code: envelope.data.code, message: envelope.data.message }
    : {
        status,
        code: apiErrorCodeForStatus(status),
        message: `The server answered with HTTP ${status}.`,
      };
  return { ok: false, error: retryAfter === undefined ? error : { ...error, retryAfter } };
}

function failure(status: number | null, code: ApiClientErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { status, code, message } };
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

import * as z from "@/lib/zod";

// The one error envelope every API route answers with, shared by the server (to build it) and the
// browser (to parse it). Codes and statuses come from the Encore design this app ports.
// Server-side responses are built in lib/server/api-error-response.ts, which keeps `next/server`
// out of the browser bundle that imports this module.

export const API_ERROR_STATUS = {
  invalid_argument: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  resource_exhausted: 429,
  internal: 500,
  unavailable: 503,
  deadline_exceeded: 504,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

const API_ERROR_CODES = Object.keys(API_ERROR_STATUS) as [ApiErrorCode, ...ApiErrorCode[]];

export const ApiErrorCodeSchema = z.enum(API_ERROR_CODES);

export const ApiErrorSchema = z.strictObject({
  code: ApiErrorCodeSchema,
  message: z.string(),
  details: z.null(),
});

export type ApiError = z.infer<typeof ApiErrorSchema>;

/** The message Encore-style APIs give a missing, expired or otherwise unusable session token. */
export const INVALID_TOKEN_MESSAGE = "invalid token";

export function apiError(code: ApiErrorCode, message: string): ApiError {
  return { code, message, details: null };
}

/**
 * Best code for a failed response that carried no envelope (a proxy's HTML 502, a platform
 * timeout): the status is all there is to go on.
 */
export function apiErrorCodeForStatus(status: number): ApiErrorCode {
  const exact = (Object.entries(API_ERROR_STATUS) as [ApiErrorCode, number][]).find(
    ([, codeStatus]) => codeStatus === status,
  );
  if (exact) return exact[0];
  // 502 Bad Gateway: whatever sits in front of the app could not reach it.
  if (status === 502) return "unavailable";
  if (status >= 400 && status < 500) return "invalid_argument";
  return "internal";
}

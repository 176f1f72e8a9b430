import * as z from "@/lib/zod";

// The one error envelope, shared with the browser; responses are built in lib/server/ to keep
// `next/server` out of the browser bundle.

export const API_ERROR_STATUS = {
  invalid_argument: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  method_not_allowed: 405,
  resource_exhausted: 429,
  request_too_large: 431,
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

export const INVALID_TOKEN_MESSAGE = "invalid token";

/** Every API answer depends on who asks, errors included: no shared cache may keep one for someone else. */
export const PRIVATE_ANSWER_HEADERS = { "Cache-Control": "private, no-store", Vary: "Authorization, Cookie" } as const;

export function apiError(code: ApiErrorCode, message: string): ApiError {
  return { code, message, details: null };
}

/** For a failed response without an envelope (a proxy's HTML 502): the status is all there is. */
export function apiErrorCodeForStatus(status: number): ApiErrorCode {
  const exact = (Object.entries(API_ERROR_STATUS) as [ApiErrorCode, number][]).find(
    ([, codeStatus]) => codeStatus === status,
  );
  if (exact) return exact[0];
  if (status === 502) return "unavailable";
  if (status >= 400 && status < 500) return "invalid_argument";
  return "internal";
}

import "server-only";

import { NextResponse } from "next/server";

import {
  API_ERROR_STATUS,
  apiError,
  INVALID_TOKEN_MESSAGE,
  PRIVATE_ANSWER_HEADERS,
  type ApiError,
  type ApiErrorCode,
} from "@/lib/api-error";

/** Marks `response` private (docs/security.md#private-answers), keeping any Vary it already has. */
export function privateAnswer<R extends Response>(response: R): R {
  response.headers.set("Cache-Control", PRIVATE_ANSWER_HEADERS["Cache-Control"]);
  const vary = new Map<string, string>();
  for (const name of `${response.headers.get("Vary") ?? ""},${PRIVATE_ANSWER_HEADERS.Vary}`.split(",")) {
    if (name.trim() && !vary.has(name.trim().toLowerCase())) vary.set(name.trim().toLowerCase(), name.trim());
  }
  response.headers.set("Vary", [...vary.values()].join(", "));
  return response;
}

/** `retryAfterSeconds`, when known, becomes Retry-After: when a 429 or 503 is worth trying again. */
export function apiErrorResponse(
  code: ApiErrorCode,
  message: string,
  { headers, retryAfterSeconds = null }: { headers?: HeadersInit; retryAfterSeconds?: number | null } = {},
): NextResponse<ApiError> {
  const response = NextResponse.json(apiError(code, message), { status: API_ERROR_STATUS[code], headers });
  if (retryAfterSeconds !== null) response.headers.set("Retry-After", String(retryAfterSeconds));
  return privateAnswer(response);
}

/** 401 for a request without a usable session: signed out, bad or expired token, user gone. */
export function invalidTokenResponse(): NextResponse<ApiError> {
  return apiErrorResponse("unauthenticated", INVALID_TOKEN_MESSAGE);
}

import "server-only";

import { NextResponse } from "next/server";

import {
  API_ERROR_STATUS,
  apiError,
  INVALID_TOKEN_MESSAGE,
  type ApiError,
  type ApiErrorCode,
} from "@/lib/api-error";

export function apiErrorResponse(
  code: ApiErrorCode,
  message: string,
  init: { headers?: HeadersInit } = {},
): NextResponse<ApiError> {
  return NextResponse.json(apiError(code, message), {
    status: API_ERROR_STATUS[code],
    headers: init.headers,
  });
}

/** 401 for a request without a usable session: signed out, bad or expired token, user gone. */
export function invalidTokenResponse(): NextResponse<ApiError> {
  return apiErrorResponse("unauthenticated", INVALID_TOKEN_MESSAGE);
}

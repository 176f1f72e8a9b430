import { auth } from "@clerk/nextjs/server";
import { NextResponse } from "next/server";

import { apiErrorResponse, invalidTokenResponse } from "@/lib/server/api-error-response";
import { apiRoute } from "@/lib/server/api-route";
import type { UserLookupFailure } from "@/lib/server/clerk-users";
import { getUserData } from "@/lib/server/user-data-cache";
import { USER_UPDATED_AT_HEADER, type UserData } from "@/lib/user-data";

/** The signed-in user's profile, as UserData. Also answers a session token sent as a Bearer header. */
async function getMe() {
  const { userId } = await auth();
  if (!userId) return invalidTokenResponse();

  const lookup = await getUserData(userId);
  if (lookup.ok) {
    return NextResponse.json<UserData>(lookup.userData, {
      // One user's data: the server caches it (docs/cache.md), no browser or CDN may keep it.
      headers: { [USER_UPDATED_AT_HEADER]: String(lookup.updatedAt), "Cache-Control": "private, no-store" },
    });
  }
  return lookupFailureResponse(lookup);
}

function lookupFailureResponse(failure: UserLookupFailure) {
  switch (failure.reason) {
    case "user_gone":
      return invalidTokenResponse();
    case "unavailable":
      return apiErrorResponse(
        "unavailable",
        "The user directory is temporarily unavailable. Try again shortly.",
        failure.retryAfterSeconds === null
          ? {}
          : { headers: { "Retry-After": String(failure.retryAfterSeconds) } },
      );
    case "deadline_exceeded":
      return apiErrorResponse("deadline_exceeded", "The user directory did not answer in time. Try again shortly.");
    case "unexpected":
      return apiErrorResponse("internal", "Something went wrong while loading your profile.");
  }
}

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = apiRoute("/api/me", { GET: getMe });

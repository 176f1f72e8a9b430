import "server-only";

import { apiErrorResponse, invalidTokenResponse } from "@/lib/server/api-error-response";
import type { UserLookupFailure } from "@/lib/server/clerk-users";

/** A failed user look-up as the API answers it: the user gone is 401, Clerk's trouble 503 or 504. */
export function userLookupFailureResponse(failure: UserLookupFailure) {
  switch (failure.reason) {
    case "user_gone":
      return invalidTokenResponse();
    case "unavailable":
      return apiErrorResponse(
        "unavailable",
        "The user directory is temporarily unavailable. Try again shortly.",
        { retryAfterSeconds: failure.retryAfterSeconds },
      );
    case "deadline_exceeded":
      return apiErrorResponse("deadline_exceeded", "The user directory did not answer in time. Try again shortly.");
    case "unexpected":
      return apiErrorResponse("internal", "Something went wrong while loading your profile.");
  }
}

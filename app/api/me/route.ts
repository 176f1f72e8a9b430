import { NextResponse, type NextRequest } from "next/server";

import { invalidTokenResponse } from "@/lib/server/api-error-response";
import { apiCaller } from "@/lib/server/api-caller";
import { apiRoute } from "@/lib/server/api-route";
import { userLookupFailureResponse } from "@/lib/server/user-lookup-failure";
import { getUserData } from "@/lib/server/user-data-cache";
import { USER_UPDATED_AT_HEADER, type UserData } from "@/lib/user-data";

/** The caller's profile, as UserData: the signed-in user's, or an API key owner's (Bearer header). */
async function getMe(request: NextRequest) {
  const caller = await apiCaller(request);
  if (!caller) return invalidTokenResponse();

  const lookup = await getUserData(caller.userId);
  if (!lookup.ok) return userLookupFailureResponse(lookup);
  return NextResponse.json<UserData>(lookup.userData, {
    headers: { [USER_UPDATED_AT_HEADER]: String(lookup.updatedAt) },
  });
}

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = apiRoute("/api/me", { GET: getMe });

import { NextResponse, type NextRequest } from "next/server";

import { KEY_OWNER_ROLE_MAX_AGE_SECONDS } from "@/lib/api-keys";
import { ADMIN_ROLE_NEEDED, type AdminDashboard } from "@/lib/admin-dashboard";
import { roleFromClaims, type Role } from "@/lib/roles";
import { adminDashboardForRole } from "@/lib/server/admin-dashboard";
import { apiErrorResponse, invalidTokenResponse } from "@/lib/server/api-error-response";
import { apiCaller, type ApiCaller } from "@/lib/server/api-caller";
import { apiRoute } from "@/lib/server/api-route";
import { noticeMissingRoleClaim } from "@/lib/server/session-roles";
import { getUserData } from "@/lib/server/user-data-cache";
import { userLookupFailureResponse } from "@/lib/server/user-lookup-failure";

/**
 * The caller's role: a session's from its verified token, with no Clerk call; an API key's from its
 * owner's cached look-up, asked again once older than a session token may be (docs/security.md#roles).
 */
async function callerRole(caller: ApiCaller): Promise<{ role: Role } | { failure: Response }> {
  if (caller.tokenType === "session_token") {
    noticeMissingRoleClaim(caller.sessionClaims);
    return { role: roleFromClaims(caller.sessionClaims) };
  }
  const lookup = await getUserData(caller.userId, { maxAgeMs: KEY_OWNER_ROLE_MAX_AGE_SECONDS * 1000 });
  return lookup.ok ? { role: lookup.role } : { failure: userLookupFailureResponse(lookup) };
}

/** The admin dashboard from the Encore example, for admins only. */
async function getAdminDashboard(request: NextRequest) {
  const caller = await apiCaller(request);
  if (!caller) return invalidTokenResponse();

  const found = await callerRole(caller);
  if ("failure" in found) return found.failure;
  const dashboard = adminDashboardForRole(found.role);
  const via = caller.tokenType === "api_key" ? { via: "api_key", keyId: caller.keyId } : {};
  if (!dashboard) {
    console.info("admin dashboard refused", { userId: caller.userId, role: found.role, ...via });
    return apiErrorResponse("permission_denied", ADMIN_ROLE_NEEDED);
  }
  console.info("admin dashboard accessed", { userId: caller.userId, ...via });
  return NextResponse.json<AdminDashboard>(dashboard);
}

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = apiRoute("/api/admin", { GET: getAdminDashboard });

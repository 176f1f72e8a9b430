import "server-only";

import { ADMIN_ROLE_NEEDED } from "@/lib/admin-dashboard";
import type { ServerAnswer } from "@/lib/api-client";
import { API_ERROR_STATUS, apiError } from "@/lib/api-error";
import { adminDashboardFor } from "@/lib/server/admin-dashboard";
import type { FreshUserData } from "@/lib/server/clerk-users";
import { USER_UPDATED_AT_HEADER } from "@/lib/user-data";

// The dashboard's first render: each panel gets the answer its API route would give at that moment,
// from the same cached look-up and the same role check, and the browser reads it as it reads a fetched
// one (docs/cache.md#the-dashboards-first-render).

/** What `GET /api/me` answers for this look-up. */
export function profileAnswer({ userData, updatedAt }: FreshUserData): ServerAnswer {
  return { status: 200, body: userData, headers: { [USER_UPDATED_AT_HEADER]: String(updatedAt) } };
}

/** What `GET /api/admin` answers this verified session; a render that shows the value is logged as a visit. */
export function adminAnswer(userId: string, sessionClaims: object | null | undefined): ServerAnswer {
  const dashboard = adminDashboardFor(sessionClaims);
  if (!dashboard) return { status: API_ERROR_STATUS.permission_denied, body: apiError("permission_denied", ADMIN_ROLE_NEEDED) };
  console.info("admin dashboard rendered", { userId });
  return { status: 200, body: dashboard };
}

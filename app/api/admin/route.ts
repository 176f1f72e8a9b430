import { auth } from "@clerk/nextjs/server";
import { NextResponse } from "next/server";

import { ADMIN_ROLE_NEEDED, type AdminDashboard } from "@/lib/admin-dashboard";
import { checkRole, roleFromClaims } from "@/lib/roles";
import { apiErrorResponse, invalidTokenResponse } from "@/lib/server/api-error-response";
import { apiRoute } from "@/lib/server/api-route";
import { noticeMissingRoleClaim } from "@/lib/server/session-roles";

/** The admin dashboard from the Encore example, for admins only: the role comes from the verified token. */
async function getAdminDashboard() {
  const { userId, sessionClaims } = await auth();
  if (!userId) return invalidTokenResponse();

  noticeMissingRoleClaim(sessionClaims);
  if (!checkRole(sessionClaims, "admin")) {
    console.info("admin dashboard refused", { userId, role: roleFromClaims(sessionClaims) });
    return apiErrorResponse("permission_denied", ADMIN_ROLE_NEEDED);
  }
  console.info("admin dashboard accessed", { userId });
  return NextResponse.json<AdminDashboard>({ value: "Important stuff" });
}

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = apiRoute("/api/admin", { GET: getAdminDashboard });

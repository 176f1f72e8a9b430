import "server-only";

import type { AdminDashboard } from "@/lib/admin-dashboard";
import { roleFromClaims, type Role } from "@/lib/roles";
import { noticeMissingRoleClaim } from "@/lib/server/session-roles";

/** The admin dashboard ported from the Encore example. */
const ADMIN_DASHBOARD: AdminDashboard = { value: "Important stuff" };

/** What `role` opens: the admin dashboard for an admin, null for anyone else. */
export function adminDashboardForRole(role: Role): AdminDashboard | null {
  return role === "admin" ? ADMIN_DASHBOARD : null;
}

/**
 * The same for a verified session, by the role its claims carry. What `/api/admin` serves a session and
 * what the dashboard is rendered with.
 */
export function adminDashboardFor(sessionClaims: object | null | undefined): AdminDashboard | null {
  noticeMissingRoleClaim(sessionClaims);
  return adminDashboardForRole(roleFromClaims(sessionClaims));
}

import "server-only";

import type { AdminDashboard } from "@/lib/admin-dashboard";
import { checkRole } from "@/lib/roles";
import { noticeMissingRoleClaim } from "@/lib/server/session-roles";

/**
 * The admin dashboard ported from the Encore example, for a verified session whose claims carry the
 * admin role; null for anyone else. What `/api/admin` serves and what the dashboard is rendered with.
 */
export function adminDashboardFor(sessionClaims: object | null | undefined): AdminDashboard | null {
  noticeMissingRoleClaim(sessionClaims);
  return checkRole(sessionClaims, "admin") ? { value: "Important stuff" } : null;
}

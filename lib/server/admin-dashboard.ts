import "server-only";

import type { AdminDashboard } from "@/lib/admin-dashboard";
import { checkRole, type Role } from "@/lib/roles";
import { noticeMissingRoleClaim } from "@/lib/server/session-roles";

/**
 * The admin dashboard ported from the Encore example, for a verified session whose claims carry the
 * admin role; null for anyone else. What `/api/admin` serves and what the dashboard is rendered with.
 */
export function adminDashboardFor(sessionClaims: object | null | undefined): AdminDashboard | null {
  noticeMissingRoleClaim(sessionClaims);
  return checkRole(sessionClaims, "admin") ? { value: "Important stuff" } : null;
}

/** The same for an API key, whose owner's role comes from the owner's look-up, not from a token. */
export function adminDashboardForRole(role: Role): AdminDashboard | null {
  return checkRole({ metadata: { role } }, "admin") ? { value: "Important stuff" } : null;
}

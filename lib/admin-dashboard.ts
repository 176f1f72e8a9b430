import * as z from "@/lib/zod";

// Ported from the Encore example.
export const AdminDashboardSchema = z.strictObject({
  value: z.string(),
});

export type AdminDashboard = z.infer<typeof AdminDashboardSchema>;

/** What /api/admin answers a signed-in user without the admin role (403 `permission_denied`). */
export const ADMIN_ROLE_NEEDED = "The admin role is needed for this endpoint.";

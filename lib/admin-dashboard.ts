import * as z from "@/lib/zod";

// The body of GET /api/admin, the admin endpoint ported from the Encore example.
export const AdminDashboardSchema = z.strictObject({
  value: z.string(),
});

export type AdminDashboard = z.infer<typeof AdminDashboardSchema>;

import * as z from "@/lib/zod";

// Ported from the Encore example.
export const AdminDashboardSchema = z.strictObject({
  value: z.string(),
});

export type AdminDashboard = z.infer<typeof AdminDashboardSchema>;

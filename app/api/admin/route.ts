import { auth } from "@clerk/nextjs/server";
import { NextResponse } from "next/server";

import type { AdminDashboard } from "@/lib/admin-dashboard";
import { invalidTokenResponse } from "@/lib/server/api-error-response";
import { apiRoute } from "@/lib/server/api-route";

/** The admin dashboard endpoint ported from the Encore example: any signed-in user may read it. */
async function getAdminDashboard() {
  const { userId } = await auth();
  if (!userId) return invalidTokenResponse();

  console.info("admin dashboard accessed", { userId });
  return NextResponse.json<AdminDashboard>({ value: "Important stuff" });
}

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = apiRoute("/api/admin", { GET: getAdminDashboard });

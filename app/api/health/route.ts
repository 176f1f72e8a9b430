import { NextResponse } from "next/server";

import { apiRoute } from "@/lib/server/api-route";

/** Liveness for load balancers and test harnesses: no auth, no Clerk call. */
function getHealth() {
  return NextResponse.json({ status: "ok" });
}

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = apiRoute("/api/health", { GET: getHealth });

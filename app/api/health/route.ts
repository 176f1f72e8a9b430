import { NextResponse } from "next/server";

/** Liveness for load balancers and test harnesses: no auth, no Clerk call. */
export function GET() {
  return NextResponse.json({ status: "ok" });
}

import type { NextRequest } from "next/server";

import { handleClerkWebhook } from "@/lib/server/clerk-webhooks";

/**
 * Clerk's webhooks (user.created / updated / deleted, Svix-signed). Public on purpose: the Svix
 * signature is the authentication, and clerkMiddleware lets a request without a session through.
 */
export function POST(request: NextRequest) {
  return handleClerkWebhook(request);
}

import type { NextRequest } from "next/server";

import { apiRoute } from "@/lib/server/api-route";
import { handleClerkWebhook } from "@/lib/server/clerk-webhooks";

/**
 * Clerk's webhooks (user.created / updated / deleted, Svix-signed). Public on purpose: the Svix
 * signature is the authentication, and clerkMiddleware lets a request without a session through.
 */
function receiveWebhook(request: NextRequest) {
  return handleClerkWebhook(request);
}

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = apiRoute("/api/webhooks/clerk", { POST: receiveWebhook });

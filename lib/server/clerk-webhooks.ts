import "server-only";

import { verifyWebhook, type WebhookEvent } from "@clerk/nextjs/webhooks";
import { NextResponse, type NextRequest } from "next/server";

import { serverEnv } from "@/lib/env";
import { apiErrorResponse } from "@/lib/server/api-error-response";
import { invalidateUserData } from "@/lib/server/user-data-cache";

// Idempotent without remembering svix-ids: an event only expires a cache tag (docs/cache.md#webhooks).

export type ClerkWebhookDeps = {
  /** `whsec_...`; undefined when the deployment has not configured webhooks. */
  signingSecret: string | undefined;
  invalidateUser: (userId: string) => void;
};

type Outcome = "invalidated" | "ignored";

/** POST /api/webhooks/clerk with the app's configuration. */
export function handleClerkWebhook(request: NextRequest): Promise<NextResponse> {
  return processClerkWebhook(request, {
    signingSecret: serverEnv().CLERK_WEBHOOK_SIGNING_SECRET,
    invalidateUser: invalidateUserData,
  });
}

export async function processClerkWebhook(request: NextRequest, deps: ClerkWebhookDeps): Promise<NextResponse> {
  const svixId = request.headers.get("svix-id");
  if (!deps.signingSecret) {
    // 500: the deployment is what is wrong, and Svix retries a 5xx until the secret is set.
    console.error(
      "Clerk webhook rejected: CLERK_WEBHOOK_SIGNING_SECRET is not set, so deliveries cannot be verified",
      { svixId },
    );
    return apiErrorResponse("internal", "Webhooks are not configured on this deployment.");
  }

  let event: WebhookEvent;
  try {
    event = await verifyWebhook(request, { signingSecret: deps.signingSecret });
  } catch (error) {
    console.warn("Clerk webhook rejected: verification failed", {
      svixId,
      reason: error instanceof Error ? error.message : String(error),
    });
    return apiErrorResponse("invalid_argument", "The webhook could not be verified.");
  }

  const outcome = applyEvent(event, deps);
  // Session events carry a session id: only user events name the user.
  const userId = event.type.startsWith("user.") ? userIdOf(event) : undefined;
  console.info("Clerk webhook", { svixId, type: event.type, userId, outcome });
  return NextResponse.json({ received: true });
}

function applyEvent(event: WebhookEvent, deps: ClerkWebhookDeps): Outcome {
  switch (event.type) {
    case "user.updated":
    case "user.deleted": {
      const userId = userIdOf(event);
      if (!userId) return "ignored";
      deps.invalidateUser(userId);
      return "invalidated";
    }
    default:
      // 2xx so Svix does not retry an event this app has no use for.
      return "ignored";
  }
}

function userIdOf(event: WebhookEvent): string | undefined {
  const data: unknown = event.data;
  if (typeof data !== "object" || data === null || !("id" in data)) return undefined;
  return typeof data.id === "string" && data.id !== "" ? data.id : undefined;
}

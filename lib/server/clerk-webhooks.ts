import "server-only";

import { verifyWebhook, type WebhookEvent } from "@clerk/nextjs/webhooks";
import { NextResponse, type NextRequest } from "next/server";

import { serverEnv } from "@/lib/env";
import { apiErrorResponse } from "@/lib/server/api-error-response";
import { invalidateUserData } from "@/lib/server/clerk-users";

// Clerk's webhooks (delivered through Svix) keep the cached UserData honest: `user.updated` and
// `user.deleted` expire that user's entry, so the next /api/me asks Clerk again.
//
// Idempotent by construction rather than by remembering svix-ids: handling an event only expires a
// cache tag, never writes the payload's data, so a retry or a replay of the same svix-id (or an old
// event arriving after a newer one) leaves the same state: the next look-up fetches the user as Clerk
// has it now. Keeping a list of seen ids would need shared storage across instances to mean anything,
// and would save at most one Backend API call per duplicate. Svix's signature also covers the
// timestamp, and verifyWebhook refuses deliveries more than five minutes old, which bounds replays.

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
    // 500, not 404 or 400: the request may be perfectly good and this deployment is what is wrong.
    // Svix retries a 5xx for about a day, so events sent before the secret is set still arrive.
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
    // Missing svix-* headers, a bad or stale signature, a body that is not the signed one.
    console.warn("Clerk webhook rejected: verification failed", {
      svixId,
      reason: error instanceof Error ? error.message : String(error),
    });
    return apiErrorResponse("invalid_argument", "The webhook could not be verified.");
  }

  const outcome = applyEvent(event, deps);
  console.info("Clerk webhook", { svixId, type: event.type, userId: userIdOf(event), outcome });
  return NextResponse.json({ received: true });
}

function applyEvent(event: WebhookEvent, deps: ClerkWebhookDeps): Outcome {
  switch (event.type) {
    case "user.updated":
    case "user.deleted": {
      const userId = userIdOf(event);
      // Signed by Clerk but without an id: nothing to expire, and a retry would not bring one.
      if (!userId) return "ignored";
      deps.invalidateUser(userId);
      return "invalidated";
    }
    default:
      // user.created (nothing is cached for a new user yet), session.*, and whatever Clerk adds later:
      // 2xx so Svix does not retry an event this app has no use for.
      return "ignored";
  }
}

function userIdOf(event: WebhookEvent): string | undefined {
  const data: unknown = event.data;
  if (typeof data !== "object" || data === null || !("id" in data)) return undefined;
  return typeof data.id === "string" && data.id !== "" ? data.id : undefined;
}

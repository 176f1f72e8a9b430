import "server-only";

import { verifyWebhook } from "@clerk/nextjs/webhooks";
import { NextResponse, type NextRequest } from "next/server";

import { serverEnv } from "@/lib/env";
import { apiErrorResponse } from "@/lib/server/api-error-response";
import { invalidateUserData } from "@/lib/server/user-data-cache";
import * as z from "@/lib/zod";

// Idempotent without remembering svix-ids: an event only expires a cache tag (docs/cache.md#webhooks).

export type ClerkWebhookDeps = {
  /** `whsec_...`; undefined when the deployment has not configured webhooks. */
  signingSecret: string | undefined;
  invalidateUser: (userId: string) => void;
};

const NonEmptyString = z.string().check(z.minLength(1));

/**
 * What this app reads of a verified delivery. A signature proves who sent it, not its shape: a
 * payload that is not an event object is answered 400 rather than trusted. Clerk's type for a
 * deleted object leaves `id` optional, so only `user.updated` must carry one.
 */
export const ClerkWebhookEventSchema = z
  .object({
    type: NonEmptyString,
    data: z.object({ id: z.optional(NonEmptyString) }),
  })
  .check(
    z.refine((event) => event.type !== "user.updated" || event.data.id !== undefined, {
      error: "user.updated names no user",
      path: ["data", "id"],
    }),
  );

type ClerkWebhookEvent = z.infer<typeof ClerkWebhookEventSchema>;

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

  let verified: unknown;
  try {
    verified = await verifyWebhook(request, { signingSecret: deps.signingSecret });
  } catch (error) {
    console.warn("Clerk webhook rejected: verification failed", {
      svixId,
      reason: error instanceof Error ? error.message : String(error),
    });
    return apiErrorResponse("invalid_argument", "The webhook could not be verified.");
  }

  const parsed = ClerkWebhookEventSchema.safeParse(verified);
  if (!parsed.success) {
    // Where the payload is wrong, never its values: a payload may carry user data.
    const problems = parsed.error.issues.map((issue) => issue.path.join(".") || "(payload)");
    console.warn("Clerk webhook rejected: a verified payload of the wrong shape", { svixId, problems });
    return apiErrorResponse("invalid_argument", "The webhook payload is not a Clerk event this app understands.");
  }
  const event = parsed.data;
  const outcome = applyEvent(event, deps);
  // Session events carry a session id: only user events name the user.
  const userId = event.type.startsWith("user.") ? event.data.id : undefined;
  console.info("Clerk webhook", { svixId, type: event.type, userId, outcome });
  return NextResponse.json({ received: true });
}

function applyEvent(event: ClerkWebhookEvent, deps: ClerkWebhookDeps): Outcome {
  const userId = event.data.id;
  switch (event.type) {
    case "user.updated":
    case "user.deleted":
      if (!userId) return "ignored";
      deps.invalidateUser(userId);
      return "invalidated";
    default:
      // 2xx so Svix does not retry an event this app has no use for.
      return "ignored";
  }
}

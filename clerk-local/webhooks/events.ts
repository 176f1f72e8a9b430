// Turns the store's user and session events into Clerk's webhook events (`user.created`, `user.updated`,
// `user.deleted`, `session.created`, `session.ended`, `session.removed`, `session.revoked`) and hands
// them to the dispatcher.
import type { LocalClerk } from "../context";
import { backendSessionJSON } from "../json/session";
import { userJSON } from "../json/user";
import { currentRequestInfo, type RequestInfo } from "../http/request-context";
import type { SessionEvent, Store, User, UserEvent } from "../state/store";
import { WebhookDispatcher } from "./dispatcher";
import { webhookKey } from "./signing";

export const INSTANCE_ID = "ins_local";

export type ClerkWebhookEvent = {
  data: unknown;
  object: "event";
  type: UserEvent["type"] | SessionEvent["type"];
  timestamp: number;
  instance_id: string;
  event_attributes: { http_request: RequestInfo };
};

/** `user.deleted` carries only the id (and the external id when there is one), like Clerk's. */
function deletedUserJSON(user: User) {
  return { id: user.id, object: "user" as const, deleted: true, ...(user.external_id ? { external_id: user.external_id } : {}) };
}

export function userEventPayload(
  event: UserEvent,
  avatarBaseUrl: string,
  request: RequestInfo,
  timestamp = Date.now(),
): ClerkWebhookEvent {
  return {
    data: event.type === "user.deleted" ? deletedUserJSON(event.user) : userJSON(event.user, avatarBaseUrl, "backend"),
    object: "event",
    type: event.type,
    timestamp,
    instance_id: INSTANCE_ID,
    event_attributes: { http_request: request },
  };
}

/** A session event's data: the Backend API's session with its user embedded, like Clerk's. */
export function sessionEventPayload(
  event: SessionEvent,
  avatarBaseUrl: string,
  request: RequestInfo,
  timestamp = Date.now(),
): ClerkWebhookEvent {
  return {
    data: { ...backendSessionJSON(event.session), user: userJSON(event.user, avatarBaseUrl, "backend") },
    object: "event",
    type: event.type,
    timestamp,
    instance_id: INSTANCE_ID,
    event_attributes: { http_request: request },
  };
}

export function createWebhookDispatcher(clerk: Pick<LocalClerk, "config">): WebhookDispatcher {
  // Checked once at start: a malformed secret is a configuration error, not a per-delivery one.
  let key: Buffer;
  try {
    key = webhookKey(clerk.config.webhookSecret);
  } catch (error) {
    throw new Error(`Invalid webhook signing secret (CLERK_LOCAL_WEBHOOK_SECRET): ${(error as Error).message}`);
  }
  return new WebhookDispatcher(() => ({
    url: clerk.config.webhookUrl,
    key,
    retryDelaysMs: clerk.config.webhookRetryDelaysMs,
    timeoutMs: clerk.config.webhookTimeoutMs,
  }));
}

/**
 * Queues one event a microtask later: a handler may still finish the user in the same tick (sign-up
 * sets the password right after creating the user), and the event should show the finished state.
 */
function announceLater(clerk: LocalClerk, type: string, userId: string, payload: (request: RequestInfo, timestamp: number) => ClerkWebhookEvent): void {
  const request = currentRequestInfo();
  const timestamp = Date.now();
  queueMicrotask(() => {
    // An exception in a microtask would take the whole process down: a webhook is never worth that.
    try {
      clerk.webhooks.enqueue(type, userId, payload(request, timestamp));
    } catch (error) {
      console.warn(`[clerk-local] could not queue webhook ${type}: ${(error as Error).message}`);
    }
  });
}

/** Announces every user change of `store` through `clerk.webhooks`. */
export function announceUserEvents(clerk: LocalClerk, store: Store): void {
  store.onUserEvent((event) =>
    announceLater(clerk, event.type, event.user.id, (request, timestamp) => userEventPayload(event, clerk.publicUrl, request, timestamp)),
  );
}

/** Announces sessions created and ended; queued per user, so they stay in order with its user events. */
export function announceSessionEvents(clerk: LocalClerk, store: Store): void {
  store.onSessionEvent((event) =>
    announceLater(clerk, event.type, event.user.id, (request, timestamp) => sessionEventPayload(event, clerk.publicUrl, request, timestamp)),
  );
}

// Turns the store's user and session events into Clerk's webhook events and hands them to the
// dispatcher, queued per user so a user's events stay in order.
import { currentRequestInfo, type RequestInfo } from "../http/request-context";
import { sessionEventJSON, userEventJSON, type ClerkWebhookEvent } from "../json/events";
import type { Store } from "../state/store";
import type { WebhookDispatcher } from "./dispatcher";

/**
 * Queues one event a microtask later, its data read from the record then (the request and time are the
 * change's): a flow may still change the user in the same tick without announcing it, and the event
 * should show the finished state. Completing a sign-up does: createUser announces `user.created`, then
 * createSession sets the user's `last_sign_in_at` and `last_active_at` with no `user.updated`, and
 * `user.created` carries them.
 */
function announceLater(
  dispatcher: WebhookDispatcher,
  type: string,
  userId: string,
  payload: (request: RequestInfo, timestamp: number) => ClerkWebhookEvent,
): void {
  const request = currentRequestInfo();
  const timestamp = Date.now();
  queueMicrotask(() => {
    // An exception in a microtask would take the whole process down: a webhook is never worth that.
    try {
      dispatcher.enqueue(type, userId, payload(request, timestamp));
    } catch (error) {
      console.warn(`[clerk-local] could not queue webhook ${type}: ${(error as Error).message}`);
    }
  });
}

/** Announces every user and session change of `store` through `dispatcher`. */
export function announceStoreEvents(store: Store, dispatcher: WebhookDispatcher, avatarBaseUrl: () => string): void {
  store.onUserEvent((event) =>
    announceLater(dispatcher, event.type, event.user.id, (request, timestamp) => userEventJSON(event, avatarBaseUrl(), request, timestamp)),
  );
  store.onSessionEvent((event) =>
    announceLater(dispatcher, event.type, event.user.id, (request, timestamp) => sessionEventJSON(event, avatarBaseUrl(), request, timestamp)),
  );
}

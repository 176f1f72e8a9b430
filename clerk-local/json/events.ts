// Clerk's webhook event JSON: `user.*` and `session.*` events, as Svix delivers them.
import type { RequestInfo } from "../http/request-context";
import type { SessionEvent, UserEvent } from "../state/store";
import type { User } from "../state/records";
import { backendSessionJSON } from "./session";
import { userJSON } from "./user";

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

function eventJSON(type: ClerkWebhookEvent["type"], data: unknown, request: RequestInfo, timestamp: number): ClerkWebhookEvent {
  return { data, object: "event", type, timestamp, instance_id: INSTANCE_ID, event_attributes: { http_request: request } };
}

export function userEventJSON(event: UserEvent, avatarBaseUrl: string, request: RequestInfo, timestamp = Date.now()): ClerkWebhookEvent {
  const data = event.type === "user.deleted" ? deletedUserJSON(event.user) : userJSON(event.user, avatarBaseUrl, "backend");
  return eventJSON(event.type, data, request, timestamp);
}

/** A session event's data: the Backend API's session with its user embedded, like Clerk's. */
export function sessionEventJSON(event: SessionEvent, avatarBaseUrl: string, request: RequestInfo, timestamp = Date.now()): ClerkWebhookEvent {
  const data = { ...backendSessionJSON(event.session), user: userJSON(event.user, avatarBaseUrl, "backend") };
  return eventJSON(event.type, data, request, timestamp);
}

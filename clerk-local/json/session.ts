// Clerk's session JSON: the Frontend API's (with the user and its token) and the Backend API's.
import type { Session, User } from "../state/records";
import { publicUserDataJSON, userJSON } from "./user";

export function sessionJSON(session: Session, user: User, avatarBaseUrl: string, lastActiveToken: string | null) {
  return {
    id: session.id,
    object: "session" as const,
    status: session.status,
    client_id: session.client_id,
    user_id: session.user_id,
    expire_at: session.expire_at,
    abandon_at: session.abandon_at,
    last_active_at: session.last_active_at,
    last_active_token: lastActiveToken ? { object: "token", jwt: lastActiveToken } : null,
    last_active_organization_id: null,
    actor: null,
    tasks: null,
    factor_verification_age: [0, -1],
    user: userJSON(user, avatarBaseUrl, "frontend"),
    public_user_data: publicUserDataJSON(user, avatarBaseUrl),
    created_at: session.created_at,
    updated_at: session.updated_at,
  };
}

/** The Backend API's session: no embedded user or token. */

export function backendSessionJSON(session: Session) {
  return {
    id: session.id,
    object: "session" as const,
    client_id: session.client_id ?? "",
    user_id: session.user_id,
    status: session.status,
    last_active_organization_id: null,
    actor: null,
    latest_activity: null,
    last_active_at: session.last_active_at,
    expire_at: session.expire_at,
    abandon_at: session.abandon_at,
    created_at: session.created_at,
    updated_at: session.updated_at,
  };
}

/** A session as "Active devices" lists it (`GET /v1/me/sessions/active`): no user, the latest activity. */
export function activeSessionJSON(session: Session, latestActivity: Record<string, unknown> & { id: string; object: string; is_mobile: boolean }) {
  return {
    id: session.id,
    object: "session" as const,
    status: session.status,
    expire_at: session.expire_at,
    abandon_at: session.abandon_at,
    last_active_at: session.last_active_at,
    last_active_token: null,
    last_active_organization_id: null,
    actor: null,
    tasks: null,
    latest_activity: latestActivity,
    created_at: session.created_at,
    updated_at: session.updated_at,
  };
}

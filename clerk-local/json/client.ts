// Clerk's client JSON: one browser's sessions and its sign-in / sign-up in progress.
import type { UserSettings } from "../settings/instance-defaults";
import type { Client } from "../state/records";
import type { Store } from "../state/store";
import { sessionJSON } from "./session";
import { signInJSON } from "./sign-in";
import { signUpJSON } from "./sign-up";

export function clientJSON(
  client: Client,
  store: Store,
  avatarBaseUrl: string,
  tokens: Map<string, string>,
  settings: Readonly<UserSettings>,
) {
  const sessions = store.activeSessions(client).flatMap((session) => {
    const user = store.user(session.user_id);
    return user ? [sessionJSON(session, user, avatarBaseUrl, tokens.get(session.id) ?? null)] : [];
  });
  const signIn = client.sign_in_id ? store.signIn(client.sign_in_id) : undefined;
  const signUp = client.sign_up_id ? store.signUp(client.sign_up_id) : undefined;
  return {
    id: client.id,
    object: "client" as const,
    sessions,
    sign_in: signIn ? signInJSON(signIn, store, avatarBaseUrl, settings) : null,
    sign_up: signUp ? signUpJSON(signUp, settings) : null,
    last_active_session_id: sessions.some((s) => s.id === client.last_active_session_id)
      ? client.last_active_session_id
      : null,
    last_authentication_strategy: client.last_authentication_strategy,
    // null: clerk-js would otherwise navigate to /v1/client/touch to extend a cookie we never set.
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: client.created_at,
    updated_at: client.updated_at,
  };
}

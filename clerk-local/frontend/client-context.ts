// What every Frontend API handler starts from: the browser's client (found by its dev browser token),
// its sessions and attempts, and the `{response, client}` envelope clerk-js reads.
import type { Context } from "hono";
import type { LocalClerk } from "../context";
import { ClerkError, notFound } from "../http/errors";
import { clientJSON } from "../json/client";
import type { Client, Session, SignIn, SignUp, User } from "../state/store";
import { sessionToken } from "../tokens/tokens";

export const devBrowserUnauthenticated = () =>
  new ClerkError({
    status: 401,
    code: "dev_browser_unauthenticated",
    message: "Browser unauthenticated",
    longMessage: "Unable to authenticate this browser for your development instance.",
  });

export const sessionInvalid = () =>
  new ClerkError({
    status: 401,
    code: "authentication_invalid",
    message: "Session invalid",
    longMessage: "The session is no longer active. Sign in again.",
  });

export function requestOrigin(c: Context, clerk: LocalClerk): string {
  return c.req.header("origin") ?? clerk.config.appOrigin;
}

/** Mints a fresh token for each active session so the client JSON carries `last_active_token`. */
export async function clientPayload(clerk: LocalClerk, client: Client, azp: string) {
  const tokens = new Map<string, string>();
  for (const session of clerk.store.activeSessions(client)) {
    tokens.set(session.id, await sessionToken(clerk, session, client, azp));
  }
  return clientJSON(client, clerk.store, clerk.publicUrl, tokens);
}

/** `{response, client}`: what clerk-js expects from every Frontend API call but the token one. */
export async function envelope(c: Context, clerk: LocalClerk, response: unknown, client: Client) {
  return c.json({ response, client: await clientPayload(clerk, client, requestOrigin(c, clerk)) });
}

export function devBrowserClient(c: Context, clerk: LocalClerk): Client {
  const token = c.req.query("__clerk_db_jwt") ?? c.req.header("clerk-db-jwt");
  const client = token ? clerk.store.clientForDevBrowser(token) : undefined;
  if (!client) throw devBrowserUnauthenticated();
  return client;
}

export function clientSession(clerk: LocalClerk, client: Client, sessionId: string): Session {
  const session = clerk.store.sessions.get(sessionId);
  if (!session || session.client_id !== client.id) throw notFound("session");
  if (session.status !== "active" || !clerk.store.users.has(session.user_id)) throw sessionInvalid();
  return session;
}

export function clientSignIn(clerk: LocalClerk, client: Client, id: string): SignIn {
  const signIn = clerk.store.signIns.get(id);
  if (!signIn || client.sign_in_id !== id) throw notFound("sign in");
  return signIn;
}

export function clientSignUp(clerk: LocalClerk, client: Client, id: string): SignUp {
  const signUp = clerk.store.signUps.get(id);
  if (!signUp || client.sign_up_id !== id) throw notFound("sign up");
  return signUp;
}

/** The signed-in user of the session clerk-js names in `_clerk_session_id`, else the client's active one. */
export function currentUser(c: Context, clerk: LocalClerk): { client: Client; session: Session; user: User } {
  const client = devBrowserClient(c, clerk);
  const sessionId = c.req.query("_clerk_session_id") ?? client.last_active_session_id ?? "";
  const session = clientSession(clerk, client, sessionId);
  const user = clerk.store.users.get(session.user_id);
  if (!user) throw sessionInvalid();
  return { client, session, user };
}

// What every Frontend API handler starts from: the browser's client (found by its dev browser token),
// its sessions and attempts, and the `{response, client}` envelope clerk-js reads.
import type { Context } from "hono";
import { ClerkError, notFound } from "../http/errors";
import { clientJSON } from "../json/client";
import type { Instance } from "../settings/instance";
import type { Client, Session, SignIn, SignUp, User } from "../state/records";
import type { Store } from "../state/store";

/** What the Frontend API's handlers share, made once per server. */
export type Fapi = {
  store: Store;
  /** The instance's settings, read on every request so a live change takes effect on the next one. */
  instance: Instance;
  /** The app's origin, for tokens asked for without an Origin header. */
  appOrigin: string;
  /** Where avatars are served (this server's public URL). */
  avatarBaseUrl: () => string;
  /** A session token as the browser gets it (or, named, a JWT template's): never older than the client's last change. */
  tokenFor: (session: Session, client: Client | null, azp: string | null, template?: string) => Promise<string>;
};

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

export function requestOrigin(c: Context, fapi: Pick<Fapi, "appOrigin">): string {
  return c.req.header("origin") ?? fapi.appOrigin;
}

/** The dev browser token clerk-js sends in the query (or a header). */
export function devBrowserToken(c: Context): string | undefined {
  return c.req.query("__clerk_db_jwt") ?? c.req.header("clerk-db-jwt");
}

/** Mints a fresh token for each active session so the client JSON carries `last_active_token`. */
export async function clientPayload(fapi: Fapi, client: Client, azp: string) {
  const tokens = new Map<string, string>();
  for (const session of fapi.store.activeSessions(client)) tokens.set(session.id, await fapi.tokenFor(session, client, azp));
  return clientJSON(client, fapi.store, fapi.avatarBaseUrl(), tokens, fapi.instance.userSettings);
}

/** `{response, client}`: what clerk-js expects from every Frontend API call but the token one. */
export async function envelope(c: Context, fapi: Fapi, response: unknown, client: Client) {
  return c.json({ response, client: await clientPayload(fapi, client, requestOrigin(c, fapi)) });
}

export function devBrowserClient(c: Context, store: Store): Client {
  const token = devBrowserToken(c);
  const client = token ? store.clientForDevBrowser(token) : undefined;
  if (!client) throw devBrowserUnauthenticated();
  return client;
}

export function clientSession(store: Store, client: Client, sessionId: string): Session {
  const session = store.session(sessionId);
  if (!session || session.client_id !== client.id) throw notFound("session");
  if (session.status !== "active" || !store.user(session.user_id)) throw sessionInvalid();
  return session;
}

export function clientSignIn(store: Store, client: Client, id: string): SignIn {
  const signIn = store.signIn(id);
  if (!signIn || client.sign_in_id !== id) throw notFound("sign in");
  return signIn;
}

export function clientSignUp(store: Store, client: Client, id: string): SignUp {
  const signUp = store.signUp(id);
  if (!signUp || client.sign_up_id !== id) throw notFound("sign up");
  return signUp;
}

/** The signed-in user of the session clerk-js names in `_clerk_session_id`, else the client's active one. */
export function currentUser(c: Context, store: Store): { client: Client; session: Session; user: User } {
  const client = devBrowserClient(c, store);
  const sessionId = c.req.query("_clerk_session_id") ?? client.last_active_session_id ?? "";
  const session = clientSession(store, client, sessionId);
  const user = store.user(session.user_id);
  if (!user) throw sessionInvalid();
  return { client, session, user };
}

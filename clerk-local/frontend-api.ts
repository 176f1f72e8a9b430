// The Frontend API that clerk-js calls from the browser (development instance: the client is found by
// the dev browser token in `__clerk_db_jwt`, never by cookies on this origin).
import type { Context, Hono } from "hono";
import { readForm } from "./body";
import type { LocalClerk } from "./context";
import { environmentJSON } from "./environment";
import { ClerkError, formError, notFound } from "./errors";
import { checkNewPassword, EMAIL_PATTERN } from "./identity-rules";
import { newId } from "./ids";
import { clientJSON, sessionJSON, signInJSON, signUpJSON, userJSON } from "./json";
import { hashPassword, passwordMatches, type Client, type Session, type SignIn, type SignUp } from "./store";
import { mintSessionToken } from "./tokens";

const VERIFICATION_WINDOW_MS = 10 * 60 * 1000;

const devBrowserUnauthenticated = () =>
  new ClerkError({
    status: 401,
    code: "dev_browser_unauthenticated",
    message: "Browser unauthenticated",
    longMessage: "Unable to authenticate this browser for your development instance.",
  });

const sessionInvalid = () =>
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

export function sessionToken(
  clerk: LocalClerk,
  session: Session,
  client: Client | null,
  azp: string | null,
  ttlSeconds = clerk.config.tokenTtlSeconds,
) {
  return mintSessionToken(clerk.issuer, session, {
    azp,
    ttlSeconds,
    notBeforeMs: client?.updated_at,
  });
}

function devBrowserClient(c: Context, clerk: LocalClerk): Client {
  const token = c.req.query("__clerk_db_jwt") ?? c.req.header("clerk-db-jwt");
  const client = token ? clerk.store.clientForDevBrowser(token) : undefined;
  if (!client) throw devBrowserUnauthenticated();
  return client;
}

function clientSession(clerk: LocalClerk, client: Client, sessionId: string): Session {
  const session = clerk.store.sessions.get(sessionId);
  if (!session || session.client_id !== client.id) throw notFound("session");
  if (session.status !== "active" || !clerk.store.users.has(session.user_id)) throw sessionInvalid();
  return session;
}

function clientSignIn(clerk: LocalClerk, client: Client, id: string): SignIn {
  const signIn = clerk.store.signIns.get(id);
  if (!signIn || client.sign_in_id !== id) throw notFound("sign in");
  return signIn;
}

function clientSignUp(clerk: LocalClerk, client: Client, id: string): SignUp {
  const signUp = clerk.store.signUps.get(id);
  if (!signUp || client.sign_up_id !== id) throw notFound("sign up");
  return signUp;
}

function completeSignIn(clerk: LocalClerk, client: Client, signIn: SignIn, strategy: string): void {
  if (!signIn.user_id) throw formError("form_identifier_not_found", "Couldn't find your account.", "identifier");
  const session = clerk.store.createSession(signIn.user_id, client);
  signIn.status = "complete";
  signIn.first_factor = { strategy, status: "verified", attempts: (signIn.first_factor?.attempts ?? 0) + 1 };
  signIn.created_session_id = session.id;
}

function attemptPassword(clerk: LocalClerk, client: Client, signIn: SignIn, password: string | undefined): void {
  const user = signIn.user_id ? clerk.store.users.get(signIn.user_id) : undefined;
  if (!user || !password || !passwordMatches(user.password_hash, password)) {
    signIn.first_factor = { strategy: "password", status: "failed", attempts: (signIn.first_factor?.attempts ?? 0) + 1 };
    // The components show the server's text for this code, so it must be Clerk's own wording.
    throw formError("form_password_incorrect", "Password is incorrect. Try again, or use another method.", "password");
  }
  completeSignIn(clerk, client, signIn, "password");
}

function attemptEmailCode(clerk: LocalClerk, client: Client, signIn: SignIn, code: string | undefined): void {
  if (signIn.first_factor?.strategy !== "email_code") {
    throw formError("verification_not_sent", "You need to send a verification code before attempting to verify.", "code");
  }
  if (code !== clerk.config.verificationCode) {
    signIn.first_factor.attempts += 1;
    throw formError("form_code_incorrect", "Incorrect code", "code");
  }
  completeSignIn(clerk, client, signIn, "email_code");
}

function applySignUpFields(clerk: LocalClerk, signUp: SignUp, form: Record<string, string>): void {
  if (form.email_address !== undefined) {
    const address = form.email_address.trim().toLowerCase();
    if (!EMAIL_PATTERN.test(address)) {
      throw formError("form_param_format_invalid", "Enter email address in the correct format.", "email_address");
    }
    if (clerk.store.findUserByEmail(address)) {
      throw formError(
        "form_identifier_exists",
        "That email address is taken. Please try another.",
        "email_address",
      );
    }
    if (signUp.email_address !== address) signUp.email_verification = null;
    signUp.email_address = address;
  }
  if (form.password !== undefined) {
    checkNewPassword(form.password);
    signUp.password_hash = hashPassword(form.password);
  }
  if (form.first_name !== undefined) signUp.first_name = form.first_name.trim() || null;
  if (form.last_name !== undefined) signUp.last_name = form.last_name.trim() || null;
}

function completeSignUpIfReady(clerk: LocalClerk, client: Client, signUp: SignUp): void {
  if (!signUp.email_address || !signUp.password_hash || signUp.email_verification?.status !== "verified") return;
  const user = clerk.store.createUser({
    email_addresses: [signUp.email_address],
    first_name: signUp.first_name,
    last_name: signUp.last_name,
    password_hash: signUp.password_hash,
    verification_strategy: "email_code",
  });
  const session = clerk.store.createSession(user.id, client);
  signUp.status = "complete";
  signUp.created_user_id = user.id;
  signUp.created_session_id = session.id;
}

export function registerFrontendApi(app: Hono, clerk: LocalClerk): void {
  const { store } = clerk;
  const envelope = async (c: Context, response: unknown, client: Client) =>
    c.json({ response, client: await clientPayload(clerk, client, requestOrigin(c, clerk)) });

  app.post("/v1/dev_browser", (c) => {
    const { token } = store.createDevBrowser();
    c.header("Clerk-Db-Jwt", token);
    return c.json({ id: token, object: "dev_browser" });
  });

  const environment = (c: Context) =>
    c.json(
      environmentJSON({
        applicationName: clerk.config.applicationName,
        signInUrl: `${clerk.config.appOrigin}/sign-in`,
        signUpUrl: `${clerk.config.appOrigin}/sign-up`,
        homeUrl: clerk.config.appOrigin,
      }),
    );
  app.get("/v1/environment", environment);
  app.patch("/v1/environment", environment);

  app.get("/v1/client", async (c) => {
    const client = devBrowserClient(c, clerk);
    return envelope(c, await clientPayload(clerk, client, requestOrigin(c, clerk)), client);
  });

  // clerk-js "creates" the client when it has none; with a dev browser it always has one.
  app.put("/v1/client", async (c) => {
    const client = devBrowserClient(c, clerk);
    return envelope(c, await clientPayload(clerk, client, requestOrigin(c, clerk)), client);
  });

  app.delete("/v1/client", async (c) => {
    const client = devBrowserClient(c, clerk);
    for (const session of store.activeSessions(client)) store.endSession(session, "ended");
    client.sign_in_id = null;
    client.sign_up_id = null;
    return envelope(c, await clientPayload(clerk, client, requestOrigin(c, clerk)), client);
  });

  // Sign-in ---------------------------------------------------------------------------------------
  app.post("/v1/client/sign_ins", async (c) => {
    const client = devBrowserClient(c, clerk);
    const form = await readForm(c);
    const identifier = (form.identifier ?? form.email_address ?? "").trim();
    if (!identifier) throw formError("form_param_missing", "Enter email address.", "identifier");
    const user = store.findUserByEmail(identifier) ?? store.findUserByUsername(identifier);
    if (!user) throw formError("form_identifier_not_found", "Couldn't find your account.", "identifier");
    const signIn: SignIn = {
      id: newId("sia"),
      identifier,
      user_id: user.id,
      status: "needs_first_factor",
      first_factor: null,
      created_session_id: null,
    };
    store.signIns.set(signIn.id, signIn);
    client.sign_in_id = signIn.id;
    if (form.strategy === "password") attemptPassword(clerk, client, signIn, form.password);
    if (signIn.status === "complete") client.sign_in_id = null;
    return envelope(c, signInJSON(signIn, store, clerk.publicUrl), client);
  });

  app.get("/v1/client/sign_ins/:id", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signIn = clientSignIn(clerk, client, c.req.param("id"));
    return envelope(c, signInJSON(signIn, store, clerk.publicUrl), client);
  });

  app.post("/v1/client/sign_ins/:id/prepare_first_factor", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signIn = clientSignIn(clerk, client, c.req.param("id"));
    const form = await readForm(c);
    if (form.strategy !== "email_code" && form.strategy !== "password") {
      throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
    }
    if (form.strategy === "email_code") signIn.first_factor = { strategy: "email_code", status: "unverified", attempts: 0 };
    return envelope(c, signInJSON(signIn, store, clerk.publicUrl), client);
  });

  app.post("/v1/client/sign_ins/:id/attempt_first_factor", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signIn = clientSignIn(clerk, client, c.req.param("id"));
    const form = await readForm(c);
    if (signIn.status === "complete") throw formError("sign_in_already_complete", "This sign in is already complete.");
    if (form.strategy === "password") attemptPassword(clerk, client, signIn, form.password);
    else if (form.strategy === "email_code") attemptEmailCode(clerk, client, signIn, form.code);
    else throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
    client.sign_in_id = null;
    return envelope(c, signInJSON(signIn, store, clerk.publicUrl), client);
  });

  // Sign-up ---------------------------------------------------------------------------------------
  app.post("/v1/client/sign_ups", async (c) => {
    const client = devBrowserClient(c, clerk);
    const form = await readForm(c);
    const signUp: SignUp = {
      id: newId("sua"),
      status: "missing_requirements",
      email_address: null,
      password_hash: null,
      first_name: null,
      last_name: null,
      email_verification: null,
      created_user_id: null,
      created_session_id: null,
    };
    applySignUpFields(clerk, signUp, form);
    store.signUps.set(signUp.id, signUp);
    client.sign_up_id = signUp.id;
    return envelope(c, signUpJSON(signUp), client);
  });

  app.get("/v1/client/sign_ups/:id", async (c) => {
    const client = devBrowserClient(c, clerk);
    return envelope(c, signUpJSON(clientSignUp(clerk, client, c.req.param("id"))), client);
  });

  app.patch("/v1/client/sign_ups/:id", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signUp = clientSignUp(clerk, client, c.req.param("id"));
    applySignUpFields(clerk, signUp, await readForm(c));
    completeSignUpIfReady(clerk, client, signUp);
    return envelope(c, signUpJSON(signUp), client);
  });

  app.post("/v1/client/sign_ups/:id/prepare_verification", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signUp = clientSignUp(clerk, client, c.req.param("id"));
    const form = await readForm(c);
    if (form.strategy !== "email_code") throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
    if (!signUp.email_address) throw formError("form_param_missing", "Enter email address.", "email_address");
    signUp.email_verification = {
      status: "unverified",
      strategy: "email_code",
      attempts: 0,
      expire_at: Date.now() + VERIFICATION_WINDOW_MS,
    };
    return envelope(c, signUpJSON(signUp), client);
  });

  app.post("/v1/client/sign_ups/:id/attempt_verification", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signUp = clientSignUp(clerk, client, c.req.param("id"));
    const form = await readForm(c);
    const verification = signUp.email_verification;
    if (!verification) {
      throw formError("verification_not_sent", "You need to send a verification code before attempting to verify.", "code");
    }
    if (form.code !== clerk.config.verificationCode) {
      verification.attempts = (verification.attempts ?? 0) + 1;
      throw formError("form_code_incorrect", "Incorrect code", "code");
    }
    verification.status = "verified";
    completeSignUpIfReady(clerk, client, signUp);
    return envelope(c, signUpJSON(signUp), client);
  });

  // Sessions --------------------------------------------------------------------------------------
  app.post("/v1/client/sessions/:id/touch", async (c) => {
    const client = devBrowserClient(c, clerk);
    const session = clientSession(clerk, client, c.req.param("id"));
    session.last_active_at = Date.now();
    client.last_active_session_id = session.id;
    const user = store.users.get(session.user_id);
    if (!user) throw sessionInvalid();
    const token = await sessionToken(clerk, session, client, requestOrigin(c, clerk));
    return envelope(c, sessionJSON(session, user, clerk.publicUrl, token), client);
  });

  const tokens = async (c: Context) => {
    const client = devBrowserClient(c, clerk);
    const session = clientSession(clerk, client, c.req.param("id") ?? "");
    const jwt = await sessionToken(clerk, session, client, requestOrigin(c, clerk));
    // clerk-js reads this one bare, without the {response, client} envelope.
    return c.json({ object: "token", jwt });
  };
  app.post("/v1/client/sessions/:id/tokens", tokens);
  app.post("/v1/client/sessions/:id/tokens/:template", tokens);

  const endOne = (status: "ended" | "removed") => async (c: Context) => {
    const client = devBrowserClient(c, clerk);
    const session = clientSession(clerk, client, c.req.param("id") ?? "");
    store.endSession(session, status);
    const user = store.users.get(session.user_id);
    if (!user) throw sessionInvalid();
    return envelope(c, sessionJSON(session, user, clerk.publicUrl, null), client);
  };
  app.post("/v1/client/sessions/:id/end", endOne("ended"));
  app.post("/v1/client/sessions/:id/remove", endOne("removed"));

  app.delete("/v1/client/sessions", async (c) => {
    const client = devBrowserClient(c, clerk);
    for (const session of store.activeSessions(client)) store.endSession(session, "ended");
    return envelope(c, await clientPayload(clerk, client, requestOrigin(c, clerk)), client);
  });

  // The signed-in user (UserButton / UserProfile) --------------------------------------------------
  /** The user of the session clerk-js names in `_clerk_session_id`, else the client's active one. */
  const meOf = (c: Context) => {
    const client = devBrowserClient(c, clerk);
    const sessionId = c.req.query("_clerk_session_id") ?? client.last_active_session_id ?? "";
    const session = clientSession(clerk, client, sessionId);
    const user = store.users.get(session.user_id);
    if (!user) throw sessionInvalid();
    return { client, user };
  };

  app.get("/v1/me", async (c) => {
    const { client, user } = meOf(c);
    return envelope(c, userJSON(user, clerk.publicUrl, "frontend"), client);
  });

  // <UserProfile/>'s "Update profile" form.
  app.patch("/v1/me", async (c) => {
    const { client, user } = meOf(c);
    const form = await readForm(c);
    const name = (key: "first_name" | "last_name") => {
      const value = form[key];
      if (value === undefined) return undefined;
      if (value.length > 256) throw formError("form_param_format_invalid", "Names must be 256 characters or fewer.", key);
      return value.trim() || null;
    };
    const firstName = name("first_name");
    const lastName = name("last_name");
    if (firstName !== undefined) user.first_name = firstName;
    if (lastName !== undefined) user.last_name = lastName;
    store.touchUser(user);
    return envelope(c, userJSON(user, clerk.publicUrl, "frontend"), client);
  });

  // Lists the profile screens ask for; this instance has none of these features.
  app.get("/v1/me/*", async (c) => {
    const client = devBrowserClient(c, clerk);
    return envelope(c, { data: [], total_count: 0 }, client);
  });
}

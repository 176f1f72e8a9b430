// The Backend API that @clerk/backend (clerkClient, verifyToken's JWKS) and @clerk/testing call,
// authenticated by the secret key as a Bearer token.
import { randomBytes } from "node:crypto";
import type { Context, Hono, MiddlewareHandler } from "hono";
import { readJson as readAnyJson } from "./body";
import type { LocalClerk } from "./context";
import { ClerkError, formError, notFound } from "./errors";
import { checkNewPassword, EMAIL_PATTERN } from "./identity-rules";
import { sessionToken } from "./frontend-api";
import { backendSessionJSON, userJSON } from "./json";
import { hashPassword, type Session, type User } from "./store";

const MAX_LIMIT = 500;
const MAX_METADATA_BYTES = 8 * 1024;
const MAX_TOKEN_SECONDS = 10 * 365 * 24 * 3600;
const SESSION_STATUSES = ["active", "ended", "removed", "revoked", "expired", "abandoned", "replaced", "pending"];

/** Paths under /v1 that belong to the Backend API (the rest of /v1 is the Frontend API). */
export const BACKEND_PATHS = ["/v1/jwks", "/v1/users", "/v1/sessions", "/v1/testing_tokens", "/v1/clients"];

export function isBackendPath(path: string): boolean {
  return BACKEND_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

const JSON_CONTENT_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/** @clerk/backend always sends JSON: a body of any other declared type is refused, not guessed at. */
async function readJson(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type");
  const declaredOther = type !== undefined && type !== "" && !JSON_CONTENT_TYPE.test(type);
  const body = await readAnyJson(c);
  if (declaredOther && Object.keys(body).length > 0) {
    throw new ClerkError({ status: 400, code: "malformed_request", message: "Request body must be sent as application/json" });
  }
  return body;
}

function requireSecretKey(clerk: LocalClerk): MiddlewareHandler {
  return async (c, next) => {
    if (!isBackendPath(c.req.path)) return next();
    const header = c.req.header("authorization") ?? "";
    if (header !== `Bearer ${clerk.config.secretKey}`) {
      throw new ClerkError({
        status: 401,
        code: "authentication_invalid",
        message: "Invalid authentication",
        longMessage: "Unable to authenticate the request, you need to supply an active secret key",
      });
    }
    return next();
  };
}

// Input readers: each rejects a wrong type with Clerk's 422 and the parameter's name.
function optionalString(body: Record<string, unknown>, key: string): string | null | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== "string" || value.length > 1024) {
    throw formError("form_param_format_invalid", `${key} must be a string of at most 1024 characters`, key);
  }
  return value;
}

function optionalObject(body: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw formError("form_param_format_invalid", `${key} must be an object`, key);
  }
  // Clerk caps each metadata object at 8 KB of JSON.
  if (JSON.stringify(value).length > MAX_METADATA_BYTES) {
    throw formError("form_param_value_invalid", `${key} must be at most ${MAX_METADATA_BYTES} bytes of JSON`, key);
  }
  return value as Record<string, unknown>;
}

function emailList(body: Record<string, unknown>): string[] {
  const value = body.email_address;
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item !== "string" || !EMAIL_PATTERN.test(item.trim()) || item.length > 320) {
      throw formError("form_param_format_invalid", "email_address must be a valid email address", "email_address");
    }
    return item.trim().toLowerCase();
  });
}

function intQuery(c: Context, key: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(key);
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw formError("form_param_value_invalid", `${key} must be a whole number from ${min} to ${max}`, key);
  }
  return value;
}

const limitQuery = (c: Context) => intQuery(c, "limit", 10, 1, MAX_LIMIT);
const offsetQuery = (c: Context) => intQuery(c, "offset", 0, 0, Number.MAX_SAFE_INTEGER);

function queryList(c: Context, key: string): string[] {
  return [...(c.req.queries(key) ?? []), ...(c.req.queries(`${key}[]`) ?? [])];
}

function filterUsers(c: Context, users: User[]): User[] {
  const emails = queryList(c, "email_address").map((e) => e.toLowerCase());
  const ids = queryList(c, "user_id");
  const externalIds = queryList(c, "external_id");
  const usernames = queryList(c, "username").map((u) => u.toLowerCase());
  const query = c.req.query("query")?.toLowerCase();
  return users.filter(
    (user) =>
      (emails.length === 0 || user.email_addresses.some((e) => emails.includes(e.email_address))) &&
      (ids.length === 0 || ids.includes(user.id)) &&
      (externalIds.length === 0 || (user.external_id !== null && externalIds.includes(user.external_id))) &&
      (usernames.length === 0 || (user.username !== null && usernames.includes(user.username.toLowerCase()))) &&
      (!query ||
        [user.id, user.username, user.first_name, user.last_name, ...user.email_addresses.map((e) => e.email_address)]
          .filter((v): v is string => typeof v === "string")
          .some((v) => v.toLowerCase().includes(query))),
  );
}

const SORT_KEYS: Record<string, (user: User) => number | string> = {
  created_at: (u) => u.created_at,
  updated_at: (u) => u.updated_at,
  last_sign_in_at: (u) => u.last_sign_in_at ?? 0,
  last_active_at: (u) => u.last_active_at ?? 0,
  first_name: (u) => u.first_name?.toLowerCase() ?? "",
  last_name: (u) => u.last_name?.toLowerCase() ?? "",
  username: (u) => u.username?.toLowerCase() ?? "",
  email_address: (u) => u.email_addresses.find((e) => e.id === u.primary_email_address_id)?.email_address ?? "",
};

function orderUsers(c: Context, users: User[]): User[] {
  // An unencoded `+` in a query string arrives as a space; read it as the `+` that was meant.
  const orderBy = (c.req.query("order_by") || "-created_at").replace(/^ /, "+");
  const match = /^([+-]?)([a-z_]{1,40})$/.exec(orderBy);
  const key = match ? SORT_KEYS[match[2]!] : undefined;
  if (!match || !key) {
    throw formError("form_param_value_invalid", `order_by must be one of ${Object.keys(SORT_KEYS).join(", ")}, optionally prefixed with + or -`, "order_by");
  }
  const direction = match[1] === "-" ? -1 : 1;
  // Ties keep creation order, reversed with the direction: users made in the same millisecond still
  // list newest first.
  return users
    .map((user, index) => ({ user, index, value: key(user) }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.index - b.index) * direction)
    .map(({ user }) => user);
}

/** Clerk's metadata merge: nested objects merge, `null` removes a key, anything else replaces. */
function mergeMetadata(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = result[key];
    const merged = isPlainObject(value) && isPlainObject(current) ? mergeMetadata(current, value) : value;
    if (value === null) delete result[key];
    // defineProperty, not assignment: a `__proto__` key from JSON stays data instead of becoming a prototype.
    else Object.defineProperty(result, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function registerBackendApi(app: Hono, clerk: LocalClerk): void {
  const { store } = clerk;
  const userOr404 = (id: string) => {
    const user = store.users.get(id);
    if (!user) throw notFound("user");
    return user;
  };
  const sessionOr404 = (id: string): Session => {
    const session = store.sessions.get(id);
    if (!session) throw notFound("session");
    return session;
  };
  const asJson = (user: User) => userJSON(user, clerk.publicUrl, "backend");

  app.use("/v1/*", requireSecretKey(clerk));

  app.get("/v1/jwks", (c) => c.json({ keys: [clerk.keys.publicJwk] }));

  // Users -----------------------------------------------------------------------------------------
  app.get("/v1/users", (c) => {
    const limit = limitQuery(c);
    const offset = offsetQuery(c);
    const users = orderUsers(c, filterUsers(c, [...store.users.values()]));
    return c.json(users.slice(offset, offset + limit).map(asJson));
  });

  app.get("/v1/users/count", (c) =>
    c.json({ object: "total_count", total_count: filterUsers(c, [...store.users.values()]).length }),
  );

  app.get("/v1/users/:id", (c) => c.json(asJson(userOr404(c.req.param("id")))));

  app.post("/v1/users", async (c) => {
    const body = await readJson(c);
    const emails = emailList(body);
    const password = optionalString(body, "password");
    const username = optionalString(body, "username");
    if (emails.length === 0 && !username) {
      throw formError("form_param_missing", "email_address or username must be included.", "email_address");
    }
    const taken = emails.find((email) => store.findUserByEmail(email));
    if (taken) throw formError("form_identifier_exists", "That email address is taken. Please try another.", "email_address");
    if (username && store.findUserByUsername(username)) {
      throw formError("form_identifier_exists", "That username is taken. Please try another.", "username");
    }
    if (!password && body.skip_password_requirement !== true && body.password_digest === undefined) {
      throw formError("form_password_missing", "Enter password.", "password");
    }
    checkNewPassword(password);
    const user = store.createUser({
      email_addresses: emails,
      password,
      username,
      first_name: optionalString(body, "first_name"),
      last_name: optionalString(body, "last_name"),
      external_id: optionalString(body, "external_id"),
      public_metadata: optionalObject(body, "public_metadata"),
      private_metadata: optionalObject(body, "private_metadata"),
      unsafe_metadata: optionalObject(body, "unsafe_metadata"),
    });
    return c.json(asJson(user));
  });

  app.patch("/v1/users/:id", async (c) => {
    const user = userOr404(c.req.param("id"));
    const body = await readJson(c);
    const username = optionalString(body, "username");
    if (username && username !== user.username && store.findUserByUsername(username)) {
      throw formError("form_identifier_exists", "That username is taken. Please try another.", "username");
    }
    const password = optionalString(body, "password");
    checkNewPassword(password);
    const primary = optionalString(body, "primary_email_address_id");
    if (primary && !user.email_addresses.some((e) => e.id === primary)) {
      throw formError("form_param_value_invalid", "primary_email_address_id is not one of this user's addresses", "primary_email_address_id");
    }
    const firstName = optionalString(body, "first_name");
    const lastName = optionalString(body, "last_name");
    const externalId = optionalString(body, "external_id");
    if (firstName !== undefined) user.first_name = firstName;
    if (lastName !== undefined) user.last_name = lastName;
    if (username !== undefined) user.username = username;
    if (externalId !== undefined) user.external_id = externalId;
    if (password) user.password_hash = hashPassword(password);
    if (primary) user.primary_email_address_id = primary;
    user.public_metadata = optionalObject(body, "public_metadata") ?? user.public_metadata;
    user.private_metadata = optionalObject(body, "private_metadata") ?? user.private_metadata;
    user.unsafe_metadata = optionalObject(body, "unsafe_metadata") ?? user.unsafe_metadata;
    store.touchUser(user);
    return c.json(asJson(user));
  });

  app.patch("/v1/users/:id/metadata", async (c) => {
    const user = userOr404(c.req.param("id"));
    const body = await readJson(c);
    const patches = (["public_metadata", "private_metadata", "unsafe_metadata"] as const).map((key) => [key, optionalObject(body, key)] as const);
    for (const [key, patch] of patches) if (patch) user[key] = mergeMetadata(user[key], patch);
    store.touchUser(user);
    return c.json(asJson(user));
  });

  app.delete("/v1/users/:id", (c) => {
    const id = c.req.param("id");
    if (!store.deleteUser(id)) throw notFound("user");
    return c.json({ object: "user", id, deleted: true });
  });

  // Sessions --------------------------------------------------------------------------------------
  app.post("/v1/sessions", async (c) => {
    const body = await readJson(c);
    const userId = optionalString(body, "user_id");
    if (!userId) throw formError("form_param_missing", "user_id must be included.", "user_id");
    const user = store.users.get(userId);
    if (!user) throw formError("form_param_value_invalid", "No user with this user_id.", "user_id");
    return c.json(backendSessionJSON(store.createSession(user.id, null)));
  });

  app.get("/v1/sessions", (c) => {
    const userId = c.req.query("user_id");
    const clientId = c.req.query("client_id");
    const status = c.req.query("status");
    if (!userId && !clientId) throw formError("form_param_missing", "Either user_id or client_id must be included.", "user_id");
    if (status && !SESSION_STATUSES.includes(status)) {
      throw formError("form_param_value_invalid", `status must be one of ${SESSION_STATUSES.join(", ")}`, "status");
    }
    const limit = limitQuery(c);
    const offset = offsetQuery(c);
    const sessions = [...store.sessions.values()]
      .filter((s) => (!userId || s.user_id === userId) && (!clientId || s.client_id === clientId) && (!status || s.status === status))
      .sort((a, b) => b.created_at - a.created_at);
    const page = sessions.slice(offset, offset + limit).map(backendSessionJSON);
    // Like Clerk: a bare list, or {data, total_count} when asked with paginated=true (@clerk/backend does).
    return c.json(c.req.query("paginated") === "true" ? { data: page, total_count: sessions.length } : page);
  });

  app.get("/v1/sessions/:id", (c) => c.json(backendSessionJSON(sessionOr404(c.req.param("id")))));

  app.post("/v1/sessions/:id/revoke", (c) => {
    const session = sessionOr404(c.req.param("id"));
    if (session.status === "active") store.endSession(session, "revoked");
    return c.json(backendSessionJSON(session));
  });

  const token = async (c: Context) => {
    const session = sessionOr404(c.req.param("id") ?? "");
    if (session.status !== "active" || !store.users.has(session.user_id)) {
      throw new ClerkError({ status: 404, code: "resource_not_found", message: "not found", longMessage: "The session is no longer active" });
    }
    const body = await readJson(c);
    const expires = body.expires_in_seconds;
    if (expires !== undefined && (!Number.isInteger(expires) || (expires as number) < 1 || (expires as number) > MAX_TOKEN_SECONDS)) {
      throw formError("form_param_value_invalid", "expires_in_seconds must be a positive whole number", "expires_in_seconds");
    }
    const client = session.client_id ? (store.clients.get(session.client_id) ?? null) : null;
    const jwt = await sessionToken(clerk, session, client, clerk.config.appOrigin, expires as number | undefined);
    return c.json({ object: "token", jwt });
  };
  app.post("/v1/sessions/:id/tokens", token);
  app.post("/v1/sessions/:id/tokens/:template", token);

  // Testing tokens (@clerk/testing's clerkSetup): this server has no bot protection to bypass.
  app.post("/v1/testing_tokens", (c) =>
    c.json({
      object: "testing_token",
      token: `local_${randomBytes(12).toString("hex")}`,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
    }),
  );

  // Handshake nonces are never issued here (the handshake answers with a signed token instead).
  app.get("/v1/clients/handshake_payload", () => {
    throw notFound("handshake payload");
  });
}

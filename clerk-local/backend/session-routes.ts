// `/v1/sessions`: sessions made without a browser, their tokens, revocation.
import type { Context, Hono } from "hono";
import type { LocalClerk } from "../context";
import { ClerkError, formError, notFound } from "../http/errors";
import { backendSessionJSON } from "../json/session";
import type { Session } from "../state/store";
import { sessionToken } from "../tokens/tokens";
import { limitQuery, offsetQuery, optionalString, readJson } from "./input";

const MAX_TOKEN_SECONDS = 10 * 365 * 24 * 3600;
const SESSION_STATUSES = ["active", "ended", "removed", "revoked", "expired", "abandoned", "replaced", "pending"];

export function registerSessionRoutes(app: Hono, clerk: LocalClerk): void {
  const { store } = clerk;
  const sessionOr404 = (id: string): Session => {
    const session = store.sessions.get(id);
    if (!session) throw notFound("session");
    return session;
  };

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
}

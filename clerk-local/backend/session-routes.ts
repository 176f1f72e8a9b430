// `/v1/sessions`: sessions made without a browser, their tokens, revocation.
import type { Context } from "hono";
import { readJson } from "../http/body";
import { ClerkError, formError, notFound } from "../http/errors";
import { parseInput } from "../http/input";
import type { RouteMethods } from "../http/routes";
import { backendSessionJSON } from "../json/session";
import type { Session } from "../state/records";
import type { Store } from "../state/store";
import { CreateSessionBodySchema, SessionTokenBodySchema } from "./bodies";
import { listPage } from "./query";

const SESSION_STATUSES = ["active", "ended", "removed", "revoked", "expired", "abandoned", "replaced", "pending"];

type SessionDeps = {
  store: Store;
  /** A session token for `session` (or a JWT template's), `ttlSeconds` long or the default, naming the app as `azp`. */
  tokenFor: (session: Session, ttlSeconds: number | undefined, template: string | undefined) => Promise<string>;
};

export function declareSessionRoutes(routes: RouteMethods, { store, tokenFor }: SessionDeps): void {
  const sessionOr404 = (id: string): Session => {
    const session = store.session(id);
    if (!session) throw notFound("session");
    return session;
  };

  routes.post("/v1/sessions", async (c) => {
    const { user_id: userId } = parseInput(CreateSessionBodySchema, await readJson(c, { jsonOnly: true }));
    if (!store.user(userId)) throw formError("form_param_value_invalid", "No user with this user_id.", "user_id");
    return c.json(backendSessionJSON(store.createSession(userId, null)));
  });

  routes.get("/v1/sessions", (c) => {
    const userId = c.req.query("user_id");
    const clientId = c.req.query("client_id");
    const status = c.req.query("status");
    if (!userId && !clientId) throw formError("form_param_missing", "Either user_id or client_id must be included.", "user_id");
    if (status && !SESSION_STATUSES.includes(status)) {
      throw formError("form_param_value_invalid", `status must be one of ${SESSION_STATUSES.join(", ")}`, "status");
    }
    const sessions = store
      .sessions()
      .filter((s) => (!userId || s.user_id === userId) && (!clientId || s.client_id === clientId) && (!status || s.status === status))
      .sort((a, b) => b.created_at - a.created_at);
    return c.json(listPage(c, sessions, backendSessionJSON));
  });

  routes.get("/v1/sessions/:id", (c) => c.json(backendSessionJSON(sessionOr404(c.req.param("id")))));

  routes.post("/v1/sessions/:id/revoke", (c) => {
    const session = sessionOr404(c.req.param("id"));
    return c.json(backendSessionJSON(session.status === "active" ? store.endSession(session.id, "revoked") : session));
  });

  const token = async (c: Context) => {
    const session = sessionOr404(c.req.param("id") ?? "");
    if (session.status !== "active" || !store.user(session.user_id)) {
      throw new ClerkError({ status: 404, code: "resource_not_found", message: "not found", longMessage: "The session is no longer active" });
    }
    const { expires_in_seconds: seconds } = parseInput(SessionTokenBodySchema, await readJson(c, { jsonOnly: true }), {
      wrongTypeCode: "form_param_value_invalid",
    });
    return c.json({ object: "token", jwt: await tokenFor(session, seconds, c.req.param("template")) });
  };
  routes.post("/v1/sessions/:id/tokens", token);
  routes.post("/v1/sessions/:id/tokens/:template", token);
}

// `/v1/client/sessions`: set a session active, mint its tokens, end it.
import type { Context, Hono } from "hono";
import type { LocalClerk } from "../context";
import { sessionJSON } from "../json/session";
import { sessionToken } from "../tokens/tokens";
import { clientPayload, clientSession, devBrowserClient, envelope, requestOrigin, sessionInvalid } from "./client-context";

export function registerSessionRoutes(app: Hono, clerk: LocalClerk): void {
  const { store } = clerk;

  app.post("/v1/client/sessions/:id/touch", async (c) => {
    const client = devBrowserClient(c, clerk);
    const session = clientSession(clerk, client, c.req.param("id"));
    session.last_active_at = Date.now();
    client.last_active_session_id = session.id;
    const user = store.users.get(session.user_id);
    if (!user) throw sessionInvalid();
    const token = await sessionToken(clerk, session, client, requestOrigin(c, clerk));
    return envelope(c, clerk, sessionJSON(session, user, clerk.publicUrl, token), client);
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
    return envelope(c, clerk, sessionJSON(session, user, clerk.publicUrl, null), client);
  };
  app.post("/v1/client/sessions/:id/end", endOne("ended"));
  app.post("/v1/client/sessions/:id/remove", endOne("removed"));

  app.delete("/v1/client/sessions", async (c) => {
    const client = devBrowserClient(c, clerk);
    for (const session of store.activeSessions(client)) store.endSession(session, "ended");
    return envelope(c, clerk, await clientPayload(clerk, client, requestOrigin(c, clerk)), client);
  });
}

// `/v1/client/sessions`: set a session active, mint its tokens, end it.
import type { Context } from "hono";
import type { RouteMethods } from "../http/routes";
import { sessionJSON } from "../json/session";
import { clientPayload, clientSession, devBrowserClient, envelope, requestOrigin, sessionInvalid, type Fapi } from "./client-context";

export function declareSessionRoutes(routes: RouteMethods, fapi: Fapi): void {
  const { store } = fapi;

  routes.post("/v1/client/sessions/:id/touch", async (c) => {
    const client = devBrowserClient(c, store);
    const session = store.touchSession(clientSession(store, client, c.req.param("id")).id);
    const user = store.user(session.user_id);
    if (!user) throw sessionInvalid();
    const token = await fapi.tokenFor(session, client, requestOrigin(c, fapi));
    return envelope(c, fapi, sessionJSON(session, user, fapi.avatarBaseUrl(), token), client);
  });

  const tokens = async (c: Context) => {
    const client = devBrowserClient(c, store);
    const session = clientSession(store, client, c.req.param("id") ?? "");
    const jwt = await fapi.tokenFor(session, client, requestOrigin(c, fapi), c.req.param("template"));
    // clerk-js reads this one bare, without the {response, client} envelope.
    return c.json({ object: "token", jwt });
  };
  routes.post("/v1/client/sessions/:id/tokens", tokens);
  routes.post("/v1/client/sessions/:id/tokens/:template", tokens);

  const endOne = (status: "ended" | "removed") => async (c: Context) => {
    const client = devBrowserClient(c, store);
    const session = store.endSession(clientSession(store, client, c.req.param("id") ?? "").id, status);
    const user = store.user(session.user_id);
    if (!user) throw sessionInvalid();
    return envelope(c, fapi, sessionJSON(session, user, fapi.avatarBaseUrl(), null), client);
  };
  routes.post("/v1/client/sessions/:id/end", endOne("ended"));
  routes.post("/v1/client/sessions/:id/remove", endOne("removed"));

  routes.delete("/v1/client/sessions", async (c) => {
    const client = devBrowserClient(c, store);
    for (const session of store.activeSessions(client)) store.endSession(session.id, "ended");
    return envelope(c, fapi, await clientPayload(fapi, client, requestOrigin(c, fapi)), client);
  });
}

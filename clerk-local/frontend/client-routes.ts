// The browser's own objects: its dev browser, the instance environment and its client.
import type { Context } from "hono";
import type { RouteMethods } from "../http/routes";
import { environmentJSON } from "../json/environment";
import { clientPayload, devBrowserClient, envelope, requestOrigin, type Fapi } from "./client-context";

export function declareClientRoutes(routes: RouteMethods, fapi: Fapi): void {
  const { store, instance } = fapi;

  routes.post("/v1/dev_browser", (c) => {
    const { token } = store.createDevBrowser();
    c.header("Clerk-Db-Jwt", token);
    return c.json({ id: token, object: "dev_browser" });
  });

  const environment = (c: Context) => c.json(environmentJSON(instance.settings));
  routes.get("/v1/environment", environment);
  routes.patch("/v1/environment", environment);

  const currentClient = async (c: Context) => {
    const client = devBrowserClient(c, store);
    return envelope(c, fapi, await clientPayload(fapi, client, requestOrigin(c, fapi)), client);
  };
  routes.get("/v1/client", currentClient);
  // clerk-js "creates" the client when it has none; with a dev browser it always has one.
  routes.put("/v1/client", currentClient);

  routes.delete("/v1/client", async (c) => {
    const client = devBrowserClient(c, store);
    for (const session of store.activeSessions(client)) store.endSession(session.id, "ended");
    store.updateClient(client.id, { sign_in_id: null, sign_up_id: null });
    return envelope(c, fapi, await clientPayload(fapi, client, requestOrigin(c, fapi)), client);
  });
}

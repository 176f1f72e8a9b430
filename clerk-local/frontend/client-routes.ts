// The browser's own objects: its dev browser, the instance environment and its client.
import type { Context, Hono } from "hono";
import { accountPageUrl } from "../config";
import type { LocalClerk } from "../context";
import { clientPayload, devBrowserClient, envelope, requestOrigin } from "./client-context";
import { environmentJSON } from "./environment";

export function registerClientRoutes(app: Hono, clerk: LocalClerk): void {
  const { store } = clerk;

  app.post("/v1/dev_browser", (c) => {
    const { token } = store.createDevBrowser();
    c.header("Clerk-Db-Jwt", token);
    return c.json({ id: token, object: "dev_browser" });
  });

  const environment = (c: Context) =>
    c.json(
      environmentJSON({
        applicationName: clerk.config.applicationName,
        signInUrl: accountPageUrl(clerk.config, "sign-in"),
        signUpUrl: accountPageUrl(clerk.config, "sign-up"),
        homeUrl: clerk.config.appOrigin,
      }),
    );
  app.get("/v1/environment", environment);
  app.patch("/v1/environment", environment);

  const currentClient = async (c: Context) => {
    const client = devBrowserClient(c, clerk);
    return envelope(c, clerk, await clientPayload(clerk, client, requestOrigin(c, clerk)), client);
  };
  app.get("/v1/client", currentClient);
  // clerk-js "creates" the client when it has none; with a dev browser it always has one.
  app.put("/v1/client", currentClient);

  app.delete("/v1/client", async (c) => {
    const client = devBrowserClient(c, clerk);
    for (const session of store.activeSessions(client)) store.endSession(session, "ended");
    client.sign_in_id = null;
    client.sign_up_id = null;
    return envelope(c, clerk, await clientPayload(clerk, client, requestOrigin(c, clerk)), client);
  });
}

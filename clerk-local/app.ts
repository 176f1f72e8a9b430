// The local Clerk as an app factory: one Hono app serving the Frontend API, the Backend API, the
// handshake, the static bundles and its own controls. Tests drive it in-process with `app.request()`.
import { Hono } from "hono";
import { registerAvatars } from "./static/avatars";
import { apiTraffic, bundleTraffic } from "./controls/traffic";
import { isBackendPath, registerBackendApi } from "./backend/routes";
import type { LocalClerkConfig } from "./config";
import { closeLocalClerk, createLocalClerk, seed, type LocalClerk } from "./context";
import { registerControls } from "./controls/routes";
import { ClerkError, clerkErrorResponse } from "./http/errors";
import { registerFrontendApi } from "./frontend/routes";
import { registerHandshake } from "./frontend/handshake";
import { requestContext } from "./http/request-context";
import { contractFor } from "./spec/contract";
import { contractCheck, ROUTE_HEADER } from "./spec/middleware";
import { registerStaticBundles } from "./static/bundles";
import { announceSessionEvents, announceUserEvents } from "./webhooks/events";

export type LocalClerkApp = {
  app: Hono;
  clerk: LocalClerk;
  /** Lets held requests go, stops webhook deliveries, writes the state file; the HTTP server is the caller's. */
  close: () => Promise<void>;
};

export async function createApp(config: LocalClerkConfig): Promise<LocalClerkApp> {
  const clerk = await createLocalClerk(config);
  seed(clerk);
  announceUserEvents(clerk, clerk.store);
  announceSessionEvents(clerk, clerk.store);
  const { stateWriter } = clerk;
  if (stateWriter) {
    clerk.store.onUserEvent(() => stateWriter.schedule());
    // Written at once, so the ids of seeded users (the demo user's among them) stay the same next time.
    await stateWriter.flush();
  }
  const app = new Hono();

  app.use("*", requestContext());

  // clerk-js tunnels PATCH and DELETE through POST with `?_method=`; route them as what they are.
  app.use("/v1/*", async (c, next) => {
    const override = c.req.query("_method")?.toUpperCase();
    if (c.req.method !== "POST" || !override || override === "POST") return next();
    if (!["PATCH", "PUT", "DELETE", "GET"].includes(override)) {
      return clerkErrorResponse(c, { status: 405, code: "method_not_allowed", message: `Unsupported _method ${override}` });
    }
    const url = new URL(c.req.url);
    url.searchParams.delete("_method");
    const body = override === "GET" ? undefined : await c.req.arrayBuffer();
    return app.fetch(new Request(url, { method: override, headers: c.req.raw.headers, body }));
  });

  // The Frontend API is called cross-origin with credentials from the app's pages.
  app.use("/v1/*", async (c, next) => {
    if (isBackendPath(c.req.path)) return next();
    const origin = c.req.header("origin");
    if (origin) {
      c.header("Access-Control-Allow-Origin", origin);
      c.header("Access-Control-Allow-Credentials", "true");
      c.header("Access-Control-Expose-Headers", "Clerk-Db-Jwt, X-Country");
      c.header("Vary", "Origin");
    }
    if (c.req.method === "OPTIONS") {
      c.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      c.header("Access-Control-Allow-Headers", c.req.header("access-control-request-headers") ?? "Content-Type");
      c.header("Access-Control-Max-Age", "600");
      return c.body(null, 204);
    }
    return next();
  });

  // After the two above: a tunnelled request is counted once, as what it is, and preflights not at all.
  app.use("/v1/*", apiTraffic(clerk));
  app.use("/npm/*", bundleTraffic(clerk));
  // After the injected faults, which impose statuses of their own: what is checked is what the server chose.
  if (clerk.contract) {
    // Parsed now, so the first browser request does not wait for it.
    contractFor("fapi");
    contractFor("bapi");
    app.use("/v1/*", contractCheck(clerk.contract, { isBackendPath }));
  }

  registerControls(app, clerk);
  registerStaticBundles(app, clerk);
  registerAvatars(app, clerk);
  registerHandshake(app, clerk);
  registerBackendApi(app, clerk);
  registerFrontendApi(app, clerk);

  app.notFound((c) =>
    clerkErrorResponse(c, {
      status: 404,
      code: "resource_not_found",
      message: "not found",
      longMessage: `No route for ${c.req.method} ${c.req.path}`,
      headers: { [ROUTE_HEADER]: "none" },
    }),
  );
  app.onError((error, c) => {
    if (error instanceof ClerkError) return clerkErrorResponse(c, error.init);
    console.error("[clerk-local] unexpected error on", c.req.method, c.req.path, error);
    return clerkErrorResponse(c, { status: 500, code: "internal_clerk_error", message: "Something went wrong" });
  });
  return { app, clerk, close: () => closeLocalClerk(clerk) };
}

// The local Clerk as an app factory: one Hono app serving the Frontend API, the Backend API, the
// handshake and the static bundles. Tests drive it in-process with `app.request()`.
import { Hono } from "hono";
import { registerAvatars } from "./avatars";
import { isBackendPath, registerBackendApi } from "./backend-api";
import type { LocalClerkConfig } from "./config";
import { createLocalClerk, seed, type LocalClerk } from "./context";
import { ClerkError, clerkErrorResponse } from "./errors";
import { registerFrontendApi } from "./frontend-api";
import { registerHandshake } from "./handshake";
import { registerStaticBundles } from "./static-bundles";

export type LocalClerkApp = { app: Hono; clerk: LocalClerk };

export async function createApp(config: LocalClerkConfig): Promise<LocalClerkApp> {
  const clerk = await createLocalClerk(config);
  seed(clerk);
  const app = new Hono();

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

  const health = () => ({ status: "ok", service: "clerk-local", publishable_key: clerk.publishableKey });
  app.get("/", (c) => c.json(health()));
  app.get("/__clerk_local/health", (c) => c.json(health()));
  app.post("/__clerk_local/reset", (c) => {
    seed(clerk);
    return c.json({ status: "reset", users: clerk.store.users.size });
  });

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
    }),
  );
  app.onError((error, c) => {
    if (error instanceof ClerkError) return clerkErrorResponse(c, error.init);
    console.error("[clerk-local] unexpected error on", c.req.method, c.req.path, error);
    return clerkErrorResponse(c, { status: 500, code: "internal_clerk_error", message: "Something went wrong" });
  });
  return { app, clerk };
}

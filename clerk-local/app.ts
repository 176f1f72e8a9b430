// The local Clerk as an app factory: one Hono app serving the Frontend API, the Backend API, the
// handshake, the static bundles and its own controls. Tests drive it in-process with `app.request()`.
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { declareBackendApi, requireSecretKey } from "./backend/routes";
import type { LocalClerkConfig } from "./config";
import { registerControls } from "./controls/routes";
import { sessionActivityRecorder } from "./frontend/active-sessions";
import { declareFrontendApi } from "./frontend/routes";
import { ClerkError, clerkErrorResponse } from "./http/errors";
import { requestContext } from "./http/request-context";
import { ApiRoutes, carriesSecretKey, CLERK_API_PATTERNS, isApiKeysPath, isClerkApiPath, type ApiKind, type DeclaredRoute } from "./http/routes";
import { closeServices, createServices, type Services } from "./services";
import { contractFor } from "./spec/contract";
import { contractCheck, recordResponse } from "./spec/middleware";
import { registerAvatars } from "./static/avatars";
import { registerStaticBundles } from "./static/bundles";
import { apiTraffic, bundleTraffic } from "./traffic/traffic";

export type LocalClerkApp = {
  app: Hono;
  services: Services;
  /** Every Frontend and Backend API route, as declared. */
  routes: DeclaredRoute[];
  /** Lets held requests go, stops webhook deliveries, writes the state file; the HTTP server is the caller's. */
  close: () => Promise<void>;
};

/** clerk-js tunnels PATCH and DELETE through POST with `?_method=`; they are routed as what they are. */
function methodTunnel(app: Hono): MiddlewareHandler {
  return async (c, next) => {
    const override = c.req.query("_method")?.toUpperCase();
    if (c.req.method !== "POST" || !override || override === "POST") return next();
    if (!["PATCH", "PUT", "DELETE", "GET"].includes(override)) {
      return clerkErrorResponse(c, { status: 405, code: "method_not_allowed", message: `Unsupported _method ${override}` });
    }
    const url = new URL(c.req.url);
    url.searchParams.delete("_method");
    const body = override === "GET" ? undefined : await c.req.arrayBuffer();
    return app.fetch(new Request(url, { method: override, headers: c.req.raw.headers, body }), c.env);
  };
}

/**
 * Requests the SDKs send to paths other than the specs': @clerk/backend calls the Backend API's API keys
 * without `/v1`, and clerk-js given a proxy URL with no path calls `//api_keys`. Each is dispatched again
 * on the path the spec names (spec/README.md, "Paths the SDKs send").
 */
function sdkPaths(app: Hono): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path.replace(/^\/{2,}/, "/");
    const backendApiKeys = isApiKeysPath(path) && carriesSecretKey(c.req.header("authorization"));
    if (path === c.req.path && !backendApiKeys) return next();
    const url = new URL(c.req.url);
    url.pathname = backendApiKeys ? `/v1${path}` : path;
    const body = c.req.method === "GET" || c.req.method === "HEAD" ? undefined : await c.req.arrayBuffer();
    return app.fetch(new Request(url, { method: c.req.method, headers: c.req.raw.headers, body }), c.env);
  };
}

/** The Frontend API is called cross-origin, with credentials, from the app's pages. */
function allowOrigin(c: Context): void {
  const origin = c.req.header("origin");
  if (!origin) return;
  c.header("Access-Control-Allow-Origin", origin);
  c.header("Access-Control-Allow-Credentials", "true");
  c.header("Access-Control-Expose-Headers", "Clerk-Db-Jwt, X-Country");
  c.header("Vary", "Origin");
}

const frontendCors: MiddlewareHandler = async (c, next) => {
  allowOrigin(c);
  return next();
};

/** Answers the browser's CORS preflight for any Frontend API route. */
function frontendPreflight(apiOf: (path: string) => ApiKind | null): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "OPTIONS" || apiOf(c.req.path) !== "fapi") return next();
    allowOrigin(c);
    c.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    c.header("Access-Control-Allow-Headers", c.req.header("access-control-request-headers") ?? "Content-Type");
    c.header("Access-Control-Max-Age", "600");
    return c.body(null, 204);
  };
}

export async function createApp(config: LocalClerkConfig): Promise<LocalClerkApp> {
  const services = await createServices(config);
  const { contract, live, traffic, store } = services;
  const app = new Hono();
  app.use("*", requestContext());
  app.use("*", sdkPaths(app));
  for (const pattern of CLERK_API_PATTERNS) app.use(pattern, methodTunnel(app));

  const routes = new ApiRoutes();
  declareBackendApi(routes.backend, services);
  declareFrontendApi(routes.frontend, services);
  for (const pattern of CLERK_API_PATTERNS) app.use(pattern, frontendPreflight((path) => routes.apiOf(path)));

  // Parsed now, so the first browser request does not wait for it.
  if (contract) {
    contractFor("fapi");
    contractFor("bapi");
  }
  // Faults come first and are not checked: what is checked is what the server chose to answer.
  const checked = (api: ApiKind) => (contract ? [contractCheck(contract, api)] : []);
  const recordActivity = sessionActivityRecorder(store);
  routes.register(app, {
    bapi: (route) => [apiTraffic(traffic, live, route), ...checked("bapi"), requireSecretKey(config.secretKey)],
    fapi: (route) => [frontendCors, apiTraffic(traffic, live, route), ...checked("fapi"), recordActivity],
  });

  registerControls(app, services);
  registerStaticBundles(app, bundleTraffic(traffic, live));
  registerAvatars(app, store);

  app.notFound(async (c) => {
    // Counted, so a test or benchmark sees calls the app made that this server does not serve.
    if (isClerkApiPath(c.req.path)) traffic.stats.count(routes.intendedApi(c.req.path, c.req.header("authorization")), `${c.req.method} (no route)`);
    const response = clerkErrorResponse(c, {
      status: 404,
      code: "resource_not_found",
      message: "not found",
      longMessage: `No route for ${c.req.method} ${c.req.path}`,
    });
    if (contract) await recordResponse(contract, c, null, response);
    return response;
  });
  app.onError((error, c) => {
    if (error instanceof ClerkError) return clerkErrorResponse(c, error.init);
    console.error("[clerk-local] unexpected error on", c.req.method, c.req.path, error);
    return clerkErrorResponse(c, { status: 500, code: "internal_clerk_error", message: "Something went wrong" });
  });
  return { app, services, routes: routes.list(), close: () => closeServices(services) };
}

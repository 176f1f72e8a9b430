// How a route of Clerk's APIs is declared: `routes.backend.get(path, handler)` or `routes.frontend…`.
// The API a route belongs to decides, in this one place, the middleware it runs behind (secret key,
// CORS, latency and faults, request counts, the contract check), so none of it can be left off.
// Routes are registered on the app most specific first: a catch-all never shadows a later route.
import type { Context, Env, Hono, MiddlewareHandler } from "hono";

export type ApiKind = "bapi" | "fapi";
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** A route's handler; `c.req.param()` knows the path's parameters, as with Hono's own methods. */
export type Handler<P extends string = string> = (c: Context<Env, P>) => Response | Promise<Response>;

/**
 * Where Clerk's APIs live on this server: `/v1`, and `/api_keys`, where the Frontend API's spec puts its
 * API keys and where @clerk/backend sends the Backend API's (Hono patterns, for middleware).
 */
export const CLERK_API_PATTERNS = ["/v1/*", "/api_keys", "/api_keys/*"];

export function isApiKeysPath(path: string): boolean {
  return path === "/api_keys" || path.startsWith("/api_keys/");
}

/** A path of either of Clerk's APIs: what the contract check and the request counts look at. */
export function isClerkApiPath(path: string): boolean {
  return path === "/v1" || path.startsWith("/v1/") || isApiKeysPath(path);
}

/** The Backend API's bearer is a secret key; the Frontend API's, when it has one, a session token. */
export function carriesSecretKey(authorization: string | undefined): boolean {
  return authorization?.startsWith("Bearer sk_") ?? false;
}

/** One declared route; `path` uses Hono's syntax (`/v1/users/:id`, `/v1/me/*`). */
export type DeclaredRoute = { api: ApiKind; method: Method; path: string };

/** The middleware every route of an API runs behind, made for each route (stats name it). */
export type ApiMiddleware = Record<ApiKind, (route: DeclaredRoute) => MiddlewareHandler[]>;

type Declaration = DeclaredRoute & { handler: Handler; pattern: RegExp };

export type RouteMethods = Record<Lowercase<Method>, <P extends string>(path: P, handler: Handler<P>) => void>;

function patternOf(path: string): RegExp {
  const source = path
    .split("/")
    .map((segment) => (segment === "*" ? ".*" : segment.startsWith(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}$`);
}

/** Literal segments before parameters, parameters before a catch-all; catch-alls last of all. */
function specificity(path: string): number[] {
  const ranks = path.split("/").map((segment) => (segment === "*" ? 2 : segment.startsWith(":") ? 1 : 0));
  return [ranks.includes(2) ? 1 : 0, ...ranks];
}

function compareSpecificity(a: string, b: string): number {
  const [x, y] = [specificity(a), specificity(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const difference = (x[i] ?? -1) - (y[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

export class ApiRoutes {
  readonly #declared: Declaration[] = [];
  /** `#declared` most specific first, sorted once until a route is declared (apiOf runs on every OPTIONS request and 404). */
  #sorted: Declaration[] | null = null;
  readonly backend: RouteMethods;
  readonly frontend: RouteMethods;

  constructor() {
    this.backend = this.#methods("bapi");
    this.frontend = this.#methods("fapi");
  }

  #methods(api: ApiKind): RouteMethods {
    const declare = (method: Method) => <P extends string>(path: P, handler: Handler<P>) => {
      if (this.#declared.some((route) => route.method === method && route.path === path)) {
        throw new Error(`${method} ${path} is declared twice`);
      }
      this.#declared.push({ api, method, path, handler: handler as Handler, pattern: patternOf(path) });
      this.#sorted = null;
    };
    return { get: declare("GET"), post: declare("POST"), put: declare("PUT"), patch: declare("PATCH"), delete: declare("DELETE") };
  }

  /** Every declared route, most specific first. */
  list(): DeclaredRoute[] {
    return this.#ordered().map(({ api, method, path }) => ({ api, method, path }));
  }

  /** Which API a request path belongs to, from the declared routes (any method); null for a path none declares. */
  apiOf(path: string): ApiKind | null {
    return this.#ordered().find((route) => route.pattern.test(path))?.api ?? null;
  }

  /**
   * The API a request no route took was meant for: the one that declares its path for another method,
   * else the Backend API when it carries a secret key (the Backend API's bearer), else the Frontend API.
   */
  intendedApi(path: string, authorization: string | undefined): ApiKind {
    return this.apiOf(path) ?? (carriesSecretKey(authorization) ? "bapi" : "fapi");
  }

  /** Registers every declared route on `app`, behind its API's middleware. */
  register(app: Hono, middleware: ApiMiddleware): void {
    for (const route of this.#ordered()) {
      app.on(route.method, [route.path], ...middleware[route.api](route), route.handler);
    }
  }

  #ordered(): readonly Declaration[] {
    this.#sorted ??= [...this.#declared].sort((a, b) => compareSpecificity(a.path, b.path));
    return this.#sorted;
  }
}

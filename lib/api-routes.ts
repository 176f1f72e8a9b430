// The API's paths and the methods each answers, declared once: route files are typed against it
// (apiRoute), and what answers before Next's routing (proxy.ts, the server's method guard) reads
// it for the Allow header. No `server-only`: the method guard loads it in plain Node.

export const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;

export type HttpMethod = (typeof HTTP_METHODS)[number];

export const API_ROUTES = {
  "/api/admin": ["GET"],
  "/api/health": ["GET"],
  "/api/me": ["GET"],
  "/api/webhooks/clerk": ["POST"],
} as const satisfies Record<string, readonly HttpMethod[]>;

export type ApiPath = keyof typeof API_ROUTES;

/** Clerk's machine tokens: API keys, M2M tokens and OAuth access tokens. */
export type MachineTokenType = "api_key" | "m2m_token" | "oauth_token";

/**
 * The routes that accept machine tokens besides session tokens, and which. None yet: the proxy answers
 * 401 to a machine token anywhere else before Clerk spends a Backend API call verifying it. A route
 * listed here also asks for them itself (`auth({ acceptsToken: [...] })`), and its verifications are
 * bounded by the proxy's `machine_token` budget (docs/security.md#no-free-work-for-clerk).
 */
export const MACHINE_TOKEN_ROUTES: Partial<Record<ApiPath, readonly MachineTokenType[]>> = {};

export const API_PREFIX = "/api";

export function isApiPath(pathname: string): boolean {
  return pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`);
}

/** The methods a route with these handlers answers: its own, HEAD wherever GET is, and OPTIONS. */
export function allowedMethods(own: readonly HttpMethod[]): HttpMethod[] {
  return HTTP_METHODS.filter(
    (method) => own.includes(method) || method === "OPTIONS" || (method === "HEAD" && own.includes("GET")),
  );
}

/** The Allow header of an API path, or null for a path no route serves. */
export function apiAllow(pathname: string): string | null {
  const methods: readonly HttpMethod[] | undefined = (API_ROUTES as Record<string, readonly HttpMethod[]>)[pathname];
  return methods ? allowedMethods(methods).join(", ") : null;
}

export const METHOD_NOT_ALLOWED_MESSAGE = "This API path does not support the request's method.";

export const NO_ROUTE_MESSAGE = "No API route matches this path.";

/** What pages answer: Next renders them for GET and HEAD. */
export const PAGE_ALLOW = "GET, HEAD";

export function isHttpMethod(method: string): method is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(method);
}

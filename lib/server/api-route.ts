import "server-only";

import type { NextRequest } from "next/server";

import { apiErrorResponse, privateAnswer } from "@/lib/server/api-error-response";

// Every method of an /api route answers with the envelope: a route lists only the handlers it has,
// and the rest, Allow header included, is derived from that list. Every answer is private.

const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;

export type HttpMethod = (typeof HTTP_METHODS)[number];

type RouteHandler = (request: NextRequest) => Response | Promise<Response>;

export type RouteHandlers = Record<HttpMethod, RouteHandler>;

/** The methods a route answers: its own, HEAD wherever GET is, and OPTIONS. */
export function allowedMethods(handlers: Partial<RouteHandlers>): HttpMethod[] {
  return HTTP_METHODS.filter(
    (method) => handlers[method] || method === "OPTIONS" || (method === "HEAD" && handlers.GET),
  );
}

/** The 405 envelope with the Allow header of a route that has `allow`. */
export function methodNotAllowedResponse(allow: readonly HttpMethod[]) {
  return apiErrorResponse("method_not_allowed", "This API path does not support the request's method.", {
    headers: { Allow: allow.join(", ") },
  });
}

/** A route's exports: its handlers, HEAD answered by GET (Next drops the body), 405 for the rest. */
export function apiRoute(handlers: Partial<RouteHandlers>): RouteHandlers {
  const allow = allowedMethods(handlers);
  const notAllowed = () => methodNotAllowedResponse(allow);
  const options = () => new Response(null, { status: 204, headers: { Allow: allow.join(", ") } });
  const privately =
    (handler: RouteHandler): RouteHandler =>
    async (request) =>
      privateAnswer(await handler(request));
  return {
    GET: privately(handlers.GET ?? notAllowed),
    HEAD: privately(handlers.HEAD ?? handlers.GET ?? notAllowed),
    OPTIONS: privately(handlers.OPTIONS ?? options),
    POST: privately(handlers.POST ?? notAllowed),
    PUT: privately(handlers.PUT ?? notAllowed),
    PATCH: privately(handlers.PATCH ?? notAllowed),
    DELETE: privately(handlers.DELETE ?? notAllowed),
  };
}

/** Every method of a path no route matches: 404 with the envelope. */
export function unknownApiPath(): RouteHandlers {
  const notFound = () => apiErrorResponse("not_found", "No API route matches this path.");
  return {
    GET: notFound,
    HEAD: notFound,
    OPTIONS: notFound,
    POST: notFound,
    PUT: notFound,
    PATCH: notFound,
    DELETE: notFound,
  };
}

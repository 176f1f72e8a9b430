import "server-only";

import type { NextRequest } from "next/server";

import {
  allowedMethods,
  API_ROUTES,
  METHOD_NOT_ALLOWED_MESSAGE,
  NO_ROUTE_MESSAGE,
  type ApiPath,
  type HttpMethod,
} from "@/lib/api-routes";
import { apiErrorResponse, privateAnswer } from "@/lib/server/api-error-response";

// Every method of an /api route answers with the envelope: a route implements exactly the methods
// lib/api-routes.ts declares for its path (the types check it), and the rest, Allow header included,
// is derived from that list. Every answer is private.

type RouteHandler = (request: NextRequest) => Response | Promise<Response>;

export type RouteHandlers = Record<HttpMethod, RouteHandler>;

/** The handlers of `path`: one for each method lib/api-routes.ts declares for it, no more. */
type OwnHandlers<P extends ApiPath> = Record<(typeof API_ROUTES)[P][number], RouteHandler>;

/** A route's exports: its handlers, HEAD answered by GET (Next drops the body), 405 for the rest. */
export function apiRoute<P extends ApiPath>(path: P, own: OwnHandlers<P>): RouteHandlers {
  const handlers: Partial<RouteHandlers> = own;
  const allow = allowedMethods(API_ROUTES[path]).join(", ");
  const notAllowed = () => apiErrorResponse("method_not_allowed", METHOD_NOT_ALLOWED_MESSAGE, { headers: { Allow: allow } });
  const options = () => new Response(null, { status: 204, headers: { Allow: allow } });
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
  const notFound = () => apiErrorResponse("not_found", NO_ROUTE_MESSAGE);
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

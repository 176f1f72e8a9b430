// Who made the request that is being handled, for the `event_attributes.http_request` Clerk puts in
// its webhooks. The store announces user changes synchronously inside the request, so an
// AsyncLocalStorage around each request is enough to find it.
import { AsyncLocalStorage } from "node:async_hooks";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";

export type RequestInfo = { client_ip: string; user_agent: string };

const storage = new AsyncLocalStorage<RequestInfo>();

function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "";
  } catch {
    // In-process requests (`app.request()` in tests) have no socket.
    return "";
  }
}

export function requestContext(): MiddlewareHandler {
  return (c, next) => {
    // A request re-dispatched in-process (the `_method` tunnel) keeps its caller's socket details.
    if (storage.getStore()) return next();
    return storage.run({ client_ip: clientIp(c), user_agent: c.req.header("user-agent") ?? "" }, () => next());
  };
}

export function currentRequestInfo(): RequestInfo {
  return storage.getStore() ?? { client_ip: "", user_agent: "" };
}

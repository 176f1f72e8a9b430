// What real Clerk's Backend API does to an app besides answering: it takes time and it sometimes
// fails. One middleware on /v1/* counts every request, and for the Backend API adds the configured
// latency and answers the configured fraction with a fault.
import type { MiddlewareHandler } from "hono";
import { isBackendPath } from "../backend/routes";
import type { LocalClerk } from "../context";
import { ClerkError, type ClerkErrorInit } from "../http/errors";
import { routeKey } from "./request-stats";

const FAULT_ERRORS: Record<429 | 500 | 503, ClerkErrorInit> = {
  429: {
    status: 429,
    code: "too_many_requests",
    message: "Too many requests",
    longMessage: "Too many requests, please try again later.",
    headers: { "Retry-After": "1" },
  },
  500: { status: 500, code: "internal_clerk_error", message: "Something went wrong", longMessage: "There was an internal error on our servers. We've been notified and are working on fixing it." },
  503: { status: 503, code: "service_unavailable", message: "Service unavailable", longMessage: "The service is temporarily unavailable. Please try again later." },
};

/** What a hung request answers when it is let go: no handler ever ran for it. */
const RELEASED: ClerkErrorInit = {
  status: 503,
  code: "service_unavailable",
  message: "Service unavailable",
  longMessage: "The request was held by the local Clerk's timeout fault and released without being processed.",
};

export function bapiTraffic(clerk: LocalClerk): MiddlewareHandler {
  return async (c, next) => {
    const backend = isBackendPath(c.req.path);
    clerk.stats.count(backend ? "bapi" : "fapi", routeKey(c));
    if (!backend) return next();

    const signal = c.req.raw.signal;
    if (clerk.config.bapiLatencyMs > 0) await clerk.held.delay(clerk.config.bapiLatencyMs, signal);
    const fault = clerk.faults.next(clerk.config.bapiFault);
    if (fault && "mode" in fault) {
      clerk.stats.countFault("timeout");
      await clerk.held.hang(signal);
      throw new ClerkError(RELEASED);
    }
    if (fault) {
      clerk.stats.countFault(String(fault.status));
      throw new ClerkError(FAULT_ERRORS[fault.status]);
    }
    return next();
  };
}

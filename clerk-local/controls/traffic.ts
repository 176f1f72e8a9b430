// What real Clerk does to an app besides answering: it takes time and it sometimes fails. One
// middleware on /v1/* counts every request and, per API, adds the configured latency and answers the
// configured fraction with a fault; another does the same for the static bundles, like a CDN outage.
import type { Context, MiddlewareHandler } from "hono";
import { isBackendPath } from "../backend/routes";
import type { ApiFault, Bundle, BundleFault } from "../config";
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

export function apiTraffic(clerk: LocalClerk): MiddlewareHandler {
  return async (c, next) => {
    const api = isBackendPath(c.req.path) ? "bapi" : "fapi";
    clerk.stats.count(api, routeKey(c));
    const { config } = clerk;
    const latencyMs = api === "bapi" ? config.bapiLatencyMs : config.fapiLatencyMs;
    if (latencyMs > 0) await clerk.held.delay(latencyMs, c.req.raw.signal);
    const fault: ApiFault | null = clerk.faults[api].next(api === "bapi" ? config.bapiFault : config.fapiFault);
    if (!fault) return next();
    clerk.stats.countFault(api, "mode" in fault ? fault.mode : String(fault.status));
    if ("mode" in fault) {
      await clerk.held.hang(c.req.raw.signal);
      throw new ClerkError(RELEASED);
    }
    throw new ClerkError(FAULT_ERRORS[fault.status]);
  };
}

const BUNDLE_PATH = /^\/npm\/@clerk\/(clerk-js|ui)@/;

/** The static bundles answer 404 or hang, as a CDN outage or a blocking proxy would make them. */
export function bundleTraffic(clerk: LocalClerk): MiddlewareHandler {
  return async (c, next) => {
    const bundle = BUNDLE_PATH.exec(c.req.path)?.[1] as Bundle | undefined;
    const configured = clerk.config.bundleFault;
    if (!bundle || !configured || (configured.bundle !== null && configured.bundle !== bundle)) return next();
    const fault: BundleFault | null = clerk.faults.bundle.next(configured);
    if (!fault) return next();
    clerk.stats.countFault("bundle", "mode" in fault ? fault.mode : String(fault.status));
    if ("mode" in fault) {
      await clerk.held.hang(c.req.raw.signal);
      return cdnError(c, 503, "Service Unavailable");
    }
    return cdnError(c, 404, "Not Found");
  };
}

/** A CDN's error page is plain text, not one of Clerk's JSON errors. */
function cdnError(c: Context, status: 404 | 503, text: string): Response {
  return c.text(text, status, { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" });
}

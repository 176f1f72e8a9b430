// What real Clerk does to an app besides answering: it takes time and it sometimes fails. Every route
// of either API counts its requests and, per API, adds the configured latency and answers the
// configured fraction with a fault; the static bundles can fail the same way, like a CDN outage.
import type { Context, MiddlewareHandler } from "hono";
import { ClerkError, type ClerkErrorInit } from "../http/errors";
import type { ApiKind, DeclaredRoute } from "../http/routes";
import type { ApiFault, Bundle, BundleFault, LiveSettings, LiveSettingsUpdate } from "../settings/live";
import { FaultSchedule } from "./fault-schedule";
import { HeldRequests } from "./held-requests";
import { RequestStats } from "./request-stats";

export type Traffic = {
  stats: RequestStats;
  /** Requests held back by latency or the timeout fault. */
  held: HeldRequests;
  /** Which requests the injected faults hit, one schedule per kind of traffic. */
  faults: Record<"bapi" | "fapi" | "bundle", FaultSchedule>;
};

/** Counts, schedules and held requests that follow the live settings: a changed fault starts its schedule over. */
export function createTraffic(live: LiveSettings): Traffic {
  const traffic: Traffic = {
    stats: new RequestStats(),
    held: new HeldRequests(),
    faults: { bapi: new FaultSchedule(), fapi: new FaultSchedule(), bundle: new FaultSchedule() },
  };
  live.onUpdate((update: LiveSettingsUpdate) => {
    if (update.bapi_fault !== undefined) traffic.faults.bapi.reset();
    if (update.fapi_fault !== undefined) traffic.faults.fapi.reset();
    if (update.bundle_fault !== undefined) traffic.faults.bundle.reset();
    // Requests held under an old latency or fault go now; hung ones answer 503 without being processed.
    const held = [update.bapi_fault, update.bapi_latency_ms, update.fapi_fault, update.fapi_latency_ms, update.bundle_fault];
    if (held.some((setting) => setting !== undefined)) traffic.held.releaseAll();
  });
  return traffic;
}

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

/** Counts the route's requests, then adds its API's latency and fault. */
export function apiTraffic(traffic: Traffic, live: LiveSettings, route: DeclaredRoute): MiddlewareHandler {
  const api: ApiKind = route.api;
  const key = `${route.method} ${route.path}`;
  return async (c, next) => {
    traffic.stats.count(api, key);
    const settings = live.get();
    const latencyMs = api === "bapi" ? settings.bapi_latency_ms : settings.fapi_latency_ms;
    if (latencyMs > 0) await traffic.held.delay(latencyMs, c.req.raw.signal);
    const fault: ApiFault | null = traffic.faults[api].next(api === "bapi" ? live.get().bapi_fault : live.get().fapi_fault);
    if (!fault) return next();
    traffic.stats.countFault(api, "mode" in fault ? fault.mode : String(fault.status));
    if ("mode" in fault) {
      await traffic.held.hang(c.req.raw.signal);
      throw new ClerkError(RELEASED);
    }
    throw new ClerkError(FAULT_ERRORS[fault.status]);
  };
}

const BUNDLE_PATH = /^\/npm\/@clerk\/(clerk-js|ui)@/;

/** The static bundles answer 404 or hang, as a CDN outage or a blocking proxy would make them. */
export function bundleTraffic(traffic: Traffic, live: LiveSettings): MiddlewareHandler {
  return async (c, next) => {
    const bundle = BUNDLE_PATH.exec(c.req.path)?.[1] as Bundle | undefined;
    const configured = live.get().bundle_fault;
    if (!bundle || !configured || (configured.bundle !== null && configured.bundle !== bundle)) return next();
    const fault: BundleFault | null = traffic.faults.bundle.next(configured);
    if (!fault) return next();
    traffic.stats.countFault("bundle", "mode" in fault ? fault.mode : String(fault.status));
    if ("mode" in fault) {
      await traffic.held.hang(c.req.raw.signal);
      return cdnError(c, 503, "Service Unavailable");
    }
    return cdnError(c, 404, "Not Found");
  };
}

/** A CDN's error page is plain text, not one of Clerk's JSON errors. */
function cdnError(c: Context, status: 404 | 503, text: string): Response {
  return c.text(text, status, { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" });
}

/** Zero counts, fresh schedules, nothing held. */
export function resetTraffic(traffic: Traffic): void {
  for (const schedule of Object.values(traffic.faults)) schedule.reset();
  traffic.held.releaseAll();
  traffic.stats.reset();
}

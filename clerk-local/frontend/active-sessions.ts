// "Active devices": every active session of the signed-in user, across browsers, with the browser,
// device and address of the request that created or last touched it.
import type { MiddlewareHandler } from "hono";
import UAParser from "ua-parser-js";
import { notFound } from "../http/errors";
import { currentRequestInfo } from "../http/request-context";
import { newId } from "../state/ids";
import type { Session, SessionActivity, User } from "../state/records";
import type { Store } from "../state/store";
import { devBrowserToken } from "./client-context";

const TOUCH_PATH = /^\/v1\/client\/sessions\/([^/]+)\/touch$/;

/**
 * Records who is using each session: after any Frontend API call of a browser, its sessions that have
 * no activity yet get this request's (so a session is described by the browser that created it), and
 * a touch (clerk-js's "set active", also on every page load) refreshes the session it names.
 */
export function sessionActivityRecorder(store: Store): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const token = devBrowserToken(c);
    const client = token ? store.clientForDevBrowser(token) : undefined;
    if (!client) return;
    const touched = TOUCH_PATH.exec(c.req.path)?.[1];
    const request = currentRequestInfo();
    for (const session of store.activeSessions(client)) {
      if (session.activity && session.id !== touched) continue;
      store.recordSessionActivity(session.id, { id: newId("sess_activity"), user_agent: request.user_agent, ip_address: request.client_ip });
    }
  };
}

/** Clerk's `latest_activity`: what a User-Agent says about the browser and the device. */
export function latestActivityJSON(session: Session) {
  const activity: SessionActivity = session.activity ?? { id: `${session.id}_activity`, user_agent: "", ip_address: "" };
  const parsed = new UAParser(activity.user_agent).getResult();
  const deviceClass = parsed.device.type;
  const isMobile = deviceClass === "mobile" || deviceClass === "tablet" || deviceClass === "wearable";
  // Clerk names the device (`iPhone`, `Macintosh`) where it can, else the operating system (`Windows`).
  const deviceType = parsed.device.model || parsed.os.name;
  return {
    object: "session_activity",
    id: activity.id,
    is_mobile: isMobile,
    ...(parsed.browser.name ? { browser_name: parsed.browser.name } : {}),
    ...(parsed.browser.version ? { browser_version: parsed.browser.version } : {}),
    ...(deviceType ? { device_type: deviceType } : {}),
    ...(activity.ip_address ? { ip_address: activity.ip_address } : {}),
    // No city or country: the local Clerk has no geolocation, and a guess would be a lie.
  };
}

/** The user's sessions that are still active, in any browser (or none: Backend API sessions), newest first. */
export function activeSessionsOf(store: Store, user: User): Session[] {
  return store
    .sessionsOfUser(user.id)
    .filter((session) => session.status === "active")
    .sort((a, b) => b.last_active_at - a.last_active_at);
}

/** Ends one of the user's own sessions; the browser holding it is signed out at its next token refresh. */
export function revokeOwnSession(store: Store, user: User, sessionId: string): Session {
  const session = store.session(sessionId);
  if (!session || session.user_id !== user.id) throw notFound("session");
  return session.status === "active" ? store.endSession(session.id, "revoked") : session;
}

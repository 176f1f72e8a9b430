import type { IncomingMessage, ServerResponse } from "node:http";
import http from "node:http";
import type { Duplex } from "node:stream";

import { apiError, API_ERROR_STATUS, PRIVATE_ANSWER_HEADERS } from "@/lib/api-error";
import { apiAllow, isApiPath, METHOD_NOT_ALLOWED_MESSAGE, NO_ROUTE_MESSAGE, PAGE_ALLOW } from "@/lib/api-routes";
import { securityHeaders } from "@/lib/security-headers";

// The answer to a method the app does not serve. The proxy gives it to methods Next passes on; TRACE
// and CONNECT never get that far (the Fetch API refuses TRACE, so Next fails before the proxy runs;
// Node drops CONNECT), so the server answers them itself. No `server-only`: instrumentation loads
// this in plain Node (docs/security.md#every-method-gets-an-answer).

export type PlainAnswer = { status: number; headers: Record<string, string>; body: string };

/** 405 with the route's Allow and the envelope on an API path (404 where no route is), plain 405 on a page. */
export function unknownMethodAnswer(pathname: string): PlainAnswer {
  if (!isApiPath(pathname)) {
    return { status: 405, headers: { Allow: PAGE_ALLOW, "Content-Type": "text/plain; charset=utf-8" }, body: "Method Not Allowed\n" };
  }
  const allow = apiAllow(pathname);
  const json = { "Content-Type": "application/json", ...PRIVATE_ANSWER_HEADERS };
  return allow === null
    ? { status: API_ERROR_STATUS.not_found, headers: json, body: JSON.stringify(apiError("not_found", NO_ROUTE_MESSAGE)) }
    : {
        status: API_ERROR_STATUS.method_not_allowed,
        headers: { ...json, Allow: allow },
        body: JSON.stringify(apiError("method_not_allowed", METHOD_NOT_ALLOWED_MESSAGE)),
      };
}

/** Methods Node parses but Next cannot take: its Request constructor refuses TRACE, and nothing listens for CONNECT. */
const ANSWERED_BY_THE_SERVER = new Set(["TRACE"]);

let uninstall: (() => void) | null = null;

/**
 * Answers TRACE and CONNECT on every HTTP server of this process with `unknownMethodAnswer` and the
 * security headers, before Next sees them (`next start`; on Vercel the platform takes them). Returns
 * the undo, for tests.
 */
export function installUnknownMethodGuard({ production }: { production: boolean }): () => void {
  if (uninstall) return uninstall;
  const withSecurityHeaders = (answer: PlainAnswer): PlainAnswer => ({
    ...answer,
    headers: {
      ...Object.fromEntries(securityHeaders({ production }).map(({ key, value }) => [key, value])),
      ...answer.headers,
      "Content-Length": String(Buffer.byteLength(answer.body)),
    },
  });
  const serversWithConnectAnswer = new WeakSet<http.Server>();
  const emit = http.Server.prototype.emit;
  const ownEmit = Object.hasOwn(http.Server.prototype, "emit");

  http.Server.prototype.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "connection" && !serversWithConnectAnswer.has(this)) {
      serversWithConnectAnswer.add(this);
      // Node closes a CONNECT without a word unless someone listens for it.
      if (this.listenerCount("connect") === 0) {
        this.on("connect", (request: IncomingMessage, socket: Duplex) => {
          const answer = withSecurityHeaders(unknownMethodAnswer(pathOf(request)));
          const head = Object.entries({ ...answer.headers, Connection: "close" }).map(([name, value]) => `${name}: ${value}\r\n`);
          socket.end(`HTTP/1.1 ${answer.status} ${http.STATUS_CODES[answer.status]}\r\n${head.join("")}\r\n${answer.body}`);
        });
      }
    }
    if (event === "request") {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      if (ANSWERED_BY_THE_SERVER.has(request.method ?? "")) {
        const answer = withSecurityHeaders(unknownMethodAnswer(pathOf(request)));
        response.writeHead(answer.status, answer.headers).end(answer.body);
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
  uninstall = () => {
    if (ownEmit) http.Server.prototype.emit = emit;
    else delete (http.Server.prototype as Partial<http.Server>).emit;
    uninstall = null;
  };
  return uninstall;
}

/** The request's path; a CONNECT names a host:port instead, which is no API path. */
function pathOf(request: IncomingMessage): string {
  const target = request.url ?? "";
  return target.startsWith("/") ? new URL(target, "http://localhost").pathname : target;
}

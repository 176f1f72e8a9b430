import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { E2E_BASE_URL } from "./support/ports";
import { markServerLog } from "./support/server-log";
import { signInThroughUi, waitForSignedIn } from "./support/sign-in";
import { clerkBackend, expect, test } from "./support/fixtures";

const INVALID_TOKEN = { code: "unauthenticated", message: "invalid token", details: null };

test("/api/me and /api/admin answer 401 with the envelope without a token or with a garbage one", async ({ request }) => {
  const cases: Record<string, Record<string, string>> = {
    "no token": {},
    "garbage token": { Authorization: "Bearer not-a-jwt" },
    "three dots": { Authorization: "Bearer a.b.c" },
    "empty Bearer": { Authorization: "Bearer " },
  };
  for (const path of ["/api/me", "/api/admin"]) {
    for (const [name, headers] of Object.entries(cases)) {
      const response = await request.get(path, { headers });
      expect(response.status(), `${path} with ${name}`).toBe(401);
      expect(await response.json(), `${path} with ${name}`).toEqual(INVALID_TOKEN);
    }
  }
});

test("/api/me and /api/admin accept the browser's session token as a Bearer token", async ({ page, request, createUser }) => {
  const user = await createUser({ role: "admin" });
  await page.goto("/sign-in");
  await signInThroughUi(page, user.email, user.password);
  await waitForSignedIn(page);
  const token = await page.evaluate(() =>
    (window as unknown as { Clerk: { session: { getToken: () => Promise<string> } } }).Clerk.session.getToken(),
  );

  // Another client (no cookies at all) with only the token.
  const me = await request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { id: string }).id).toBe(user.id);
  expect(me.headers()["cache-control"], "one user's data, kept by no browser or CDN").toBe("private, no-store");
  const admin = await request.get("/api/admin", { headers: { Authorization: `Bearer ${token}` } });
  expect(await admin.json()).toEqual({ value: "Important stuff" });
});

test("/api/health answers without a token", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
});

test("a missing static file is a plain 404, not a server error", async ({ request }) => {
  // The proxy does not run for static-file paths, so nothing they render may depend on auth().
  for (const path of ["/favicon.ico", "/no-such-picture.png"]) {
    expect((await request.get(`${E2E_BASE_URL}${path}`)).status(), path).toBe(404);
  }
});

test("an /api path no route matches answers 404 with the envelope, for every method", async ({ request }) => {
  const notFound = { code: "not_found", message: "No API route matches this path.", details: null };
  for (const path of ["/api/does-not-exist", "/api", "/api/me/extra", "/api/webhooks"]) {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const response = await request.fetch(path, { method });
      expect(response.status(), `${method} ${path}`).toBe(404);
      expect(response.headers()["content-type"], `${method} ${path}`).toContain("application/json");
      expect(await response.json(), `${method} ${path}`).toEqual(notFound);
    }
    expect((await request.head(path)).status(), `HEAD ${path}`).toBe(404);
  }
});

test("a method a route does not support answers 405 with the envelope and an Allow header", async ({ request }) => {
  const notAllowed = {
    code: "method_not_allowed",
    message: "This API path does not support the request's method.",
    details: null,
  };
  const routes: Record<string, { allow: string; refused: string[] }> = {
    "/api/me": { allow: "GET, HEAD, OPTIONS", refused: ["POST", "PUT", "PATCH", "DELETE"] },
    "/api/admin": { allow: "GET, HEAD, OPTIONS", refused: ["POST", "PUT", "PATCH", "DELETE"] },
    "/api/health": { allow: "GET, HEAD, OPTIONS", refused: ["POST", "PUT", "PATCH", "DELETE"] },
    "/api/webhooks/clerk": { allow: "OPTIONS, POST", refused: ["GET", "PUT", "PATCH", "DELETE"] },
  };
  for (const [path, { allow, refused }] of Object.entries(routes)) {
    for (const method of refused) {
      const response = await request.fetch(path, { method });
      expect(response.status(), `${method} ${path}`).toBe(405);
      expect(response.headers()["allow"], `${method} ${path}`).toBe(allow);
      expect(await response.json(), `${method} ${path}`).toEqual(notAllowed);
    }
    const options = await request.fetch(path, { method: "OPTIONS" });
    expect(options.status(), `OPTIONS ${path}`).toBe(204);
    expect(options.headers()["allow"], `OPTIONS ${path}`).toBe(allow);
  }
  // HEAD is answered wherever GET is, without a body.
  const head = await request.head("/api/health");
  expect(head.status()).toBe(200);
  expect(await head.text()).toBe("");
});

test("a page path nobody serves keeps Next's HTML 404 page", async ({ request }) => {
  const response = await request.get("/no-such-page");
  expect(response.status()).toBe(404);
  expect(response.headers()["content-type"]).toContain("text/html");
});

/** A request Playwright's client cannot make (TRACE, CONNECT, WebDAV verbs), sent with Node's. */
function rawRequest(method: string, path: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(E2E_BASE_URL);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, method, path, agent: false });
    const collect = (response: IncomingMessage, stream: NodeJS.ReadableStream, head = "") => {
      let body = head;
      stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
      stream.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    };
    request.on("response", (response) => collect(response, response));
    request.on("connect", (response, socket, head: Buffer) => collect(response, socket, head.toString()));
    request.on("error", reject);
    request.end();
  });
}

test("TRACE, CONNECT and unknown methods get 405: the envelope and Allow on API paths, plain on pages, security headers on all, no stack trace", async () => {
  const serverLog = markServerLog();
  const apiAllow: Record<string, string> = { "/api/me": "GET, HEAD, OPTIONS", "/api/health": "GET, HEAD, OPTIONS", "/api/webhooks/clerk": "OPTIONS, POST" };
  for (const method of ["TRACE", "CONNECT", "PROPFIND", "PURGE"]) {
    for (const [path, allow] of Object.entries(apiAllow)) {
      const answer = await rawRequest(method, path);
      expect({ status: answer.status, allow: answer.headers.allow }, `${method} ${path}`).toEqual({ status: 405, allow });
      expect(JSON.parse(answer.body), `${method} ${path}`).toEqual({ code: "method_not_allowed", message: "This API path does not support the request's method.", details: null });
      expect(answer.headers["x-content-type-options"], `${method} ${path}`).toBe("nosniff");
    }
    for (const path of ["/", "/dashboard", "/sign-in"]) {
      const answer = await rawRequest(method, path);
      expect({ status: answer.status, allow: answer.headers.allow, body: answer.body }, `${method} ${path}`).toEqual({
        status: 405,
        allow: "GET, HEAD",
        body: "Method Not Allowed\n",
      });
      expect(answer.headers["x-frame-options"], `${method} ${path}`).toBe("DENY");
      expect(answer.headers["referrer-policy"], `${method} ${path}`).toBe("strict-origin-when-cross-origin");
    }
  }
  expect((await rawRequest("TRACE", "/api/nothing")).status, "an API path no route serves").toBe(404);
  expect(serverLog.stackFrames(), "stack frames in the server log").toEqual([]);
});

test("every API answer is private: Cache-Control: private, no-store and Vary on Authorization and Cookie, errors included", async ({ request, createUser }) => {
  const user = await createUser();
  const session = await clerkBackend.sessions.createSession({ userId: user.id });
  const token = (await clerkBackend.sessions.getToken(session.id, undefined, 600)).jwt;
  const answers = {
    "/api/me, signed in": await request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } }),
    "/api/admin, signed in": await request.get("/api/admin", { headers: { Authorization: `Bearer ${token}` } }),
    "/api/me, signed out (401)": await request.get("/api/me"),
    "/api/nothing (404)": await request.get("/api/nothing"),
    "POST /api/me (405)": await request.post("/api/me"),
    "OPTIONS /api/me (204)": await request.fetch("/api/me", { method: "OPTIONS" }),
  };
  expect(answers["/api/me, signed in"].status()).toBe(200);
  for (const [name, response] of Object.entries(answers)) {
    expect(response.headers()["cache-control"], name).toBe("private, no-store");
    const vary = (response.headers()["vary"] ?? "").split(",").map((value) => value.trim().toLowerCase());
    expect(vary, name).toEqual(expect.arrayContaining(["authorization", "cookie"]));
  }
});

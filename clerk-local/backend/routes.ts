// The Backend API that @clerk/backend (clerkClient, verifyToken's JWKS) and @clerk/testing call,
// authenticated by the secret key as a Bearer token.
import { randomBytes } from "node:crypto";
import type { Hono, MiddlewareHandler } from "hono";
import type { LocalClerk } from "../context";
import { ClerkError, notFound } from "../http/errors";
import { registerEmailAddressRoutes } from "./email-address-routes";
import { registerSessionRoutes } from "./session-routes";
import { registerSignInTokenRoutes } from "./sign-in-token-routes";
import { registerUserRoutes } from "./user-routes";

/** Paths under /v1 that belong to the Backend API (the rest of /v1 is the Frontend API). */
export const BACKEND_PATHS = [
  "/v1/jwks",
  "/v1/users",
  "/v1/sessions",
  "/v1/testing_tokens",
  "/v1/clients",
  "/v1/sign_in_tokens",
  "/v1/email_addresses",
];

export function isBackendPath(path: string): boolean {
  return BACKEND_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

function requireSecretKey(clerk: LocalClerk): MiddlewareHandler {
  return async (c, next) => {
    if (!isBackendPath(c.req.path)) return next();
    const header = c.req.header("authorization") ?? "";
    if (header !== `Bearer ${clerk.config.secretKey}`) {
      throw new ClerkError({
        status: 401,
        code: "authentication_invalid",
        message: "Invalid authentication",
        longMessage: "Unable to authenticate the request, you need to supply an active secret key",
      });
    }
    return next();
  };
}

export function registerBackendApi(app: Hono, clerk: LocalClerk): void {
  app.use("/v1/*", requireSecretKey(clerk));

  app.get("/v1/jwks", (c) => c.json({ keys: [clerk.keys.publicJwk] }));

  registerUserRoutes(app, clerk);
  registerSessionRoutes(app, clerk);
  registerSignInTokenRoutes(app, clerk);
  registerEmailAddressRoutes(app, clerk);

  // Testing tokens (@clerk/testing's clerkSetup): this server has no bot protection to bypass.
  app.post("/v1/testing_tokens", (c) =>
    c.json({
      object: "testing_token",
      token: `local_${randomBytes(12).toString("hex")}`,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
    }),
  );

  // Handshake nonces are never issued here (the handshake answers with a signed token instead).
  app.get("/v1/clients/handshake_payload", () => {
    throw notFound("handshake payload");
  });
}

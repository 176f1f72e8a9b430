// The Backend API that @clerk/backend (clerkClient, verifyToken's JWKS) and @clerk/testing call. Every
// route declared here runs behind the secret-key check (app.ts attaches it to the whole API).
import { randomBytes } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { accountPageUrl } from "../config";
import { ClerkError, notFound } from "../http/errors";
import type { RouteMethods } from "../http/routes";
import type { Services } from "../services";
import { declareApiKeyRoutes } from "./api-key-routes";
import { declareIdentificationRoutes } from "./identification-routes";
import { declareInvitationRoutes } from "./invitation-routes";
import { declareJwtTemplateRoutes } from "./jwt-template-routes";
import { declareSessionRoutes } from "./session-routes";
import { declareSignInTokenRoutes } from "./sign-in-token-routes";
import { declareUserRoutes } from "./user-routes";

/** The Backend API's bearer: the instance's secret key. */
export function requireSecretKey(secretKey: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.header("authorization") !== `Bearer ${secretKey}`) {
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

type BackendServices = Pick<Services, "store" | "config" | "instance" | "sessionTokens" | "keys" | "publicUrl">;

export function declareBackendApi(routes: RouteMethods, services: BackendServices): void {
  const { store, config } = services;

  routes.get("/v1/jwks", (c) => c.json({ keys: [services.keys.publicJwk] }));

  declareUserRoutes(routes, { store, instance: services.instance, avatarBaseUrl: () => services.publicUrl.current });
  declareSessionRoutes(routes, {
    store,
    tokenFor: (session, ttlSeconds, template) => {
      const client = session.client_id ? store.client(session.client_id) : undefined;
      return services.sessionTokens.mint(session, { azp: config.appOrigin, ttlSeconds, notBeforeMs: client?.updated_at, template });
    },
  });
  declareSignInTokenRoutes(routes, { store, signInUrl: accountPageUrl(config, "sign-in") });
  declareIdentificationRoutes(routes, { store, instance: services.instance });
  declareJwtTemplateRoutes(routes, { store });
  declareInvitationRoutes(routes, { store, instance: services.instance });
  declareApiKeyRoutes(routes, { store, instance: services.instance });

  // Testing tokens (@clerk/testing's clerkSetup): this server has no bot protection to bypass.
  routes.post("/v1/testing_tokens", (c) =>
    c.json({
      object: "testing_token",
      token: `local_${randomBytes(12).toString("hex")}`,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
    }),
  );

  // Handshake nonces are never issued here (the handshake answers with a signed token instead).
  routes.get("/v1/clients/handshake_payload", () => {
    throw notFound("handshake payload");
  });
}

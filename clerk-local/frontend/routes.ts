// The Frontend API that clerk-js calls from the browser (development instance: the client is found by
// the dev browser token in `__clerk_db_jwt`, never by cookies on this origin).
import type { RouteMethods } from "../http/routes";
import type { Services } from "../services";
import { declareApiKeyRoutes } from "./api-key-routes";
import type { Fapi } from "./client-context";
import { declareClientRoutes } from "./client-routes";
import { declareHandshake } from "./handshake";
import { declareMeRoutes } from "./me-routes";
import { declareIdentificationRoutes } from "./identification-routes";
import { declareSessionRoutes } from "./session-routes";
import { declareSignInRoutes } from "./sign-in-routes";
import { declareSignUpRoutes } from "./sign-up-routes";

type FrontendServices = Pick<Services, "store" | "config" | "instance" | "issuer" | "sessionTokens" | "cookieSuffix" | "publicUrl">;

export function declareFrontendApi(routes: RouteMethods, services: FrontendServices): void {
  const { store, config, issuer } = services;
  const fapi: Fapi = {
    store,
    instance: services.instance,
    appOrigin: config.appOrigin,
    avatarBaseUrl: () => services.publicUrl.current,
    tokenFor: (session, client, azp, template) => services.sessionTokens.mint(session, { azp, notBeforeMs: client?.updated_at, template }),
  };
  const withCode = { ...fapi, verificationCode: config.verificationCode };
  declareClientRoutes(routes, fapi);
  declareHandshake(routes, fapi, { issuer, cookieSuffix: services.cookieSuffix });
  declareSignInRoutes(routes, withCode);
  declareSignUpRoutes(routes, withCode);
  declareSessionRoutes(routes, fapi);
  declareIdentificationRoutes(routes, withCode);
  declareMeRoutes(routes, fapi);
  declareApiKeyRoutes(routes, { store, instance: services.instance, issuer });
}

// The Frontend API that clerk-js calls from the browser (development instance: the client is found by
// the dev browser token in `__clerk_db_jwt`, never by cookies on this origin).
import type { Hono } from "hono";
import type { LocalClerk } from "../context";
import { sessionActivityRecorder } from "./active-sessions";
import { registerClientRoutes } from "./client-routes";
import { registerEmailAddressRoutes } from "./email-address-routes";
import { registerMeRoutes } from "./me-routes";
import { registerSessionRoutes } from "./session-routes";
import { registerSignInRoutes } from "./sign-in-routes";
import { registerSignUpRoutes } from "./sign-up-routes";

export function registerFrontendApi(app: Hono, clerk: LocalClerk): void {
  const recordActivity = sessionActivityRecorder(clerk);
  app.use("/v1/client/*", recordActivity);
  app.use("/v1/me/*", recordActivity);
  registerClientRoutes(app, clerk);
  registerSignInRoutes(app, clerk);
  registerSignUpRoutes(app, clerk);
  registerSessionRoutes(app, clerk);
  registerEmailAddressRoutes(app, clerk);
  registerMeRoutes(app, clerk);
}

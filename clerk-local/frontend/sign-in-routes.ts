// `/v1/client/sign_ins`: what <SignIn/> and @clerk/testing call.
import { readForm } from "../http/body";
import { formError } from "../http/errors";
import type { RouteMethods } from "../http/routes";
import { signInJSON } from "../json/sign-in";
import type { SignIn } from "../state/records";
import { clientPayload, clientSignIn, devBrowserClient, envelope, requestOrigin, type Fapi } from "./client-context";
import { attemptFirstFactor, attemptPassword, prepareFirstFactor, resetPassword, sessionExists, signInWithTicket, startSignIn } from "./sign-in";

export function declareSignInRoutes(routes: RouteMethods, fapi: Fapi & { verificationCode: string }): void {
  const { store, instance } = fapi;
  const json = (signIn: SignIn) => signInJSON(signIn, store, fapi.avatarBaseUrl(), instance.userSettings);

  routes.post("/v1/client/sign_ins", async (c) => {
    const client = devBrowserClient(c, store);
    const form = await readForm(c);
    if (store.activeSessions(client).length > 0) throw sessionExists(await clientPayload(fapi, client, requestOrigin(c, fapi)));
    let signIn;
    if (form.strategy === "ticket") {
      signIn = signInWithTicket(store, client, form.ticket);
    } else {
      const identifier = (form.identifier ?? form.email_address ?? "").trim();
      if (!identifier) throw formError("form_param_missing", "Enter email address.", "identifier");
      signIn = startSignIn(store, instance.userSettings, client, identifier);
      if (form.strategy === "password") attemptPassword(store, instance.userSettings, client, signIn, form.password);
    }
    if (signIn.status === "complete") store.updateClient(client.id, { sign_in_id: null });
    return envelope(c, fapi, json(signIn), client);
  });

  routes.get("/v1/client/sign_ins/:id", async (c) => {
    const client = devBrowserClient(c, store);
    return envelope(c, fapi, json(clientSignIn(store, client, c.req.param("id"))), client);
  });

  routes.post("/v1/client/sign_ins/:id/prepare_first_factor", async (c) => {
    const client = devBrowserClient(c, store);
    const signIn = clientSignIn(store, client, c.req.param("id"));
    prepareFirstFactor(store, instance.userSettings, signIn, await readForm(c));
    return envelope(c, fapi, json(signIn), client);
  });

  routes.post("/v1/client/sign_ins/:id/attempt_first_factor", async (c) => {
    const client = devBrowserClient(c, store);
    const signIn = clientSignIn(store, client, c.req.param("id"));
    attemptFirstFactor(store, instance.userSettings, fapi.verificationCode, client, signIn, await readForm(c));
    // A reset code leaves the sign-in waiting for a new password; a session means it is complete.
    if (signIn.created_session_id) store.updateClient(client.id, { sign_in_id: null });
    return envelope(c, fapi, json(signIn), client);
  });

  routes.post("/v1/client/sign_ins/:id/reset_password", async (c) => {
    const client = devBrowserClient(c, store);
    const signIn = clientSignIn(store, client, c.req.param("id"));
    const form = await readForm(c);
    resetPassword(store, instance.userSettings, client, signIn, form.password, form.sign_out_of_other_sessions === "true");
    store.updateClient(client.id, { sign_in_id: null });
    return envelope(c, fapi, json(signIn), client);
  });
}

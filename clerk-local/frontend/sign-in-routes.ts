// `/v1/client/sign_ins`: what <SignIn/> and @clerk/testing call.
import { readForm } from "../http/body";
import { formError } from "../http/errors";
import type { RouteMethods } from "../http/routes";
import { signInJSON } from "../json/sign-in";
import type { SignIn } from "../state/records";
import { clientSignIn, devBrowserClient, envelope, type Fapi } from "./client-context";
import { attemptEmailCode, attemptPassword, prepareEmailCode, resetPassword, signInWithTicket, startSignIn } from "./sign-in";

const CODE_STRATEGIES = ["email_code", "reset_password_email_code"];

export function declareSignInRoutes(routes: RouteMethods, fapi: Fapi & { verificationCode: string }): void {
  const { store } = fapi;
  const json = (signIn: SignIn) => signInJSON(signIn, store, fapi.avatarBaseUrl());

  routes.post("/v1/client/sign_ins", async (c) => {
    const client = devBrowserClient(c, store);
    const form = await readForm(c);
    let signIn;
    if (form.strategy === "ticket") {
      signIn = signInWithTicket(store, client, form.ticket);
    } else {
      const identifier = (form.identifier ?? form.email_address ?? "").trim();
      if (!identifier) throw formError("form_param_missing", "Enter email address.", "identifier");
      signIn = startSignIn(store, client, identifier);
      if (form.strategy === "password") attemptPassword(store, client, signIn, form.password);
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
    const form = await readForm(c);
    if (!form.strategy) throw formError("form_param_missing", "strategy must be included.", "strategy");
    if (!CODE_STRATEGIES.includes(form.strategy) && form.strategy !== "password") {
      throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
    }
    if (CODE_STRATEGIES.includes(form.strategy)) prepareEmailCode(store, signIn, form.strategy, form.email_address_id);
    return envelope(c, fapi, json(signIn), client);
  });

  routes.post("/v1/client/sign_ins/:id/attempt_first_factor", async (c) => {
    const client = devBrowserClient(c, store);
    const signIn = clientSignIn(store, client, c.req.param("id"));
    const form = await readForm(c);
    if (signIn.status === "complete") throw formError("sign_in_already_complete", "This sign in is already complete.");
    if (form.strategy === "password") attemptPassword(store, client, signIn, form.password);
    else if (form.strategy && CODE_STRATEGIES.includes(form.strategy)) attemptEmailCode(store, fapi.verificationCode, client, signIn, form.strategy, form.code);
    else throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
    // A reset code leaves the sign-in waiting for a new password; a session means it is complete.
    if (signIn.created_session_id) store.updateClient(client.id, { sign_in_id: null });
    return envelope(c, fapi, json(signIn), client);
  });

  routes.post("/v1/client/sign_ins/:id/reset_password", async (c) => {
    const client = devBrowserClient(c, store);
    const signIn = clientSignIn(store, client, c.req.param("id"));
    const form = await readForm(c);
    resetPassword(store, client, signIn, form.password, form.sign_out_of_other_sessions === "true");
    store.updateClient(client.id, { sign_in_id: null });
    return envelope(c, fapi, json(signIn), client);
  });
}

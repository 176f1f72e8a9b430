// `/v1/client/sign_ins`: what <SignIn/> and @clerk/testing call.
import type { Hono } from "hono";
import type { LocalClerk } from "../context";
import { readForm } from "../http/body";
import { formError } from "../http/errors";
import { signInJSON } from "../json/sign-in";
import { clientSignIn, devBrowserClient, envelope } from "./client-context";
import { attemptEmailCode, attemptPassword, prepareEmailCode, resetPassword, signInWithTicket, startSignIn } from "./sign-in";

const CODE_STRATEGIES = ["email_code", "reset_password_email_code"];

export function registerSignInRoutes(app: Hono, clerk: LocalClerk): void {
  const { store } = clerk;
  const json = (signIn: Parameters<typeof signInJSON>[0]) => signInJSON(signIn, store, clerk.publicUrl);

  app.post("/v1/client/sign_ins", async (c) => {
    const client = devBrowserClient(c, clerk);
    const form = await readForm(c);
    let signIn;
    if (form.strategy === "ticket") {
      signIn = signInWithTicket(clerk, client, form.ticket);
    } else {
      const identifier = (form.identifier ?? form.email_address ?? "").trim();
      if (!identifier) throw formError("form_param_missing", "Enter email address.", "identifier");
      signIn = startSignIn(clerk, client, identifier);
      if (form.strategy === "password") attemptPassword(clerk, client, signIn, form.password);
    }
    if (signIn.status === "complete") client.sign_in_id = null;
    return envelope(c, clerk, json(signIn), client);
  });

  app.get("/v1/client/sign_ins/:id", async (c) => {
    const client = devBrowserClient(c, clerk);
    return envelope(c, clerk, json(clientSignIn(clerk, client, c.req.param("id"))), client);
  });

  app.post("/v1/client/sign_ins/:id/prepare_first_factor", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signIn = clientSignIn(clerk, client, c.req.param("id"));
    const form = await readForm(c);
    if (!form.strategy) throw formError("form_param_missing", "strategy must be included.", "strategy");
    if (!CODE_STRATEGIES.includes(form.strategy) && form.strategy !== "password") {
      throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
    }
    if (CODE_STRATEGIES.includes(form.strategy)) prepareEmailCode(clerk, signIn, form.strategy, form.email_address_id);
    return envelope(c, clerk, json(signIn), client);
  });

  app.post("/v1/client/sign_ins/:id/attempt_first_factor", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signIn = clientSignIn(clerk, client, c.req.param("id"));
    const form = await readForm(c);
    if (signIn.status === "complete") throw formError("sign_in_already_complete", "This sign in is already complete.");
    if (form.strategy === "password") attemptPassword(clerk, client, signIn, form.password);
    else if (form.strategy && CODE_STRATEGIES.includes(form.strategy)) attemptEmailCode(clerk, client, signIn, form.strategy, form.code);
    else throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
    // A reset code leaves the sign-in waiting for a new password; a session means it is complete.
    if (signIn.created_session_id) client.sign_in_id = null;
    return envelope(c, clerk, json(signIn), client);
  });

  app.post("/v1/client/sign_ins/:id/reset_password", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signIn = clientSignIn(clerk, client, c.req.param("id"));
    const form = await readForm(c);
    resetPassword(clerk, client, signIn, form.password, form.sign_out_of_other_sessions === "true");
    client.sign_in_id = null;
    return envelope(c, clerk, json(signIn), client);
  });
}

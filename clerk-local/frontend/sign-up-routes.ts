// `/v1/client/sign_ups`: what <SignUp/> calls.
import { readForm } from "../http/body";
import type { RouteMethods } from "../http/routes";
import { signUpJSON } from "../json/sign-up";
import type { Instance } from "../settings/instance";
import { clientSignUp, devBrowserClient, envelope, type Fapi } from "./client-context";
import { applySignUpChange, attemptSignUpVerification, checkSignUpFields, completeSignUpIfReady, prepareSignUpVerification } from "./sign-up";
import { invitationChange } from "./sign-up-ticket";

export function declareSignUpRoutes(routes: RouteMethods, fapi: Fapi & { verificationCode: string }, instance: Instance): void {
  const { store } = fapi;

  routes.post("/v1/client/sign_ups", async (c) => {
    const client = devBrowserClient(c, store);
    const form = await readForm(c);
    const invited = invitationChange(store, instance, form, null);
    const signUp = applySignUpChange(store, store.createSignUp(client.id), { ...checkSignUpFields(store, form), ...invited });
    completeSignUpIfReady(store, client, signUp);
    return envelope(c, fapi, signUpJSON(signUp), client);
  });

  routes.get("/v1/client/sign_ups/:id", async (c) => {
    const client = devBrowserClient(c, store);
    return envelope(c, fapi, signUpJSON(clientSignUp(store, client, c.req.param("id"))), client);
  });

  routes.patch("/v1/client/sign_ups/:id", async (c) => {
    const client = devBrowserClient(c, store);
    const signUp = clientSignUp(store, client, c.req.param("id"));
    const form = await readForm(c);
    const invited = invitationChange(store, instance, form, signUp);
    applySignUpChange(store, signUp, { ...checkSignUpFields(store, form), ...invited });
    completeSignUpIfReady(store, client, signUp);
    return envelope(c, fapi, signUpJSON(signUp), client);
  });

  routes.post("/v1/client/sign_ups/:id/prepare_verification", async (c) => {
    const client = devBrowserClient(c, store);
    const signUp = clientSignUp(store, client, c.req.param("id"));
    prepareSignUpVerification(store, signUp, (await readForm(c)).strategy);
    return envelope(c, fapi, signUpJSON(signUp), client);
  });

  routes.post("/v1/client/sign_ups/:id/attempt_verification", async (c) => {
    const client = devBrowserClient(c, store);
    const signUp = clientSignUp(store, client, c.req.param("id"));
    attemptSignUpVerification(store, fapi.verificationCode, client, signUp, (await readForm(c)).code);
    return envelope(c, fapi, signUpJSON(signUp), client);
  });
}

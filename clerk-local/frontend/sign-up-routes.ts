// `/v1/client/sign_ups`: what <SignUp/> calls.
import type { Context } from "hono";
import { readForm } from "../http/body";
import type { RouteMethods } from "../http/routes";
import { signUpJSON } from "../json/sign-up";
import type { Client, SignUp } from "../state/records";
import { clientSignUp, devBrowserClient, envelope, type Fapi } from "./client-context";
import { applySignUpChange, attemptSignUpVerification, checkSignUpFields, completeSignUpIfReady, prepareSignUpVerification } from "./sign-up";
import { invitationChange } from "./sign-up-ticket";

export function declareSignUpRoutes(routes: RouteMethods, fapi: Fapi & { verificationCode: string }): void {
  const { store, instance } = fapi;
  const answer = (c: Context, signUp: SignUp, client: Client) => envelope(c, fapi, signUpJSON(signUp, instance.userSettings), client);

  routes.post("/v1/client/sign_ups", async (c) => {
    const client = devBrowserClient(c, store);
    const form = await readForm(c);
    // Everything is checked before the sign-up is made: a refused form leaves the client as it was.
    const invited = invitationChange(store, instance, form, null);
    const change = { ...checkSignUpFields(store, instance.userSettings, form), ...invited };
    const signUp = applySignUpChange(store, store.createSignUp(client.id), change);
    completeSignUpIfReady(store, instance.userSettings, client, signUp);
    return answer(c, signUp, client);
  });

  routes.get("/v1/client/sign_ups/:id", async (c) => {
    const client = devBrowserClient(c, store);
    return answer(c, clientSignUp(store, client, c.req.param("id")), client);
  });

  routes.patch("/v1/client/sign_ups/:id", async (c) => {
    const client = devBrowserClient(c, store);
    const signUp = clientSignUp(store, client, c.req.param("id"));
    const form = await readForm(c);
    const invited = invitationChange(store, instance, form, signUp);
    applySignUpChange(store, signUp, { ...checkSignUpFields(store, instance.userSettings, form), ...invited });
    completeSignUpIfReady(store, instance.userSettings, client, signUp);
    return answer(c, signUp, client);
  });

  routes.post("/v1/client/sign_ups/:id/prepare_verification", async (c) => {
    const client = devBrowserClient(c, store);
    const signUp = clientSignUp(store, client, c.req.param("id"));
    prepareSignUpVerification(store, instance.userSettings, signUp, (await readForm(c)).strategy);
    return answer(c, signUp, client);
  });

  routes.post("/v1/client/sign_ups/:id/attempt_verification", async (c) => {
    const client = devBrowserClient(c, store);
    const signUp = clientSignUp(store, client, c.req.param("id"));
    attemptSignUpVerification(store, instance.userSettings, fapi.verificationCode, client, signUp, await readForm(c));
    return answer(c, signUp, client);
  });
}

// `/v1/client/sign_ups`: what <SignUp/> calls.
import type { Hono } from "hono";
import type { LocalClerk } from "../context";
import { readForm } from "../http/body";
import { signUpJSON } from "../json/sign-up";
import { clientSignUp, devBrowserClient, envelope } from "./client-context";
import { applySignUpFields, attemptSignUpVerification, completeSignUpIfReady, newSignUp, prepareSignUpVerification } from "./sign-up";

export function registerSignUpRoutes(app: Hono, clerk: LocalClerk): void {
  const { store } = clerk;

  app.post("/v1/client/sign_ups", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signUp = newSignUp();
    applySignUpFields(clerk, signUp, await readForm(c));
    store.signUps.set(signUp.id, signUp);
    client.sign_up_id = signUp.id;
    return envelope(c, clerk, signUpJSON(signUp), client);
  });

  app.get("/v1/client/sign_ups/:id", async (c) => {
    const client = devBrowserClient(c, clerk);
    return envelope(c, clerk, signUpJSON(clientSignUp(clerk, client, c.req.param("id"))), client);
  });

  app.patch("/v1/client/sign_ups/:id", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signUp = clientSignUp(clerk, client, c.req.param("id"));
    applySignUpFields(clerk, signUp, await readForm(c));
    completeSignUpIfReady(clerk, client, signUp);
    return envelope(c, clerk, signUpJSON(signUp), client);
  });

  app.post("/v1/client/sign_ups/:id/prepare_verification", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signUp = clientSignUp(clerk, client, c.req.param("id"));
    prepareSignUpVerification(signUp, (await readForm(c)).strategy);
    return envelope(c, clerk, signUpJSON(signUp), client);
  });

  app.post("/v1/client/sign_ups/:id/attempt_verification", async (c) => {
    const client = devBrowserClient(c, clerk);
    const signUp = clientSignUp(clerk, client, c.req.param("id"));
    attemptSignUpVerification(clerk, client, signUp, (await readForm(c)).code);
    return envelope(c, clerk, signUpJSON(signUp), client);
  });
}

// `/v1/me/email_addresses`: what <UserProfile/>'s "Email addresses" section calls.
import type { Context } from "hono";
import { readForm } from "../http/body";
import type { RouteMethods } from "../http/routes";
import { emailAddressJSON } from "../json/user";
import { currentUser, envelope, type Fapi } from "./client-context";
import { addEmailAddress, attemptEmailVerification, deleteEmailAddress, ownEmailAddress, prepareEmailVerification } from "./email-addresses";

export function declareEmailAddressRoutes(routes: RouteMethods, fapi: Fapi & { verificationCode: string }): void {
  const { store, instance } = fapi;

  // The list is a bare array (the spec's Server.UserEmailAddresses), unlike the single address.
  routes.get("/v1/me/email_addresses", (c) => {
    const { user } = currentUser(c, store);
    return c.json(user.email_addresses.map(emailAddressJSON));
  });

  const create = async (c: Context) => {
    const { client, user } = currentUser(c, store);
    const form = await readForm(c);
    return envelope(c, fapi, emailAddressJSON(addEmailAddress(store, instance.userSettings, user, form.email_address)), client);
  };
  routes.post("/v1/me/email_addresses", create);
  // clerk-js builds this path with a trailing slash (`…/email_addresses/`).
  routes.post("/v1/me/email_addresses/", create);

  routes.get("/v1/me/email_addresses/:id", async (c) => {
    const { client, user } = currentUser(c, store);
    return envelope(c, fapi, emailAddressJSON(ownEmailAddress(user, c.req.param("id"))), client);
  });

  routes.post("/v1/me/email_addresses/:id/prepare_verification", async (c) => {
    const { client, user } = currentUser(c, store);
    const email = ownEmailAddress(user, c.req.param("id"));
    const form = await readForm(c);
    return envelope(c, fapi, emailAddressJSON(prepareEmailVerification(store, user, email, form.strategy)), client);
  });

  routes.post("/v1/me/email_addresses/:id/attempt_verification", async (c) => {
    const { client, user } = currentUser(c, store);
    const email = ownEmailAddress(user, c.req.param("id"));
    const form = await readForm(c);
    return envelope(c, fapi, emailAddressJSON(attemptEmailVerification(store, fapi.verificationCode, user, email, form.code)), client);
  });

  routes.delete("/v1/me/email_addresses/:id", async (c) => {
    const { client, user } = currentUser(c, store);
    const email = ownEmailAddress(user, c.req.param("id"));
    deleteEmailAddress(store, instance.userSettings, user, email);
    return envelope(c, fapi, { object: "email_address", id: email.id, deleted: true }, client);
  });
}

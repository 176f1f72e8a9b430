// `/v1/me/email_addresses`: what <UserProfile/>'s "Email addresses" section calls.
import type { Context, Hono } from "hono";
import type { LocalClerk } from "../context";
import { readForm } from "../http/body";
import { emailAddressJSON } from "../json/user";
import { currentUser, envelope } from "./client-context";
import {
  addEmailAddress,
  attemptEmailVerification,
  deleteEmailAddress,
  ownEmailAddress,
  prepareEmailVerification,
} from "./email-addresses";

export function registerEmailAddressRoutes(app: Hono, clerk: LocalClerk): void {
  // The list is a bare array (the spec's Server.UserEmailAddresses), unlike the single address.
  app.get("/v1/me/email_addresses", (c) => {
    const { user } = currentUser(c, clerk);
    return c.json(user.email_addresses.map(emailAddressJSON));
  });

  const create = async (c: Context) => {
    const { client, user } = currentUser(c, clerk);
    const form = await readForm(c);
    const email = addEmailAddress(clerk, user, form.email_address);
    return envelope(c, clerk, emailAddressJSON(email), client);
  };
  app.post("/v1/me/email_addresses", create);
  // clerk-js builds this path with a trailing slash (`…/email_addresses/`).
  app.post("/v1/me/email_addresses/", create);

  app.get("/v1/me/email_addresses/:id", async (c) => {
    const { client, user } = currentUser(c, clerk);
    return envelope(c, clerk, emailAddressJSON(ownEmailAddress(user, c.req.param("id"))), client);
  });

  app.post("/v1/me/email_addresses/:id/prepare_verification", async (c) => {
    const { client, user } = currentUser(c, clerk);
    const email = ownEmailAddress(user, c.req.param("id"));
    const form = await readForm(c);
    prepareEmailVerification(email, form.strategy);
    return envelope(c, clerk, emailAddressJSON(email), client);
  });

  app.post("/v1/me/email_addresses/:id/attempt_verification", async (c) => {
    const { client, user } = currentUser(c, clerk);
    const email = ownEmailAddress(user, c.req.param("id"));
    const form = await readForm(c);
    attemptEmailVerification(clerk, user, email, form.code);
    return envelope(c, clerk, emailAddressJSON(email), client);
  });

  app.delete("/v1/me/email_addresses/:id", async (c) => {
    const { client, user } = currentUser(c, clerk);
    const email = ownEmailAddress(user, c.req.param("id"));
    deleteEmailAddress(clerk, user, email);
    return envelope(c, clerk, { object: "email_address", id: email.id, deleted: true }, client);
  });
}

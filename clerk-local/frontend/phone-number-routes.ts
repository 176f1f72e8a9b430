// `/v1/me/phone_numbers`: what <UserProfile/>'s "Phone numbers" section calls.
import type { Context } from "hono";
import { readForm } from "../http/body";
import type { RouteMethods } from "../http/routes";
import { phoneNumberJSON } from "../json/user";
import { currentUser, envelope, type Fapi } from "./client-context";
import { addPhoneNumber, attemptPhoneVerification, deletePhoneNumber, ownPhoneNumber, preparePhoneVerification } from "./phone-numbers";

export function declarePhoneNumberRoutes(routes: RouteMethods, fapi: Fapi & { verificationCode: string }): void {
  const { store, instance } = fapi;

  // The list is a bare array (the spec's Server.UserPhoneNumbers), unlike the single number.
  routes.get("/v1/me/phone_numbers", (c) => {
    const { user } = currentUser(c, store);
    return c.json(user.phone_numbers.map(phoneNumberJSON));
  });

  const create = async (c: Context) => {
    const { client, user } = currentUser(c, store);
    const form = await readForm(c);
    return envelope(c, fapi, phoneNumberJSON(addPhoneNumber(store, instance.userSettings, user, form.phone_number)), client);
  };
  routes.post("/v1/me/phone_numbers", create);
  // clerk-js builds this path with a trailing slash (`…/phone_numbers/`).
  routes.post("/v1/me/phone_numbers/", create);

  routes.get("/v1/me/phone_numbers/:id", async (c) => {
    const { client, user } = currentUser(c, store);
    return envelope(c, fapi, phoneNumberJSON(ownPhoneNumber(user, c.req.param("id"))), client);
  });

  routes.post("/v1/me/phone_numbers/:id/prepare_verification", async (c) => {
    const { client, user } = currentUser(c, store);
    const phone = ownPhoneNumber(user, c.req.param("id"));
    const form = await readForm(c);
    return envelope(c, fapi, phoneNumberJSON(preparePhoneVerification(store, user, phone, form.strategy)), client);
  });

  routes.post("/v1/me/phone_numbers/:id/attempt_verification", async (c) => {
    const { client, user } = currentUser(c, store);
    const phone = ownPhoneNumber(user, c.req.param("id"));
    const form = await readForm(c);
    return envelope(c, fapi, phoneNumberJSON(attemptPhoneVerification(store, fapi.verificationCode, user, phone, form.code)), client);
  });

  routes.delete("/v1/me/phone_numbers/:id", async (c) => {
    const { client, user } = currentUser(c, store);
    const phone = ownPhoneNumber(user, c.req.param("id"));
    deletePhoneNumber(store, instance.userSettings, user, phone);
    return envelope(c, fapi, { object: "phone_number", id: phone.id, deleted: true }, client);
  });
}

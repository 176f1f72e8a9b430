// `/v1/me/email_addresses` and `/v1/me/phone_numbers`: what <UserProfile/>'s "Email addresses" and
// "Phone numbers" sections call.
import type { Context } from "hono";
import { readForm } from "../http/body";
import type { RouteMethods } from "../http/routes";
import { emailAddressJSON, phoneNumberJSON } from "../json/user";
import { deleteIdentification, EMAIL_ADDRESSES, PHONE_NUMBERS, type Identification, type IdentificationKind } from "../state/identifications";
import type { EmailAddress, PhoneNumber } from "../state/records";
import { currentUser, envelope, type Fapi } from "./client-context";
import { addIdentification, attemptVerification, ownIdentification, prepareVerification } from "./identifications";

const SECTIONS: { kind: IdentificationKind; path: string; json: (identification: Identification) => unknown }[] = [
  { kind: EMAIL_ADDRESSES, path: "/v1/me/email_addresses", json: (identification) => emailAddressJSON(identification as EmailAddress) },
  { kind: PHONE_NUMBERS, path: "/v1/me/phone_numbers", json: (identification) => phoneNumberJSON(identification as PhoneNumber) },
];

export function declareIdentificationRoutes(routes: RouteMethods, fapi: Fapi & { verificationCode: string }): void {
  const { store, instance } = fapi;

  for (const { kind, path, json } of SECTIONS) {
    // The list is a bare array (the spec's Server.UserEmailAddresses / UserPhoneNumbers), unlike one of them.
    routes.get(path, (c) => c.json(kind.list(currentUser(c, store).user).map(json)));

    const create = async (c: Context) => {
      const { client, user } = currentUser(c, store);
      const form = await readForm(c);
      return envelope(c, fapi, json(addIdentification(store, instance.userSettings, kind, user, form[kind.name])), client);
    };
    routes.post(path, create);
    // clerk-js builds this path with a trailing slash (`…/email_addresses/`).
    routes.post(`${path}/`, create);

    routes.get(`${path}/:id`, async (c) => {
      const { client, user } = currentUser(c, store);
      return envelope(c, fapi, json(ownIdentification(kind, user, c.req.param("id"))), client);
    });

    routes.post(`${path}/:id/prepare_verification`, async (c) => {
      const { client, user } = currentUser(c, store);
      const identification = ownIdentification(kind, user, c.req.param("id"));
      const form = await readForm(c);
      return envelope(c, fapi, json(prepareVerification(store, kind, user, identification, form.strategy)), client);
    });

    routes.post(`${path}/:id/attempt_verification`, async (c) => {
      const { client, user } = currentUser(c, store);
      const identification = ownIdentification(kind, user, c.req.param("id"));
      const form = await readForm(c);
      return envelope(c, fapi, json(attemptVerification(store, kind, fapi.verificationCode, user, identification, form.code)), client);
    });

    routes.delete(`${path}/:id`, async (c) => {
      const { client, user } = currentUser(c, store);
      const identification = ownIdentification(kind, user, c.req.param("id"));
      deleteIdentification(store, instance.userSettings, kind, user, identification);
      return envelope(c, fapi, { object: kind.name, id: identification.id, deleted: true }, client);
    });
  }
}

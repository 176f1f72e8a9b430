// `/v1/email_addresses` and `/v1/phone_numbers`: what clerkClient.emailAddresses and .phoneNumbers call.
import type { z } from "zod";
import { readJson } from "../http/body";
import { notFound } from "../http/errors";
import { parseInput } from "../http/input";
import type { RouteMethods } from "../http/routes";
import { emailAddressJSON, phoneNumberJSON } from "../json/user";
import type { Instance } from "../settings/instance";
import type { EmailAddress, PhoneNumber } from "../state/records";
import type { Store } from "../state/store";
import { CreateEmailAddressBodySchema, CreatePhoneNumberBodySchema, UpdateEmailAddressBodySchema, UpdatePhoneNumberBodySchema } from "./bodies";
import { deleteIdentification, EMAIL_ADDRESSES, PHONE_NUMBERS, type IdentificationKind } from "../state/identifications";
import { addIdentification, findIdentification, updateIdentification } from "./identifications";

type Api = {
  kind: IdentificationKind;
  path: string;
  create: z.ZodType<{ user_id: string; value: string; verified?: boolean | null; primary?: boolean | null }>;
  update: z.ZodType<{ verified?: boolean | null; primary?: boolean | null }>;
  json: (identification: EmailAddress | PhoneNumber) => unknown;
};

const APIS: Api[] = [
  {
    kind: EMAIL_ADDRESSES,
    path: "/v1/email_addresses",
    create: CreateEmailAddressBodySchema.transform(({ email_address: value, ...rest }) => ({ ...rest, value })),
    update: UpdateEmailAddressBodySchema,
    json: (identification) => emailAddressJSON(identification as EmailAddress),
  },
  {
    kind: PHONE_NUMBERS,
    path: "/v1/phone_numbers",
    create: CreatePhoneNumberBodySchema.transform(({ phone_number: value, ...rest }) => ({ ...rest, value })),
    update: UpdatePhoneNumberBodySchema,
    json: (identification) => phoneNumberJSON(identification as PhoneNumber),
  },
];

export function declareIdentificationRoutes(routes: RouteMethods, { store, instance }: { store: Store; instance: Instance }): void {
  for (const { kind, path, create, update, json } of APIS) {
    routes.post(path, async (c) => {
      const body = parseInput(create, await readJson(c, { jsonOnly: true }));
      const user = store.user(body.user_id);
      if (!user) throw notFound("user");
      const input = { kind, user, value: body.value, verified: body.verified ?? false, primary: body.primary ?? false };
      return c.json(json(addIdentification(store, instance.userSettings, input)));
    });

    routes.get(`${path}/:id`, (c) => c.json(json(findIdentification(store, kind, c.req.param("id")).identification)));

    routes.patch(`${path}/:id`, async (c) => {
      const owned = findIdentification(store, kind, c.req.param("id"));
      const body = parseInput(update, await readJson(c, { jsonOnly: true }));
      return c.json(json(updateIdentification(store, owned, { verified: body.verified ?? undefined, primary: body.primary ?? undefined })));
    });

    routes.delete(`${path}/:id`, (c) => {
      const owned = findIdentification(store, kind, c.req.param("id"));
      deleteIdentification(store, instance.userSettings, kind, owned.user, owned.identification);
      return c.json({ object: kind.name, id: owned.identification.id, deleted: true });
    });
  }
}

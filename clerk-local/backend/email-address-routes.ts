// `/v1/email_addresses`: what clerkClient.emailAddresses calls.
import { readJson } from "../http/body";
import { notFound } from "../http/errors";
import { parseInput } from "../http/input";
import type { RouteMethods } from "../http/routes";
import { emailAddressJSON } from "../json/user";
import type { Instance } from "../settings/instance";
import type { Store } from "../state/store";
import { CreateEmailAddressBodySchema, UpdateEmailAddressBodySchema } from "./bodies";
import { addAddress, deleteAddress, findAddress, updateAddress } from "./email-addresses";

export function declareEmailAddressRoutes(routes: RouteMethods, { store, instance }: { store: Store; instance: Instance }): void {
  routes.post("/v1/email_addresses", async (c) => {
    const body = parseInput(CreateEmailAddressBodySchema, await readJson(c, { jsonOnly: true }));
    const user = store.user(body.user_id);
    if (!user) throw notFound("user");
    const address = addAddress(store, instance.userSettings, { user, address: body.email_address, verified: body.verified ?? false, primary: body.primary ?? false });
    return c.json(emailAddressJSON(address));
  });

  routes.get("/v1/email_addresses/:id", (c) => c.json(emailAddressJSON(findAddress(store, c.req.param("id")).address)));

  routes.patch("/v1/email_addresses/:id", async (c) => {
    const owned = findAddress(store, c.req.param("id"));
    const body = parseInput(UpdateEmailAddressBodySchema, await readJson(c, { jsonOnly: true }));
    const change = { verified: body.verified ?? undefined, primary: body.primary ?? undefined };
    return c.json(emailAddressJSON(updateAddress(store, owned, change)));
  });

  routes.delete("/v1/email_addresses/:id", (c) => {
    const owned = findAddress(store, c.req.param("id"));
    deleteAddress(store, instance.userSettings, owned);
    return c.json({ object: "email_address", id: owned.address.id, deleted: true });
  });
}

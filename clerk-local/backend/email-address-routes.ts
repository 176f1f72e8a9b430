// `/v1/email_addresses`: what clerkClient.emailAddresses calls.
import type { Hono } from "hono";
import type { LocalClerk } from "../context";
import { notFound } from "../http/errors";
import { emailAddressJSON } from "../json/user";
import { addAddress, deleteAddress, findAddress, normalizedAddress, updateAddress } from "./email-addresses";
import { optionalBoolean, readJson, rejectUnknownParams, requiredString } from "./input";

const CREATE_PARAMS = ["user_id", "email_address", "verified", "primary", "notify_primary_email_address_changed"];
const UPDATE_PARAMS = ["verified", "primary", "notify_primary_email_address_changed"];

export function registerEmailAddressRoutes(app: Hono, clerk: LocalClerk): void {
  const { store } = clerk;

  app.post("/v1/email_addresses", async (c) => {
    const body = await readJson(c);
    rejectUnknownParams(body, CREATE_PARAMS);
    const userId = requiredString(body, "user_id");
    const address = normalizedAddress(requiredString(body, "email_address"));
    const verified = optionalBoolean(body, "verified") ?? false;
    const primary = optionalBoolean(body, "primary") ?? false;
    optionalBoolean(body, "notify_primary_email_address_changed");
    const user = store.users.get(userId);
    if (!user) throw notFound("user");
    return c.json(emailAddressJSON(addAddress(store, { user, address, verified, primary })));
  });

  app.get("/v1/email_addresses/:id", (c) => c.json(emailAddressJSON(findAddress(store, c.req.param("id")).address)));

  app.patch("/v1/email_addresses/:id", async (c) => {
    const owned = findAddress(store, c.req.param("id"));
    const body = await readJson(c);
    rejectUnknownParams(body, UPDATE_PARAMS);
    const change = { verified: optionalBoolean(body, "verified"), primary: optionalBoolean(body, "primary") };
    optionalBoolean(body, "notify_primary_email_address_changed");
    return c.json(emailAddressJSON(updateAddress(store, owned, change)));
  });

  app.delete("/v1/email_addresses/:id", (c) => {
    const owned = findAddress(store, c.req.param("id"));
    deleteAddress(store, owned);
    return c.json({ object: "email_address", id: owned.address.id, deleted: true });
  });
}

// `/v1/users`: what clerkClient.users and @clerk/testing call.
import type { Hono } from "hono";
import type { LocalClerk } from "../context";
import { formError, notFound } from "../http/errors";
import { userJSON } from "../json/user";
import { checkNewPassword } from "../state/identity-rules";
import { hashPassword, type User } from "../state/store";
import { emailList, limitQuery, offsetQuery, optionalObject, optionalString, readJson } from "./input";
import { filterUsers, mergeMetadata, orderUsers } from "./users";

export function registerUserRoutes(app: Hono, clerk: LocalClerk): void {
  const { store } = clerk;
  const userOr404 = (id: string) => {
    const user = store.users.get(id);
    if (!user) throw notFound("user");
    return user;
  };
  const asJson = (user: User) => userJSON(user, clerk.publicUrl, "backend");

  app.get("/v1/users", (c) => {
    const limit = limitQuery(c);
    const offset = offsetQuery(c);
    const users = orderUsers(c, filterUsers(c, [...store.users.values()]));
    return c.json(users.slice(offset, offset + limit).map(asJson));
  });

  app.get("/v1/users/count", (c) =>
    c.json({ object: "total_count", total_count: filterUsers(c, [...store.users.values()]).length }),
  );

  app.get("/v1/users/:id", (c) => c.json(asJson(userOr404(c.req.param("id")))));

  app.post("/v1/users", async (c) => {
    const body = await readJson(c);
    const emails = emailList(body);
    const password = optionalString(body, "password");
    const username = optionalString(body, "username");
    if (emails.length === 0 && !username) {
      throw formError("form_param_missing", "email_address or username must be included.", "email_address");
    }
    const taken = emails.find((email) => store.findUserByEmail(email));
    if (taken) throw formError("form_identifier_exists", "That email address is taken. Please try another.", "email_address");
    if (username && store.findUserByUsername(username)) {
      throw formError("form_identifier_exists", "That username is taken. Please try another.", "username");
    }
    if (!password && body.skip_password_requirement !== true && body.password_digest === undefined) {
      throw formError("form_password_missing", "Enter password.", "password");
    }
    checkNewPassword(password);
    const user = store.createUser({
      email_addresses: emails,
      password,
      username,
      first_name: optionalString(body, "first_name"),
      last_name: optionalString(body, "last_name"),
      external_id: optionalString(body, "external_id"),
      public_metadata: optionalObject(body, "public_metadata"),
      private_metadata: optionalObject(body, "private_metadata"),
      unsafe_metadata: optionalObject(body, "unsafe_metadata"),
    });
    return c.json(asJson(user));
  });

  app.patch("/v1/users/:id", async (c) => {
    const user = userOr404(c.req.param("id"));
    const body = await readJson(c);
    const username = optionalString(body, "username");
    if (username && username !== user.username && store.findUserByUsername(username)) {
      throw formError("form_identifier_exists", "That username is taken. Please try another.", "username");
    }
    const password = optionalString(body, "password");
    checkNewPassword(password);
    const primary = optionalString(body, "primary_email_address_id");
    if (primary && !user.email_addresses.some((e) => e.id === primary)) {
      throw formError("form_param_value_invalid", "primary_email_address_id is not one of this user's addresses", "primary_email_address_id");
    }
    const firstName = optionalString(body, "first_name");
    const lastName = optionalString(body, "last_name");
    const externalId = optionalString(body, "external_id");
    if (firstName !== undefined) user.first_name = firstName;
    if (lastName !== undefined) user.last_name = lastName;
    if (username !== undefined) user.username = username;
    if (externalId !== undefined) user.external_id = externalId;
    if (password) user.password_hash = hashPassword(password);
    if (primary) user.primary_email_address_id = primary;
    user.public_metadata = optionalObject(body, "public_metadata") ?? user.public_metadata;
    user.private_metadata = optionalObject(body, "private_metadata") ?? user.private_metadata;
    user.unsafe_metadata = optionalObject(body, "unsafe_metadata") ?? user.unsafe_metadata;
    store.touchUser(user);
    return c.json(asJson(user));
  });

  app.patch("/v1/users/:id/metadata", async (c) => {
    const user = userOr404(c.req.param("id"));
    const body = await readJson(c);
    const patches = (["public_metadata", "private_metadata", "unsafe_metadata"] as const).map((key) => [key, optionalObject(body, key)] as const);
    for (const [key, patch] of patches) if (patch) user[key] = mergeMetadata(user[key], patch);
    store.touchUser(user);
    return c.json(asJson(user));
  });

  app.delete("/v1/users/:id", (c) => {
    const id = c.req.param("id");
    if (!store.deleteUser(id)) throw notFound("user");
    return c.json({ object: "user", id, deleted: true });
  });
}

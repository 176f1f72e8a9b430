// `/v1/users`: what clerkClient.users and @clerk/testing call.
import type { Hono } from "hono";
import type { LocalClerk } from "../context";
import { ClerkError, formError, notFound } from "../http/errors";
import { userJSON } from "../json/user";
import { checkNewPassword } from "../state/identity-rules";
import { hashPassword, passwordMatches, type User } from "../state/store";
import {
  emailList,
  limitQuery,
  offsetQuery,
  optionalBoolean,
  optionalObject,
  optionalString,
  readJson,
  rejectUnknownParams,
  requiredString,
} from "./input";
import { isPlainObject, mergeMetadata } from "../state/metadata";
import { afterCursor, filterUsers, orderUsers, readOrder } from "./users";

const METADATA_KEYS = ["public_metadata", "private_metadata", "unsafe_metadata"] as const;

/** What PATCH /v1/users/{id} takes as of 2026-05-12 (metadata moved to /metadata). */
const UPDATE_PARAMS = [
  "external_id",
  "first_name",
  "last_name",
  "locale",
  "primary_email_address_id",
  "notify_primary_email_address_changed",
  "primary_phone_number_id",
  "primary_web3_wallet_id",
  "username",
  "profile_image_id",
  "password",
  "password_digest",
  "password_hasher",
  "skip_password_checks",
  "sign_out_of_other_sessions",
  "totp_secret",
  "backup_codes",
  "delete_self_enabled",
  "create_organization_enabled",
  "legal_accepted_at",
  "skip_legal_checks",
  "create_organizations_limit",
  "created_at",
  "bypass_client_trust",
];

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
    const order = readOrder(c);
    const users = afterCursor(c, order, offset, orderUsers(order, filterUsers(c, [...store.users.values()])));
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
    // Every check before the first change: a refused update changes nothing.
    rejectUnknownParams(body, UPDATE_PARAMS, "Metadata is updated with PATCH or PUT /v1/users/{user_id}/metadata.");
    const username = optionalString(body, "username");
    if (username && username.toLowerCase() !== user.username?.toLowerCase() && store.findUserByUsername(username)) {
      throw formError("form_identifier_exists", "That username is taken. Please try another.", "username");
    }
    const externalId = optionalString(body, "external_id");
    if (externalId && externalId !== user.external_id && [...store.users.values()].some((u) => u.external_id === externalId)) {
      throw formError("form_identifier_exists", "That external ID is taken. Please try another.", "external_id");
    }
    const password = optionalString(body, "password");
    checkNewPassword(password);
    const signOutOthers = optionalBoolean(body, "sign_out_of_other_sessions");
    optionalBoolean(body, "notify_primary_email_address_changed");
    const primary = optionalString(body, "primary_email_address_id");
    if (primary) {
      const address = user.email_addresses.find((e) => e.id === primary);
      if (!address) {
        throw formError("form_param_value_invalid", "primary_email_address_id is not one of this user's addresses", "primary_email_address_id");
      }
      if (address.verification?.status !== "verified") {
        throw formError("form_param_value_invalid", "Only a verified email address can be primary.", "primary_email_address_id");
      }
    }
    const firstName = optionalString(body, "first_name");
    const lastName = optionalString(body, "last_name");
    if (firstName !== undefined) user.first_name = firstName;
    if (lastName !== undefined) user.last_name = lastName;
    // null or "" removes the username.
    if (username !== undefined) user.username = username || null;
    if (externalId !== undefined) user.external_id = externalId || null;
    if (password) user.password_hash = hashPassword(password);
    if (primary) user.primary_email_address_id = primary;
    store.touchUser(user);
    if (password && signOutOthers) {
      for (const session of store.sessions.values()) {
        if (session.user_id === user.id && session.status === "active") store.endSession(session, "revoked");
      }
    }
    return c.json(asJson(user));
  });

  app.patch("/v1/users/:id/metadata", async (c) => {
    const user = userOr404(c.req.param("id"));
    const body = await readJson(c);
    rejectUnknownParams(body, METADATA_KEYS);
    const patches = METADATA_KEYS.map((key) => [key, optionalObject(body, key)] as const);
    for (const [key, patch] of patches) if (patch) user[key] = mergeMetadata(user[key], patch);
    store.touchUser(user);
    return c.json(asJson(user));
  });

  // Replace: each field sent is overwritten whole; fields not sent stay as they are.
  app.put("/v1/users/:id/metadata", async (c) => {
    const user = userOr404(c.req.param("id"));
    const body = await readJson(c);
    rejectUnknownParams(body, METADATA_KEYS);
    const replacements = METADATA_KEYS.flatMap((key) => {
      if (body[key] === undefined) return [];
      // @clerk/backend documents `null` as a way to clear a field; the user JSON keeps objects, so
      // it is stored as the empty object.
      if (body[key] === null) return [[key, {}] as const];
      return [[key, optionalObject(body, key) ?? {}] as const];
    });
    for (const [key, value] of replacements) user[key] = isPlainObject(value) ? { ...value } : {};
    store.touchUser(user);
    return c.json(asJson(user));
  });

  app.post("/v1/users/:id/verify_password", async (c) => {
    const user = userOr404(c.req.param("id"));
    const body = await readJson(c);
    rejectUnknownParams(body, ["password"]);
    const password = requiredString(body, "password");
    if (!user.password_hash) {
      throw new ClerkError({
        status: 400,
        code: "password_not_set",
        message: "The user does not have a password set.",
        longMessage: "This user has no password to verify against.",
      });
    }
    if (!passwordMatches(user.password_hash, password)) {
      throw formError("form_password_incorrect", "Password is incorrect. Try again, or use another method.", "password");
    }
    return c.json({ verified: true });
  });

  app.delete("/v1/users/:id", (c) => {
    const id = c.req.param("id");
    if (!store.deleteUser(id)) throw notFound("user");
    return c.json({ object: "user", id, deleted: true });
  });
}

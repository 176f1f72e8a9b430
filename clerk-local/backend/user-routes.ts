// `/v1/users`: what clerkClient.users and @clerk/testing call.
import type { Context } from "hono";
import { readJson } from "../http/body";
import { parseInput } from "../http/input";
import type { RouteMethods } from "../http/routes";
import { userJSON } from "../json/user";
import type { Instance } from "../settings/instance";
import type { User } from "../state/records";
import type { Store } from "../state/store";
import { CreateUserBodySchema, MetadataBodySchema, UpdateUserBodySchema, VerifyPasswordBodySchema } from "./bodies";
import { limitQuery, offsetQuery } from "./query";
import { afterCursor, filterUsers, orderUsers, readOrder } from "./user-list";
import { createUser, mergeUserMetadata, replaceUserMetadata, updateUser, userOr404, verifyPassword } from "./users";

export function declareUserRoutes(routes: RouteMethods, bapi: { store: Store; instance: Instance; avatarBaseUrl: () => string }): void {
  const { store, instance } = bapi;
  const asJson = (user: User) => userJSON(user, bapi.avatarBaseUrl(), "backend");
  const body = async (c: Context) => readJson(c, { jsonOnly: true });

  routes.get("/v1/users", (c) => {
    const limit = limitQuery(c);
    const offset = offsetQuery(c);
    const order = readOrder(c);
    const users = afterCursor(c, order, offset, orderUsers(order, filterUsers(c, store.users())));
    return c.json(users.slice(offset, offset + limit).map(asJson));
  });

  routes.get("/v1/users/count", (c) => c.json({ object: "total_count", total_count: filterUsers(c, store.users()).length }));

  routes.get("/v1/users/:id", (c) => c.json(asJson(userOr404(store, c.req.param("id")))));

  routes.post("/v1/users", async (c) => c.json(asJson(createUser(store, instance.userSettings, parseInput(CreateUserBodySchema, await body(c))))));

  routes.patch("/v1/users/:id", async (c) => {
    const user = userOr404(store, c.req.param("id"));
    return c.json(asJson(updateUser(store, instance.userSettings, user, parseInput(UpdateUserBodySchema, await body(c)))));
  });

  routes.patch("/v1/users/:id/metadata", async (c) => {
    const user = userOr404(store, c.req.param("id"));
    return c.json(asJson(mergeUserMetadata(store, user, parseInput(MetadataBodySchema, await body(c)))));
  });

  routes.put("/v1/users/:id/metadata", async (c) => {
    const user = userOr404(store, c.req.param("id"));
    return c.json(asJson(replaceUserMetadata(store, user, parseInput(MetadataBodySchema, await body(c)))));
  });

  routes.post("/v1/users/:id/verify_password", async (c) => {
    const user = userOr404(store, c.req.param("id"));
    verifyPassword(user, parseInput(VerifyPasswordBodySchema, await body(c)).password);
    return c.json({ verified: true });
  });

  routes.delete("/v1/users/:id", (c) => {
    const id = c.req.param("id");
    userOr404(store, id);
    store.deleteUser(id);
    return c.json({ object: "user", id, deleted: true });
  });
}

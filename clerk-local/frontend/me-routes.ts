// `/v1/me`: the signed-in user, as <UserButton/> and <UserProfile/> ("Manage account") read and change it.
import type { Context } from "hono";
import { readForm } from "../http/body";
import type { RouteMethods } from "../http/routes";
import { imageJSON } from "../json/image";
import { activeSessionJSON, sessionJSON } from "../json/session";
import { userJSON } from "../json/user";
import type { Client, User } from "../state/records";
import { changePassword, mergeUnsafeMetadata, updateProfile } from "./account";
import { activeSessionsOf, latestActivityJSON, revokeOwnSession } from "./active-sessions";
import { currentUser, devBrowserClient, envelope, type Fapi } from "./client-context";
import { acceptProfileImage, readUpload } from "./profile-image";

export function declareMeRoutes(routes: RouteMethods, fapi: Fapi): void {
  const { store, instance } = fapi;
  const userResponse = (c: Context, user: User, client: Client) => envelope(c, fapi, userJSON(user, fapi.avatarBaseUrl(), "frontend"), client);

  routes.get("/v1/me", async (c) => {
    const { client, user } = currentUser(c, store);
    return userResponse(c, user, client);
  });

  // <UserProfile/>'s "Update profile" form and "Set as primary".
  routes.patch("/v1/me", async (c) => {
    const { client, user } = currentUser(c, store);
    return userResponse(c, updateProfile(store, instance.userSettings, user, await readForm(c)), client);
  });

  // "Delete account": the user goes through the store, so `user.deleted` is announced and every
  // session of theirs, in any browser, ends.
  routes.delete("/v1/me", async (c) => {
    const { client, user } = currentUser(c, store);
    store.deleteUser(user.id);
    return envelope(c, fapi, { object: "user", id: user.id, deleted: true }, client);
  });

  routes.patch("/v1/me/metadata", async (c) => {
    const { client, user } = currentUser(c, store);
    return userResponse(c, mergeUnsafeMetadata(store, user, await readForm(c)), client);
  });

  routes.post("/v1/me/change_password", async (c) => {
    const { client, session, user } = currentUser(c, store);
    return userResponse(c, changePassword(store, instance.userSettings, user, session, await readForm(c)), client);
  });

  routes.post("/v1/me/profile_image", async (c) => {
    const { client, user } = currentUser(c, store);
    const image = acceptProfileImage(user, await readUpload(c));
    store.setProfileImage(user.id, image);
    return envelope(c, fapi, imageJSON(image, fapi.avatarBaseUrl()), client);
  });

  routes.delete("/v1/me/profile_image", async (c) => {
    const { client, user } = currentUser(c, store);
    const id = user.image_id;
    if (id) store.setProfileImage(user.id, null);
    return envelope(c, fapi, { object: "image", id: id ?? "", deleted: true }, client);
  });

  // "Active devices": a bare array, unlike almost every other Frontend API answer.
  const activeSessions = (c: Context) => {
    const { user } = currentUser(c, store);
    return c.json(activeSessionsOf(store, user).map((session) => activeSessionJSON(session, latestActivityJSON(session))));
  };
  routes.get("/v1/me/sessions/active", activeSessions);
  routes.get("/v1/me/sessions", activeSessions);

  routes.post("/v1/me/sessions/:id/revoke", async (c) => {
    const { client, user } = currentUser(c, store);
    const session = revokeOwnSession(store, user, c.req.param("id"));
    // A full session (the spec's Client.Session), with the activity clerk-js keeps on its SessionWithActivities.
    const json = { ...sessionJSON(session, user, fapi.avatarBaseUrl(), null), latest_activity: latestActivityJSON(session) };
    return envelope(c, fapi, json, client);
  });

  // Lists of features this instance has off (organizations and the like): empty pages. Declared as a
  // catch-all, which is registered after every other /v1/me route (http/routes.ts).
  routes.get("/v1/me/*", async (c) => {
    const client = devBrowserClient(c, store);
    return envelope(c, fapi, { data: [], total_count: 0 }, client);
  });
}

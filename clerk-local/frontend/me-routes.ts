// `/v1/me`: the signed-in user, as <UserButton/> and <UserProfile/> ("Manage account") read and change it.
import type { Context, Hono } from "hono";
import type { LocalClerk } from "../context";
import { readForm } from "../http/body";
import { ClerkError } from "../http/errors";
import { activeSessionJSON, sessionJSON } from "../json/session";
import { userJSON } from "../json/user";
import { changePassword, mergeUnsafeMetadata, updateProfile } from "./account";
import { activeSessionsOf, latestActivityJSON, revokeOwnSession } from "./active-sessions";
import { currentUser, devBrowserClient, envelope } from "./client-context";
import { acceptProfileImage, decodeBase64Upload, imageJSON, MAX_PROFILE_IMAGE_BYTES, tooLarge, type Upload } from "./profile-image";

// Room for the multipart envelope around the largest image Clerk accepts.
const MAX_UPLOAD_BODY_BYTES = MAX_PROFILE_IMAGE_BYTES + 64 * 1024;

async function readUpload(c: Context): Promise<Upload | null> {
  if (Number(c.req.header("content-length") ?? 0) > MAX_UPLOAD_BODY_BYTES) throw tooLarge();
  const type = c.req.header("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      throw new ClerkError({ status: 400, code: "malformed_request", message: "The multipart body could not be read" });
    }
    const file = body.file;
    if (!(file instanceof Blob)) return null;
    return { bytes: new Uint8Array(await file.arrayBuffer()), name: file instanceof File ? file.name : "" };
  }
  const text = await c.req.text();
  return text ? decodeBase64Upload(text) : null;
}

export function registerMeRoutes(app: Hono, clerk: LocalClerk): void {
  const { store } = clerk;
  const userResponse = (c: Context, user: Parameters<typeof userJSON>[0], client: ReturnType<typeof devBrowserClient>) =>
    envelope(c, clerk, userJSON(user, clerk.publicUrl, "frontend"), client);

  app.get("/v1/me", async (c) => {
    const { client, user } = currentUser(c, clerk);
    return userResponse(c, user, client);
  });

  // <UserProfile/>'s "Update profile" form and "Set as primary".
  app.patch("/v1/me", async (c) => {
    const { client, user } = currentUser(c, clerk);
    updateProfile(clerk, user, await readForm(c));
    return userResponse(c, user, client);
  });

  // "Delete account": the user goes through the store, so `user.deleted` is announced and every
  // session of theirs, in any browser, ends.
  app.delete("/v1/me", async (c) => {
    const { client, user } = currentUser(c, clerk);
    store.deleteUser(user.id);
    return envelope(c, clerk, { object: "user", id: user.id, deleted: true }, client);
  });

  app.patch("/v1/me/metadata", async (c) => {
    const { client, user } = currentUser(c, clerk);
    mergeUnsafeMetadata(clerk, user, await readForm(c));
    return userResponse(c, user, client);
  });

  app.post("/v1/me/change_password", async (c) => {
    const { client, session, user } = currentUser(c, clerk);
    changePassword(clerk, user, session, await readForm(c));
    return userResponse(c, user, client);
  });

  app.post("/v1/me/profile_image", async (c) => {
    const { client, user } = currentUser(c, clerk);
    const image = acceptProfileImage(user, await readUpload(c));
    store.setProfileImage(user, image);
    return envelope(c, clerk, imageJSON(clerk, image), client);
  });

  app.delete("/v1/me/profile_image", async (c) => {
    const { client, user } = currentUser(c, clerk);
    const id = user.image_id;
    if (id) store.setProfileImage(user, null);
    return envelope(c, clerk, { object: "image", id: id ?? "", deleted: true }, client);
  });

  // "Active devices": a bare array, unlike almost every other Frontend API answer.
  const activeSessions = (c: Context) => {
    const { user } = currentUser(c, clerk);
    return c.json(activeSessionsOf(clerk, user).map((session) => activeSessionJSON(session, latestActivityJSON(session))));
  };
  app.get("/v1/me/sessions/active", activeSessions);
  app.get("/v1/me/sessions", activeSessions);

  app.post("/v1/me/sessions/:id/revoke", async (c) => {
    const { client, user } = currentUser(c, clerk);
    const session = revokeOwnSession(clerk, user, c.req.param("id"));
    // A full session (the spec's Client.Session), with the activity clerk-js keeps on its SessionWithActivities.
    const json = { ...sessionJSON(session, user, clerk.publicUrl, null), latest_activity: latestActivityJSON(session) };
    return envelope(c, clerk, json, client);
  });

  // Lists of features this instance has off (organizations and the like): empty pages.
  app.get("/v1/me/*", async (c) => {
    const client = devBrowserClient(c, clerk);
    return envelope(c, clerk, { data: [], total_count: 0 }, client);
  });
}

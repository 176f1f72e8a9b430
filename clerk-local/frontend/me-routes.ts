// `/v1/me`: the signed-in user, as <UserButton/> and <UserProfile/> ("Manage account") read and change it.
import type { Hono } from "hono";
import type { LocalClerk } from "../context";
import { readForm } from "../http/body";
import { formError } from "../http/errors";
import { userJSON } from "../json/user";
import { currentUser, devBrowserClient, envelope } from "./client-context";

export function registerMeRoutes(app: Hono, clerk: LocalClerk): void {
  const { store } = clerk;

  app.get("/v1/me", async (c) => {
    const { client, user } = currentUser(c, clerk);
    return envelope(c, clerk, userJSON(user, clerk.publicUrl, "frontend"), client);
  });

  // <UserProfile/>'s "Update profile" form.
  app.patch("/v1/me", async (c) => {
    const { client, user } = currentUser(c, clerk);
    const form = await readForm(c);
    const name = (key: "first_name" | "last_name") => {
      const value = form[key];
      if (value === undefined) return undefined;
      if (value.length > 256) throw formError("form_param_format_invalid", "Names must be 256 characters or fewer.", key);
      return value.trim() || null;
    };
    const firstName = name("first_name");
    const lastName = name("last_name");
    if (firstName !== undefined) user.first_name = firstName;
    if (lastName !== undefined) user.last_name = lastName;
    store.touchUser(user);
    return envelope(c, clerk, userJSON(user, clerk.publicUrl, "frontend"), client);
  });

  // Lists the profile screens ask for; this instance has none of these features.
  app.get("/v1/me/*", async (c) => {
    const client = devBrowserClient(c, clerk);
    return envelope(c, clerk, { data: [], total_count: 0 }, client);
  });
}

import { test as teardown } from "@playwright/test";
import { readSavedUser } from "./support/saved-user";
import { clerkBackend } from "./support/fixtures";

teardown("delete the saved user", async () => {
  await clerkBackend.users.deleteUser(readSavedUser().id);
});

// The user that auth.setup.ts signs in programmatically once per run, for specs that need a signed-in
// browser without going through the UI. Its storage state and identity live in e2e/.auth (gitignored).
import { readFileSync } from "node:fs";
import path from "node:path";

// Playwright runs from the project root.
const AUTH_DIR = path.resolve("e2e", ".auth");
export const SAVED_STATE_FILE = path.join(AUTH_DIR, "user.json");
export const SAVED_USER_FILE = path.join(AUTH_DIR, "user-info.json");

export type SavedUser = { id: string; email: string };

export function readSavedUser(): SavedUser {
  return JSON.parse(readFileSync(SAVED_USER_FILE, "utf8")) as SavedUser;
}

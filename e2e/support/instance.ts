// Switching the local Clerk's instance settings live, for the specs of the `global` project, and putting
// back this app's own instance (scripts/clerk-instance.json) afterwards.
import { readFileSync } from "node:fs";
import type { InstanceInput } from "clerk-local/controls";
import { APP_INSTANCE_FILE } from "../../scripts/local-clerk-for-app";
import { localClerk } from "./clerk-env";
import { test } from "./fixtures";

const APP_INSTANCE = JSON.parse(readFileSync(APP_INSTANCE_FILE, "utf8")) as InstanceInput;
type Attributes = Record<string, Record<string, unknown>>;
type UserSettings = { attributes: Attributes; sign_up?: Record<string, unknown> };

/**
 * This app's instance (its session claims too) with `changes` on top: attributes and sign-up settings
 * merge one by one, password settings replace.
 */
export function appInstanceWith(changes: {
  attributes?: Attributes;
  sign_up?: Record<string, unknown>;
  password_settings?: Record<string, unknown>;
}): InstanceInput {
  const app = APP_INSTANCE.user_settings as UserSettings;
  const attributes: Attributes = { ...app.attributes };
  for (const [name, attribute] of Object.entries(changes.attributes ?? {})) attributes[name] = { ...attributes[name], ...attribute };
  return {
    ...APP_INSTANCE,
    user_settings: {
      ...app,
      attributes,
      ...(changes.sign_up ? { sign_up: { ...app.sign_up, ...changes.sign_up } } : {}),
      ...(changes.password_settings ? { password_settings: changes.password_settings } : {}),
    },
  };
}

/** Runs the calling describe (or file) on `settings`, and puts this app's own instance back after it. */
export function onInstance(settings: InstanceInput): void {
  test.beforeAll(() => localClerk.setInstance(settings));
  test.afterAll(() => localClerk.setInstance(APP_INSTANCE));
}

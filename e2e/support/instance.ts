// Switching the local Clerk's instance settings live, for the specs of the `global` project, and putting
// back this app's own instance (scripts/clerk-instance.json) afterwards.
import { readFileSync } from "node:fs";
import type { InstanceInput } from "clerk-local/controls";
import { APP_INSTANCE_FILE } from "../../scripts/local-clerk-for-app";
import { localClerk } from "./clerk-env";

export const APP_INSTANCE = JSON.parse(readFileSync(APP_INSTANCE_FILE, "utf8")) as InstanceInput;
type Attributes = Record<string, Record<string, unknown>>;

/** This app's instance (its session claims too) with `changes` on top: attributes merge one by one, other sections replace. */
export function appInstanceWith(changes: { attributes?: Attributes; password_settings?: Record<string, unknown> }): InstanceInput {
  const app = APP_INSTANCE.user_settings as { attributes: Attributes };
  const attributes: Attributes = { ...app.attributes };
  for (const [name, attribute] of Object.entries(changes.attributes ?? {})) attributes[name] = { ...attributes[name], ...attribute };
  return { ...APP_INSTANCE, user_settings: { ...app, attributes, ...(changes.password_settings ? { password_settings: changes.password_settings } : {}) } };
}

export const useInstance = (settings: InstanceInput) => localClerk.setInstance(settings);
export const restoreAppInstance = () => localClerk.setInstance(APP_INSTANCE);

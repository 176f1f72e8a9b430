// "Manage account" > Security and the profile form: names and primary address, password change,
// unsafe metadata, account deletion. Every check runs before anything changes.
import type { LocalClerk } from "../context";
import { formError } from "../http/errors";
import { isPlainObject, mergeMetadata } from "../state/metadata";
import { checkNewPassword } from "../state/identity-rules";
import { hashPassword, passwordMatches, type Session, type User } from "../state/store";
import { checkPrimaryEmailAddress } from "./email-addresses";

const MAX_NAME_LENGTH = 256;

/** PATCH /v1/me: first and last name, primary email address. */
export function updateProfile(clerk: LocalClerk, user: User, form: Record<string, string>): void {
  const name = (key: "first_name" | "last_name") => {
    const value = form[key];
    if (value === undefined) return undefined;
    if (value.length > MAX_NAME_LENGTH) {
      throw formError("form_param_format_invalid", `Names must be ${MAX_NAME_LENGTH} characters or fewer.`, key);
    }
    return value.trim() || null;
  };
  const firstName = name("first_name");
  const lastName = name("last_name");
  const primaryId = form.primary_email_address_id;
  const primary = primaryId === undefined ? undefined : checkPrimaryEmailAddress(user, primaryId);
  if (firstName !== undefined) user.first_name = firstName;
  if (lastName !== undefined) user.last_name = lastName;
  if (primary) user.primary_email_address_id = primary.id;
  clerk.store.touchUser(user);
}

const truthy = (value: string | undefined) => value === "true" || value === "1";

/** POST /v1/me/change_password; with `sign_out_of_other_sessions` the user's other sessions end too. */
export function changePassword(clerk: LocalClerk, user: User, current: Session, form: Record<string, string>): void {
  const newPassword = form.new_password;
  if (!newPassword) throw formError("form_param_missing", "Enter a new password.", "new_password");
  if (user.password_hash) {
    if (!form.current_password) throw formError("form_param_missing", "Enter your current password.", "current_password");
    if (!passwordMatches(user.password_hash, form.current_password)) {
      // Shown inline under the field, in Clerk's own words (the components have no text for this code).
      throw formError("form_password_incorrect", "Password is incorrect. Try again, or use another method.", "current_password");
    }
    if (form.current_password === newPassword) {
      throw formError("form_new_password_matches_current", "Your new password can't be the same as your current password.", "new_password");
    }
  }
  checkNewPassword(newPassword, "new_password");
  user.password_hash = hashPassword(newPassword);
  if (truthy(form.sign_out_of_other_sessions)) {
    for (const session of clerk.store.sessions.values()) {
      if (session.user_id === user.id && session.id !== current.id && session.status === "active") {
        clerk.store.endSession(session, "revoked");
      }
    }
  }
  clerk.store.touchUser(user);
}

/** PATCH /v1/me/metadata: `unsafe_metadata` is a JSON object merged into the user's (null removes a key). */
export function mergeUnsafeMetadata(clerk: LocalClerk, user: User, form: Record<string, string>): void {
  const raw = form.unsafe_metadata;
  if (raw === undefined) throw formError("form_param_missing", "unsafe_metadata is missing.", "unsafe_metadata");
  let patch: unknown;
  try {
    patch = JSON.parse(raw);
  } catch {
    patch = undefined;
  }
  if (!isPlainObject(patch)) {
    throw formError("form_param_format_invalid", "unsafe_metadata must be a JSON object.", "unsafe_metadata");
  }
  user.unsafe_metadata = mergeMetadata(user.unsafe_metadata, patch);
  clerk.store.touchUser(user);
}

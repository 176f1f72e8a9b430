// "Manage account" > Security and the profile form: names and primary address, password change,
// unsafe metadata. Every check runs before anything changes.
import { formError } from "../http/errors";
import { checkNewPassword } from "../state/identity-rules";
import { isPlainObject, mergeMetadata } from "../state/metadata";
import { hashPassword, passwordMatches } from "../state/passwords";
import type { Session, User } from "../state/records";
import type { Store } from "../state/store";
import { checkPrimaryEmailAddress } from "./email-addresses";

const MAX_NAME_LENGTH = 256;

/** What PATCH /v1/me takes (Clerk's spec); metadata is not among it, so no browser can set any. */
const PROFILE_PARAMS = ["username", "first_name", "last_name", "primary_email_address_id", "primary_phone_number_id", "primary_web3_wallet_id"];

/** PATCH /v1/me: first and last name, primary email address. */
export function updateProfile(store: Store, user: User, form: Record<string, string>): User {
  const unknown = Object.keys(form).find((key) => !PROFILE_PARAMS.includes(key));
  if (unknown !== undefined) {
    throw formError("form_param_unknown", `${unknown.slice(0, 100)} is not a valid parameter for this request.`, unknown.slice(0, 100));
  }
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
  return store.updateUser(user.id, (draft) => {
    if (firstName !== undefined) draft.first_name = firstName;
    if (lastName !== undefined) draft.last_name = lastName;
    if (primary) draft.primary_email_address_id = primary.id;
  });
}

const truthy = (value: string | undefined) => value === "true" || value === "1";

/** POST /v1/me/change_password; with `sign_out_of_other_sessions` the user's other sessions end too. */
export function changePassword(store: Store, user: User, current: Session, form: Record<string, string>): User {
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
  if (truthy(form.sign_out_of_other_sessions)) store.revokeSessionsOfUser(user.id, current.id);
  return store.updateUser(user.id, (draft) => {
    draft.password_hash = hashPassword(newPassword);
  });
}

/** PATCH /v1/me/metadata: `unsafe_metadata` is a JSON object merged into the user's (null removes a key). */
export function mergeUnsafeMetadata(store: Store, user: User, form: Record<string, string>): User {
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
  return store.updateUser(user.id, (draft) => {
    draft.unsafe_metadata = mergeMetadata(draft.unsafe_metadata, patch);
  });
}

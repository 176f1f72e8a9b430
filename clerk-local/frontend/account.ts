// "Manage account" > Security and the profile form: names, username and primary address, password
// change, unsafe metadata, each as the instance's settings allow. Every check runs before anything changes.
import { formError } from "../http/errors";
import type { UserSettings } from "../settings/instance-defaults";
import { attributeNotEnabled, checkNewPassword, checkUsername, requiredAttributeRemoved, usernameTaken } from "../state/identity-rules";
import { MAX_METADATA_BYTES, mergeMetadata, metadataFromFormField } from "../state/metadata";
import { hashPassword, passwordMatches } from "../state/passwords";
import type { Session, User } from "../state/records";
import type { Store } from "../state/store";
import { EMAIL_ADDRESSES, PHONE_NUMBERS } from "../state/identifications";
import { checkPrimary } from "./identifications";

export const MAX_NAME_LENGTH = 256;

type Settings = Readonly<UserSettings>;

/** What PATCH /v1/me takes (Clerk's spec); metadata is not among it, so no browser can set any. */
const PROFILE_PARAMS = ["username", "first_name", "last_name", "primary_email_address_id", "primary_phone_number_id", "primary_web3_wallet_id"];

/**
 * PATCH /v1/me: names, username, primary address and number, as the instance allows them. A required name or
 * username cannot be emptied; a username follows the instance's rules and is unique.
 */
export function updateProfile(store: Store, settings: Settings, user: User, form: Record<string, string>): User {
  const unknown = Object.keys(form).find((key) => !PROFILE_PARAMS.includes(key));
  if (unknown !== undefined) {
    throw formError("form_param_unknown", `${unknown.slice(0, 100)} is not a valid parameter for this request.`, unknown.slice(0, 100));
  }
  const field = (key: "first_name" | "last_name" | "username") => {
    const value = form[key];
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    if (!settings.attributes[key].enabled) throw attributeNotEnabled(key);
    if (!trimmed && settings.attributes[key].required) throw requiredAttributeRemoved(key);
    return trimmed || null;
  };
  const name = (key: "first_name" | "last_name") => {
    const value = field(key);
    if (value && value.length > MAX_NAME_LENGTH) {
      throw formError("form_param_format_invalid", `Names must be ${MAX_NAME_LENGTH} characters or fewer.`, key);
    }
    return value;
  };
  const firstName = name("first_name");
  const lastName = name("last_name");
  const username = field("username");
  if (username) {
    checkUsername(username, settings.username_settings);
    const owner = store.userByUsername(username);
    if (owner && owner.id !== user.id) throw usernameTaken();
  }
  const primaryId = form.primary_email_address_id;
  const primary = primaryId === undefined ? undefined : checkPrimary(EMAIL_ADDRESSES, user, primaryId);
  const primaryPhoneId = form.primary_phone_number_id;
  const primaryPhone = primaryPhoneId === undefined ? undefined : checkPrimary(PHONE_NUMBERS, user, primaryPhoneId);
  return store.updateUser(user.id, (draft) => {
    if (firstName !== undefined) draft.first_name = firstName;
    if (lastName !== undefined) draft.last_name = lastName;
    if (username !== undefined) draft.username = username;
    if (primary) draft.primary_email_address_id = primary.id;
    if (primaryPhone) draft.primary_phone_number_id = primaryPhone.id;
  });
}

const truthy = (value: string | undefined) => value === "true" || value === "1";

/** POST /v1/me/change_password; with `sign_out_of_other_sessions` the user's other sessions end too. */
export function changePassword(store: Store, settings: Settings, user: User, current: Session, form: Record<string, string>): User {
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
  checkNewPassword(newPassword, settings.password_settings, "new_password");
  if (truthy(form.sign_out_of_other_sessions)) store.revokeSessionsOfUser(user.id, current.id);
  return store.updateUser(user.id, (draft) => {
    draft.password_hash = hashPassword(newPassword);
  });
}

export const unsafeMetadataInvalid = () =>
  formError("form_param_format_invalid", `unsafe_metadata must be a JSON object of at most ${MAX_METADATA_BYTES} bytes.`, "unsafe_metadata");

/** PATCH /v1/me/metadata: `unsafe_metadata` is a JSON object merged into the user's (null removes a key). */
export function mergeUnsafeMetadata(store: Store, user: User, form: Record<string, string>): User {
  const raw = form.unsafe_metadata;
  if (raw === undefined) throw formError("form_param_missing", "unsafe_metadata is missing.", "unsafe_metadata");
  const patch = metadataFromFormField(raw);
  if (!patch) throw unsafeMetadataInvalid();
  return store.updateUser(user.id, (draft) => {
    draft.unsafe_metadata = mergeMetadata(draft.unsafe_metadata, patch);
  });
}

// Users through the Backend API: Clerk's rules for creating and changing one. Each operation checks
// everything before it changes anything.
import { ClerkError, formError, notFound } from "../http/errors";
import type { UserSettings } from "../settings/instance-defaults";
import {
  attributeNotEnabled,
  checkNewPassword,
  checkUsername,
  emailAddressTaken,
  phoneNumberTaken,
  requiredAttributeMissing,
  requiredAttributeRemoved,
  usernameTaken,
} from "../state/identity-rules";
import { isPlainObject, mergeMetadata } from "../state/metadata";
import { hashPassword, passwordMatches } from "../state/passwords";
import type { User } from "../state/records";
import type { Store } from "../state/store";
import { METADATA_KEYS, type CreateUserBody, type UpdateUserBody } from "./bodies";

type MetadataKey = (typeof METADATA_KEYS)[number];
export type MetadataChange = Partial<Record<MetadataKey, Record<string, unknown> | null>>;

type Settings = Readonly<UserSettings>;

export function userOr404(store: Store, id: string): User {
  const user = store.user(id);
  if (!user) throw notFound("user");
  return user;
}

const flagged = (value: unknown) => value === true;

/**
 * POST /v1/users: the identifiers the instance has turned on (email addresses, phone numbers, a username), those it requires (unless
 * `skip_user_requirement`), a password when it requires one (unless `skip_password_requirement` or a
 * digest), held to its rules (unless `skip_password_checks`), and unique addresses and usernames.
 */
export function createUser(store: Store, settings: Settings, body: CreateUserBody): User {
  const { attributes } = settings;
  const emails = [body.email_address ?? []].flat();
  const phones = [...new Set([body.phone_number ?? []].flat())];
  const { password } = body;
  const username = body.username?.trim() || null;
  if (emails.length && !attributes.email_address.enabled) throw attributeNotEnabled("email_address");
  if (phones.length && !attributes.phone_number.enabled) throw attributeNotEnabled("phone_number");
  if (username && !attributes.username.enabled) throw attributeNotEnabled("username");
  if (!flagged(body.skip_user_requirement)) {
    if (attributes.email_address.required && emails.length === 0) throw requiredAttributeMissing("email_address");
    if (attributes.phone_number.required && phones.length === 0) throw requiredAttributeMissing("phone_number");
    if (attributes.username.required && !username) throw requiredAttributeMissing("username");
  }
  if (emails.length === 0 && phones.length === 0 && !username) {
    throw formError("form_param_missing", "email_address, phone_number or username must be included.", "email_address");
  }
  if (emails.some((email) => store.userByEmail(email))) throw emailAddressTaken();
  if (phones.some((phone) => store.userByPhone(phone))) throw phoneNumberTaken();
  if (username) {
    checkUsername(username, settings.username_settings);
    if (store.userByUsername(username)) throw usernameTaken();
  }
  if (password && !attributes.password.enabled) throw attributeNotEnabled("password");
  const passwordRequired = attributes.password.required && !flagged(body.skip_password_requirement) && body.password_digest === undefined;
  if (!password && passwordRequired) throw formError("form_password_missing", "Enter password.", "password");
  if (!flagged(body.skip_password_checks)) checkNewPassword(password, settings.password_settings);
  return store.createUser({
    email_addresses: emails,
    phone_numbers: phones,
    password,
    username,
    first_name: body.first_name,
    last_name: body.last_name,
    external_id: body.external_id,
    public_metadata: body.public_metadata ?? undefined,
    private_metadata: body.private_metadata ?? undefined,
    unsafe_metadata: body.unsafe_metadata ?? undefined,
    locale: body.locale,
  });
}

/** PATCH /v1/users/{id}: a username only where the instance has them (and never emptied where required). */
export function updateUser(store: Store, settings: Settings, user: User, body: UpdateUserBody): User {
  const { external_id: externalId, password, primary_email_address_id: primary } = body;
  const username = body.username === undefined ? undefined : body.username?.trim() || null;
  if (username && !settings.attributes.username.enabled) throw attributeNotEnabled("username");
  if (username === null && settings.attributes.username.required) throw requiredAttributeRemoved("username");
  if (username && username.toLowerCase() !== user.username?.toLowerCase()) {
    checkUsername(username, settings.username_settings);
    if (store.userByUsername(username)) throw usernameTaken();
  }
  if (externalId && externalId !== user.external_id && store.users().some((other) => other.external_id === externalId)) {
    throw formError("form_identifier_exists", "That external ID is taken. Please try another.", "external_id");
  }
  if (password && !settings.attributes.password.enabled) throw attributeNotEnabled("password");
  if (!flagged(body.skip_password_checks)) checkNewPassword(password, settings.password_settings);
  const primaryPhone = body.primary_phone_number_id;
  for (const [param, id, list] of [
    ["primary_email_address_id", primary, user.email_addresses],
    ["primary_phone_number_id", primaryPhone, user.phone_numbers],
  ] as const) {
    if (!id) continue;
    const identification = (list as readonly { id: string; verification: { status: string } | null }[]).find((candidate) => candidate.id === id);
    if (!identification) throw formError("form_param_value_invalid", `${param} is not one of this user's`, param);
    if (identification.verification?.status !== "verified") throw formError("form_param_value_invalid", `${param} must name a verified one.`, param);
  }
  const updated = store.updateUser(user.id, (draft) => {
    if (body.first_name !== undefined) draft.first_name = body.first_name;
    if (body.last_name !== undefined) draft.last_name = body.last_name;
    // null or "" removes the username and the external id.
    if (username !== undefined) draft.username = username;
    if (externalId !== undefined) draft.external_id = externalId || null;
    if (password) draft.password_hash = hashPassword(password);
    if (primary) draft.primary_email_address_id = primary;
    if (primaryPhone) draft.primary_phone_number_id = primaryPhone;
  });
  if (password && body.sign_out_of_other_sessions) store.revokeSessionsOfUser(user.id);
  return updated;
}

/** PATCH …/metadata: Clerk's merge (nested objects merge, null removes a key). */
export function mergeUserMetadata(store: Store, user: User, change: MetadataChange): User {
  return store.updateUser(user.id, (draft) => {
    for (const key of METADATA_KEYS) {
      const patch = change[key];
      if (patch) draft[key] = mergeMetadata(draft[key], patch);
    }
  });
}

/**
 * PUT …/metadata: each field sent is replaced whole; fields not sent stay. `null` clears a field
 * (@clerk/backend documents it), stored as the empty object the user JSON keeps.
 */
export function replaceUserMetadata(store: Store, user: User, change: MetadataChange): User {
  return store.updateUser(user.id, (draft) => {
    for (const key of METADATA_KEYS) {
      const value = change[key];
      if (value !== undefined) draft[key] = isPlainObject(value) ? { ...value } : {};
    }
  });
}

export function verifyPassword(user: User, password: string): void {
  if (!user.password_hash) {
    throw new ClerkError({
      status: 400,
      code: "password_not_set",
      message: "The user does not have a password set.",
      longMessage: "This user has no password to verify against.",
    });
  }
  if (!passwordMatches(user.password_hash, password)) {
    throw formError("form_password_incorrect", "Password is incorrect. Try again, or use another method.", "password");
  }
}

// The signed-in user's email addresses ("Manage account" > Profile > Email addresses): add one, verify it
// with a code, make it primary, remove it. An added address identifies nobody until it is verified.
import { formError, notFound } from "../http/errors";
import type { UserSettings } from "../settings/instance-defaults";
import { attributeNotEnabled, checkIdentificationRemovable, emailAddressTaken, isEmailAddress, normalizeEmail } from "../state/identity-rules";
import type { EmailAddress, User } from "../state/records";
import { newEmailAddress, type Store } from "../state/store";
import { attemptCode, prepareCode, type CodeChannel } from "./identification-codes";


export function ownEmailAddress(user: User, id: string): EmailAddress {
  const email = user.email_addresses.find((candidate) => candidate.id === id);
  if (!email) throw notFound("email address");
  return email;
}

export function addEmailAddress(store: Store, settings: Readonly<UserSettings>, user: User, raw: string | undefined): EmailAddress {
  if (!settings.attributes.email_address.enabled) throw attributeNotEnabled("email_address");
  const address = normalizeEmail(raw ?? "");
  if (!address) throw formError("form_param_missing", "Enter email address.", "email_address");
  if (!isEmailAddress(address)) throw formError("form_param_format_invalid", "Enter email address in the correct format.", "email_address");
  if (store.userByEmail(address) || user.email_addresses.some((email) => email.email_address === address)) throw emailAddressTaken();
  const email = newEmailAddress(address, null);
  store.updateUser(user.id, (draft) => {
    draft.email_addresses.push(email);
  });
  return ownEmailAddress(store.user(user.id)!, email.id);
}

/** Email links and enterprise SSO are off here: the code is what <UserProfile/> asks for. */
const EMAIL_CODES: CodeChannel = {
  strategy: "email_code",
  label: "email address",
  owner: (store, identification) => ("email_address" in identification ? store.userByEmail(identification.email_address) : undefined),
  taken: () => emailAddressTaken(),
};

export function prepareEmailVerification(store: Store, user: User, email: EmailAddress, strategy: string | undefined): EmailAddress {
  prepareCode(store, EMAIL_CODES, user, email, strategy);
  return ownEmailAddress(store.user(user.id)!, email.id);
}

export function attemptEmailVerification(store: Store, verificationCode: string, user: User, email: EmailAddress, code: string | undefined): EmailAddress {
  return ownEmailAddress(attemptCode(store, EMAIL_CODES, verificationCode, user, email, code), email.id);
}

export function deleteEmailAddress(store: Store, settings: Readonly<UserSettings>, user: User, email: EmailAddress): void {
  checkIdentificationRemovable(user, settings, "email_address", email.id);
  store.updateUser(user.id, (draft) => {
    draft.email_addresses = draft.email_addresses.filter((candidate) => candidate.id !== email.id);
    if (draft.primary_email_address_id === email.id) draft.primary_email_address_id = null;
  });
}

/** Checks a new `primary_email_address_id` for PATCH /v1/me: one of the user's own, verified addresses. */
export function checkPrimaryEmailAddress(user: User, id: string): EmailAddress {
  const email = user.email_addresses.find((candidate) => candidate.id === id);
  if (!email) throw formError("form_param_value_invalid", "No email address of yours has this id.", "primary_email_address_id");
  if (email.verification?.status !== "verified") {
    throw formError("form_param_value_invalid", "Only a verified email address can be primary.", "primary_email_address_id");
  }
  return email;
}

// The signed-in user's email addresses ("Manage account" > Profile > Email addresses): add one, verify it
// with a code, make it primary, remove it. An added address identifies nobody until it is verified.
import { formError, notFound } from "../http/errors";
import type { UserSettings } from "../settings/instance-defaults";
import { attributeNotEnabled, checkEmailAddressRemovable, emailAddressTaken, isEmailAddress, normalizeEmail } from "../state/identity-rules";
import type { EmailAddress, User } from "../state/records";
import { newEmailAddress, type Store } from "../state/store";

const VERIFICATION_WINDOW_MS = 10 * 60 * 1000;


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

export function prepareEmailVerification(store: Store, user: User, email: EmailAddress, strategy: string | undefined, now = Date.now()): EmailAddress {
  if (!strategy) throw formError("form_param_missing", "strategy is missing.", "strategy");
  // Email links and enterprise SSO are off in this instance; the code is what <UserProfile/> asks for.
  if (strategy !== "email_code") throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
  if (email.verification?.status === "verified") {
    throw formError("verification_already_verified", "This email address has already been verified.", "strategy");
  }
  return store.setEmailVerification(user.id, email.id, { status: "unverified", strategy, attempts: 0, expire_at: now + VERIFICATION_WINDOW_MS }, now);
}

export function attemptEmailVerification(
  store: Store,
  verificationCode: string,
  user: User,
  email: EmailAddress,
  code: string | undefined,
  now = Date.now(),
): EmailAddress {
  const verification = email.verification;
  if (verification?.status === "verified") {
    throw formError("verification_already_verified", "This email address has already been verified.", "code");
  }
  if (!verification || verification.strategy !== "email_code") {
    throw formError("verification_not_sent", "You need to send a verification code before attempting to verify.", "code");
  }
  if (!code) throw formError("form_param_missing", "Enter code.", "code");
  if (verification.expire_at !== null && verification.expire_at < now) {
    store.setEmailVerification(user.id, email.id, { ...verification, status: "expired" }, now);
    throw formError("verification_expired", "This verification has expired.", "code", "The verification code has expired. Request a new one.");
  }
  const attempts = (verification.attempts ?? 0) + 1;
  if (code !== verificationCode) {
    store.setEmailVerification(user.id, email.id, { ...verification, attempts }, now);
    throw formError("form_code_incorrect", "Incorrect code", "code");
  }
  // Someone else may have verified the same address since it was added here.
  const owner = store.userByEmail(email.email_address);
  if (owner && owner.id !== user.id) throw emailAddressTaken();
  const verified = store.updateUser(
    user.id,
    (draft) => {
      const address = draft.email_addresses.find((candidate) => candidate.id === email.id)!;
      address.verification = { ...verification, attempts, status: "verified" };
      address.updated_at = now;
    },
    now,
  );
  return ownEmailAddress(verified, email.id);
}

export function deleteEmailAddress(store: Store, settings: Readonly<UserSettings>, user: User, email: EmailAddress): void {
  checkEmailAddressRemovable(user, settings, email.id);
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

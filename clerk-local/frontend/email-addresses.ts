// The signed-in user's email addresses ("Manage account" > Profile > Email addresses): add one, verify it
// with a code, make it primary, remove it. An added address identifies nobody until it is verified.
import type { LocalClerk } from "../context";
import { ClerkError, formError, notFound } from "../http/errors";
import { EMAIL_PATTERN } from "../state/identity-rules";
import type { EmailAddress, User } from "../state/store";

const VERIFICATION_WINDOW_MS = 10 * 60 * 1000;

const taken = () => formError("form_identifier_exists", "That email address is taken. Please try another.", "email_address");

export function ownEmailAddress(user: User, id: string): EmailAddress {
  const email = user.email_addresses.find((candidate) => candidate.id === id);
  if (!email) throw notFound("email address");
  return email;
}

export function addEmailAddress(clerk: LocalClerk, user: User, raw: string | undefined): EmailAddress {
  const address = (raw ?? "").trim().toLowerCase();
  if (!address) throw formError("form_param_missing", "Enter email address.", "email_address");
  if (address.length > 320 || !EMAIL_PATTERN.test(address)) {
    throw formError("form_param_format_invalid", "Enter email address in the correct format.", "email_address");
  }
  const owner = clerk.store.findUserByEmail(address);
  if (owner || user.email_addresses.some((email) => email.email_address === address)) throw taken();
  return clerk.store.addEmailAddress(user, address);
}

export function prepareEmailVerification(email: EmailAddress, strategy: string | undefined, now = Date.now()): void {
  if (!strategy) throw formError("form_param_missing", "strategy is missing.", "strategy");
  // Email links and enterprise SSO are off in this instance; the code is what <UserProfile/> asks for.
  if (strategy !== "email_code") throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
  if (email.verification?.status === "verified") {
    throw formError("verification_already_verified", "This email address has already been verified.", "strategy");
  }
  email.verification = { status: "unverified", strategy, attempts: 0, expire_at: now + VERIFICATION_WINDOW_MS };
  email.updated_at = now;
}

export function attemptEmailVerification(clerk: LocalClerk, user: User, email: EmailAddress, code: string | undefined, now = Date.now()): void {
  const verification = email.verification;
  if (verification?.status === "verified") {
    throw formError("verification_already_verified", "This email address has already been verified.", "code");
  }
  if (!verification || verification.strategy !== "email_code") {
    throw formError("verification_not_sent", "You need to send a verification code before attempting to verify.", "code");
  }
  if (!code) throw formError("form_param_missing", "Enter code.", "code");
  if (verification.expire_at !== null && verification.expire_at < now) {
    verification.status = "expired";
    throw formError("verification_expired", "This verification has expired.", "code", "The verification code has expired. Request a new one.");
  }
  verification.attempts = (verification.attempts ?? 0) + 1;
  if (code !== clerk.config.verificationCode) throw formError("form_code_incorrect", "Incorrect code", "code");
  // Someone else may have verified the same address since it was added here.
  const owner = clerk.store.findUserByEmail(email.email_address);
  if (owner && owner.id !== user.id) throw taken();
  verification.status = "verified";
  email.updated_at = now;
  clerk.store.touchUser(user, now);
}

export function deleteEmailAddress(clerk: LocalClerk, user: User, email: EmailAddress): void {
  // The same refusal as the Backend API's (Clerk's documented identification error).
  const refuse = (message: string) => new ClerkError({ status: 400, code: "identification_deletion_failed", message, longMessage: message });
  if (user.email_addresses.length === 1) throw refuse("You cannot delete your last identification.");
  if (email.id === user.primary_email_address_id) {
    throw refuse("The primary email address cannot be deleted. Make another address primary first.");
  }
  clerk.store.removeEmailAddress(user, email.id);
}

/** Checks a new `primary_email_address_id` for PATCH /v1/me: one of the user's own, verified addresses. */
export function checkPrimaryEmailAddress(user: User, id: string): EmailAddress {
  const email = user.email_addresses.find((candidate) => candidate.id === id);
  if (!email) throw formError("form_param_value_invalid", "No email address of yours has this id.", "primary_email_address_id");
  if (email.verification?.status !== "verified") {
    throw formError(
      "form_param_value_invalid",
      "Only a verified email address can be primary.",
      "primary_email_address_id",
    );
  }
  return email;
}

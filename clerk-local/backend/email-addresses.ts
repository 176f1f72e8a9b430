// Email addresses managed through the Backend API (`/v1/email_addresses`): Clerk's rules for adding,
// verifying, making primary and deleting one. Each operation checks everything before it changes
// anything, and every change bumps the user (which announces `user.updated`).
import { ClerkError, formError, notFound } from "../http/errors";
import { EMAIL_PATTERN } from "../state/identity-rules";
import { newEmailAddress, type EmailAddress, type Store, type User, type Verification } from "../state/store";

export type OwnedAddress = { user: User; address: EmailAddress };

const adminVerified = (): Verification => ({ status: "verified", strategy: "admin", attempts: null, expire_at: null });
const isVerified = (address: EmailAddress) => address.verification?.status === "verified";

export function findAddress(store: Store, id: string): OwnedAddress {
  for (const user of store.users.values()) {
    const address = user.email_addresses.find((e) => e.id === id);
    if (address) return { user, address };
  }
  throw notFound("email address");
}

export function normalizedAddress(raw: string): string {
  const address = raw.trim().toLowerCase();
  if (!EMAIL_PATTERN.test(address) || address.length > 320) {
    throw formError("form_param_format_invalid", "email_address must be a valid email address.", "email_address");
  }
  return address;
}

export type NewAddress = { user: User; address: string; verified: boolean; primary: boolean };

export function addAddress(store: Store, input: NewAddress): EmailAddress {
  const { user } = input;
  if (store.findUserByEmail(input.address)) {
    throw formError("form_identifier_exists", "That email address is taken. Please try another.", "email_address");
  }
  // The first address becomes primary whatever was asked; another one only if it is verified.
  const first = user.email_addresses.length === 0;
  if (input.primary && !input.verified && !first) {
    throw formError("form_param_value_invalid", "Only a verified email address can be primary.", "primary");
  }
  const address = newEmailAddress(input.address, input.verified ? adminVerified() : null);
  user.email_addresses.push(address);
  if (first || input.primary) user.primary_email_address_id = address.id;
  store.touchUser(user);
  return address;
}

export type AddressChange = { verified?: boolean; primary?: boolean };

export function updateAddress(store: Store, { user, address }: OwnedAddress, change: AddressChange): EmailAddress {
  const isPrimary = user.primary_email_address_id === address.id;
  const willBeVerified = change.verified ?? isVerified(address);
  if (isPrimary && !willBeVerified) {
    throw formError("form_param_value_invalid", "The primary email address must stay verified.", "verified");
  }
  if (change.primary === true && !willBeVerified) {
    throw formError("form_param_value_invalid", "Only a verified email address can be primary.", "primary");
  }
  if (change.primary === false && isPrimary) {
    throw formError("form_param_value_invalid", "Make another address primary instead of unsetting this one.", "primary");
  }
  const now = Date.now();
  if (change.verified !== undefined && change.verified !== isVerified(address)) {
    address.verification = change.verified ? adminVerified() : null;
    address.updated_at = now;
  }
  if (change.primary === true) user.primary_email_address_id = address.id;
  store.touchUser(user, now);
  return address;
}

export function deleteAddress(store: Store, { user, address }: OwnedAddress): void {
  const refuse = (message: string) => new ClerkError({ status: 400, code: "identification_deletion_failed", message, longMessage: message });
  // Email is this instance's required identifier: a user never loses the last one, nor the primary.
  if (user.email_addresses.length === 1) throw refuse("You cannot delete your last identification.");
  if (user.primary_email_address_id === address.id) {
    throw refuse("The primary email address cannot be deleted. Make another address primary first.");
  }
  user.email_addresses = user.email_addresses.filter((e) => e.id !== address.id);
  store.touchUser(user);
}

// Email addresses managed through the Backend API (`/v1/email_addresses`): Clerk's rules for adding,
// verifying, making primary and deleting one. Each operation checks everything before it changes
// anything, and every change is a change to its user (announced as `user.updated`).
import { formError, notFound } from "../http/errors";
import type { UserSettings } from "../settings/instance-defaults";
import { attributeNotEnabled, checkEmailAddressRemovable, emailAddressTaken } from "../state/identity-rules";
import { adminVerification, type EmailAddress, type User } from "../state/records";
import { newEmailAddress, type Store } from "../state/store";

export type OwnedAddress = { user: User; address: EmailAddress };

const isVerified = (address: EmailAddress) => address.verification?.status === "verified";

export function findAddress(store: Store, id: string): OwnedAddress {
  const owned = store.emailAddress(id);
  if (!owned) throw notFound("email address");
  return owned;
}

export type NewAddress = { user: User; address: string; verified: boolean; primary: boolean };

export function addAddress(store: Store, settings: Readonly<UserSettings>, input: NewAddress): EmailAddress {
  const { user } = input;
  if (!settings.attributes.email_address.enabled) throw attributeNotEnabled("email_address");
  if (store.userByEmail(input.address)) throw emailAddressTaken();
  // The first address becomes primary whatever was asked; another one only if it is verified.
  const first = user.email_addresses.length === 0;
  if (input.primary && !input.verified && !first) {
    throw formError("form_param_value_invalid", "Only a verified email address can be primary.", "primary");
  }
  const address = newEmailAddress(input.address, input.verified ? adminVerification() : null);
  store.updateUser(user.id, (draft) => {
    draft.email_addresses.push(address);
    if (first || input.primary) draft.primary_email_address_id = address.id;
  });
  return findAddress(store, address.id).address;
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
  store.updateUser(
    user.id,
    (draft) => {
      const target = draft.email_addresses.find((email) => email.id === address.id)!;
      if (change.verified !== undefined && change.verified !== isVerified(target)) {
        target.verification = change.verified ? adminVerification() : null;
        target.updated_at = now;
      }
      if (change.primary === true) draft.primary_email_address_id = address.id;
    },
    now,
  );
  return findAddress(store, address.id).address;
}

export function deleteAddress(store: Store, settings: Readonly<UserSettings>, { user, address }: OwnedAddress): void {
  checkEmailAddressRemovable(user, settings, address.id);
  store.updateUser(user.id, (draft) => {
    draft.email_addresses = draft.email_addresses.filter((email) => email.id !== address.id);
    if (draft.primary_email_address_id === address.id) draft.primary_email_address_id = null;
  });
}

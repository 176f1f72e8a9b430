// Email addresses and phone numbers managed through the Backend API (`/v1/email_addresses`,
// `/v1/phone_numbers`): Clerk's rules for adding, verifying, making primary and deleting one, the same
// for both kinds. Each operation checks everything before it changes anything, and every change is a
// change to its user (announced as `user.updated`).
import type { ClerkError } from "../http/errors";
import { formError, notFound } from "../http/errors";
import type { UserSettings } from "../settings/instance-defaults";
import { attributeNotEnabled, checkIdentificationRemovable, emailAddressTaken, phoneNumberTaken } from "../state/identity-rules";
import { adminVerification, type EmailAddress, type EmailAddressRecord, type PhoneNumber, type PhoneNumberRecord, type User, type UserRecord } from "../state/records";
import { newEmailAddress, newPhoneNumber, type Store } from "../state/store";

export type IdentificationKind = "email_address" | "phone_number";
type Identification = EmailAddress | PhoneNumber;
type IdentificationRecord = EmailAddressRecord | PhoneNumberRecord;

/** What differs between the two kinds: where a user keeps them, and how one is found and made. */
const KINDS = {
  email_address: {
    label: "email address",
    list: (user: User | UserRecord) => user.email_addresses as readonly Identification[],
    primary: "primary_email_address_id",
    owner: (store: Store, value: string) => store.userByEmail(value),
    taken: (): ClerkError => emailAddressTaken(),
    make: (value: string, verified: boolean) => newEmailAddress(value, verified ? adminVerification() : null),
    push: (draft: UserRecord, record: IdentificationRecord) => draft.email_addresses.push(record as EmailAddressRecord),
    remove: (draft: UserRecord, id: string) => {
      draft.email_addresses = draft.email_addresses.filter((email) => email.id !== id);
    },
  },
  phone_number: {
    label: "phone number",
    list: (user: User | UserRecord) => user.phone_numbers as readonly Identification[],
    primary: "primary_phone_number_id",
    owner: (store: Store, value: string) => store.userByPhone(value),
    taken: (): ClerkError => phoneNumberTaken(),
    make: (value: string, verified: boolean) => newPhoneNumber(value, verified ? adminVerification() : null),
    push: (draft: UserRecord, record: IdentificationRecord) => draft.phone_numbers.push(record as PhoneNumberRecord),
    remove: (draft: UserRecord, id: string) => {
      draft.phone_numbers = draft.phone_numbers.filter((phone) => phone.id !== id);
    },
  },
} as const;

export type Owned = { kind: IdentificationKind; user: User; identification: Identification };

const isVerified = (identification: Identification) => identification.verification?.status === "verified";

export function findIdentification(store: Store, kind: IdentificationKind, id: string): Owned {
  const owned = kind === "email_address" ? store.emailAddress(id) : store.phoneNumber(id);
  if (!owned) throw notFound(KINDS[kind].label);
  return { kind, user: owned.user, identification: "address" in owned ? owned.address : owned.phone };
}

export type NewIdentification = { kind: IdentificationKind; user: User; value: string; verified: boolean; primary: boolean };

export function addIdentification(store: Store, settings: Readonly<UserSettings>, input: NewIdentification): Identification {
  const { kind, user } = input;
  const rules = KINDS[kind];
  if (!settings.attributes[kind].enabled) throw attributeNotEnabled(kind);
  if (rules.owner(store, input.value)) throw rules.taken();
  // The first one becomes primary whatever was asked; another one only if it is verified.
  const first = rules.list(user).length === 0;
  if (input.primary && !input.verified && !first) {
    throw formError("form_param_value_invalid", `Only a verified ${rules.label} can be primary.`, "primary");
  }
  const record = rules.make(input.value, input.verified);
  store.updateUser(user.id, (draft) => {
    rules.push(draft, record);
    if (first || input.primary) draft[rules.primary] = record.id;
  });
  return findIdentification(store, kind, record.id).identification;
}

export type IdentificationChange = { verified?: boolean; primary?: boolean };

export function updateIdentification(store: Store, { kind, user, identification }: Owned, change: IdentificationChange): Identification {
  const rules = KINDS[kind];
  const isPrimary = user[rules.primary] === identification.id;
  const willBeVerified = change.verified ?? isVerified(identification);
  if (isPrimary && !willBeVerified) {
    throw formError("form_param_value_invalid", `The primary ${rules.label} must stay verified.`, "verified");
  }
  if (change.primary === true && !willBeVerified) {
    throw formError("form_param_value_invalid", `Only a verified ${rules.label} can be primary.`, "primary");
  }
  if (change.primary === false && isPrimary) {
    throw formError("form_param_value_invalid", `Make another ${rules.label} primary instead of unsetting this one.`, "primary");
  }
  const now = Date.now();
  store.updateUser(
    user.id,
    (draft) => {
      const target = rules.list(draft).find((candidate) => candidate.id === identification.id) as IdentificationRecord;
      if (change.verified !== undefined && change.verified !== isVerified(target)) {
        target.verification = change.verified ? adminVerification() : null;
        target.updated_at = now;
      }
      if (change.primary === true) draft[rules.primary] = identification.id;
    },
    now,
  );
  return findIdentification(store, kind, identification.id).identification;
}

export function deleteIdentification(store: Store, settings: Readonly<UserSettings>, { kind, user, identification }: Owned): void {
  const rules = KINDS[kind];
  checkIdentificationRemovable(user, settings, kind, identification.id);
  store.updateUser(user.id, (draft) => {
    rules.remove(draft, identification.id);
    if (draft[rules.primary] === identification.id) draft[rules.primary] = null;
  });
}

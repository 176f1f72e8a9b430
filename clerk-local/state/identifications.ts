// A user's email addresses and phone numbers are both identifications: the same rules apply to each
// (unique once verified, a primary one, verified with a code), through both APIs. What differs between the
// two kinds is here, once; the flows of "Manage account" and of the Backend API take a kind.
import type { ClerkError } from "../http/errors";
import { formError } from "../http/errors";
import type { UserSettings } from "../settings/instance-defaults";
import {
  attributeNotEnabled,
  checkCanReceiveCode,
  checkIdentificationRemovable,
  emailAddressTaken,
  isEmailAddress,
  normalizeEmail,
  normalizePhoneNumber,
  phoneNumberInvalid,
  phoneNumberTaken,
} from "./identity-rules";
import type { EmailAddress, EmailAddressRecord, PhoneNumber, PhoneNumberRecord, User, UserRecord, Verification } from "./records";
import { newEmailAddress, newPhoneNumber, type Store } from "./store";

export type Identification = EmailAddress | PhoneNumber;
type IdentificationRecord = EmailAddressRecord | PhoneNumberRecord;

/** Where a user record keeps each kind, and the type of the records kept there. */
type Collections = { email_addresses: EmailAddressRecord; phone_numbers: PhoneNumberRecord };
type Lists = { [C in keyof Collections]: Collections[C][] };

export type IdentificationKind = {
  name: "email_address" | "phone_number";
  label: "email address" | "phone number";
  /** The user record's list of them. */
  collection: keyof Collections;
  /** The code strategy that verifies one. */
  strategy: "email_code" | "phone_code";
  primary: "primary_email_address_id" | "primary_phone_number_id";
  list: (user: User | UserRecord) => readonly Identification[];
  valueOf: (identification: Identification) => string;
  /** A value as a person typed it, normalized; Clerk's 422 when it is none. */
  parse: (raw: string | undefined) => string;
  /** Who has verified this value, if anybody. */
  owner: (store: Store, value: string) => User | undefined;
  taken: () => ClerkError;
  make: (value: string, verification: Verification | null) => IdentificationRecord;
  push: (draft: UserRecord, record: IdentificationRecord) => void;
  remove: (draft: UserRecord, id: string) => void;
  /** Checks before a code is (here: pretends to be) sent to it. */
  beforeSending: (value: string, paramName?: string) => void;
};

/** The address or number itself, whichever kind it is. */
const identificationValue = (identification: Identification) =>
  "email_address" in identification ? identification.email_address : identification.phone_number;

/** A kind, with what follows from the collection that holds it: listing, adding, removing one, and its value. */
function identificationKind<C extends keyof Collections>(
  kind: Omit<IdentificationKind, "collection" | "list" | "valueOf" | "push" | "remove"> & { collection: C },
): IdentificationKind {
  const { name, collection } = kind;
  const isOfKind = (record: IdentificationRecord): record is Collections[C] => name in record;
  return {
    ...kind,
    list: (user) => user[collection],
    valueOf: (identification) => (name in identification ? identificationValue(identification) : ""),
    push: (draft, record) => {
      if (!isOfKind(record)) throw new Error(`${record.id} does not belong in ${collection}`);
      const lists: Lists = draft;
      lists[collection].push(record);
    },
    remove: (draft, id) => {
      const list: { id: string }[] = draft[collection];
      const index = list.findIndex((identification) => identification.id === id);
      if (index >= 0) list.splice(index, 1);
    },
  };
}

export const EMAIL_ADDRESSES = identificationKind({
  name: "email_address",
  label: "email address",
  collection: "email_addresses",
  strategy: "email_code",
  primary: "primary_email_address_id",
  parse: (raw) => {
    const address = normalizeEmail(raw ?? "");
    if (!address) throw formError("form_param_missing", "Enter email address.", "email_address");
    if (!isEmailAddress(address)) throw formError("form_param_format_invalid", "Enter email address in the correct format.", "email_address");
    return address;
  },
  owner: (store, value) => store.userByEmail(value),
  taken: emailAddressTaken,
  make: newEmailAddress,
  beforeSending: () => undefined,
});

export const PHONE_NUMBERS = identificationKind({
  name: "phone_number",
  label: "phone number",
  collection: "phone_numbers",
  strategy: "phone_code",
  primary: "primary_phone_number_id",
  parse: (raw) => {
    if (!raw?.trim()) throw formError("form_param_missing", "Enter phone number.", "phone_number");
    const phoneNumber = normalizePhoneNumber(raw);
    if (!phoneNumber) throw phoneNumberInvalid();
    return phoneNumber;
  },
  owner: (store, value) => store.userByPhone(value),
  taken: phoneNumberTaken,
  make: newPhoneNumber,
  beforeSending: checkCanReceiveCode,
});

/** One of a user's addresses or numbers, as the draft of a change holds it. */
export function draftIdentification(draft: UserRecord, id: string): IdentificationRecord | undefined {
  return [...draft.email_addresses, ...draft.phone_numbers].find((candidate) => candidate.id === id);
}

/** Clerk's 422 when an instance with this kind turned off is asked to add one. */
export function checkKindEnabled(settings: Readonly<UserSettings>, kind: IdentificationKind): void {
  if (!settings.attributes[kind.name].enabled) throw attributeNotEnabled(kind.name);
}

/** Clerk's 422 when an unverified address or number is to be made primary. */
export const onlyVerifiedCanBePrimary = (kind: IdentificationKind, paramName: string) =>
  formError("form_param_value_invalid", `Only a verified ${kind.label} can be primary.`, paramName);

/** Deletes one of a user's addresses or numbers, through either API, if Clerk's rules allow it; a primary one deleted leaves no primary. */
export function deleteIdentification(store: Store, settings: Readonly<UserSettings>, kind: IdentificationKind, user: User, identification: Identification): void {
  checkIdentificationRemovable(user, settings, kind.name, identification.id);
  store.updateUser(user.id, (draft) => {
    kind.remove(draft, identification.id);
    if (draft[kind.primary] === identification.id) draft[kind.primary] = null;
  });
}

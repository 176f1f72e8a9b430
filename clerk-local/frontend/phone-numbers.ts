// The signed-in user's phone numbers ("Manage account" > Profile > Phone numbers): add one, verify it with
// the SMS code, make it primary, remove it. An added number identifies nobody until it is verified; the
// first one verified becomes primary.
import { formError, notFound } from "../http/errors";
import type { UserSettings } from "../settings/instance-defaults";
import { attributeNotEnabled, checkCanReceiveCode, checkIdentificationRemovable, normalizePhoneNumber, phoneNumberInvalid, phoneNumberTaken } from "../state/identity-rules";
import type { PhoneNumber, User } from "../state/records";
import { newPhoneNumber, type Store } from "../state/store";
import { attemptCode, prepareCode, type CodeChannel } from "./identification-codes";

type Settings = Readonly<UserSettings>;

export function ownPhoneNumber(user: User, id: string): PhoneNumber {
  const phone = user.phone_numbers.find((candidate) => candidate.id === id);
  if (!phone) throw notFound("phone number");
  return phone;
}

export function addPhoneNumber(store: Store, settings: Settings, user: User, raw: string | undefined): PhoneNumber {
  if (!settings.attributes.phone_number.enabled) throw attributeNotEnabled("phone_number");
  if (!raw?.trim()) throw formError("form_param_missing", "Enter phone number.", "phone_number");
  const phoneNumber = normalizePhoneNumber(raw);
  if (!phoneNumber) throw phoneNumberInvalid();
  if (store.userByPhone(phoneNumber) || user.phone_numbers.some((phone) => phone.phone_number === phoneNumber)) throw phoneNumberTaken();
  const phone = newPhoneNumber(phoneNumber, null);
  store.updateUser(user.id, (draft) => {
    draft.phone_numbers.push(phone);
  });
  return ownPhoneNumber(store.user(user.id)!, phone.id);
}

const PHONE_CODES: CodeChannel = {
  strategy: "phone_code",
  label: "phone number",
  owner: (store, identification) => ("phone_number" in identification ? store.userByPhone(identification.phone_number) : undefined),
  taken: () => phoneNumberTaken(),
  beforeSending: (identification) => {
    if ("phone_number" in identification) checkCanReceiveCode(identification.phone_number);
  },
  onVerified: (draft, id) => {
    draft.primary_phone_number_id ??= id;
  },
};

export function preparePhoneVerification(store: Store, user: User, phone: PhoneNumber, strategy: string | undefined): PhoneNumber {
  prepareCode(store, PHONE_CODES, user, phone, strategy);
  return ownPhoneNumber(store.user(user.id)!, phone.id);
}

export function attemptPhoneVerification(store: Store, verificationCode: string, user: User, phone: PhoneNumber, code: string | undefined): PhoneNumber {
  return ownPhoneNumber(attemptCode(store, PHONE_CODES, verificationCode, user, phone, code), phone.id);
}

export function deletePhoneNumber(store: Store, settings: Settings, user: User, phone: PhoneNumber): void {
  checkIdentificationRemovable(user, settings, "phone_number", phone.id);
  store.updateUser(user.id, (draft) => {
    draft.phone_numbers = draft.phone_numbers.filter((candidate) => candidate.id !== phone.id);
    if (draft.primary_phone_number_id === phone.id) draft.primary_phone_number_id = null;
  });
}

/** Checks a new `primary_phone_number_id` for PATCH /v1/me: one of the user's own, verified numbers. */
export function checkPrimaryPhoneNumber(user: User, id: string): PhoneNumber {
  const phone = user.phone_numbers.find((candidate) => candidate.id === id);
  if (!phone) throw formError("form_param_value_invalid", "No phone number of yours has this id.", "primary_phone_number_id");
  if (phone.verification?.status !== "verified") {
    throw formError("form_param_value_invalid", "Only a verified phone number can be primary.", "primary_phone_number_id");
  }
  return phone;
}

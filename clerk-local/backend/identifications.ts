// Email addresses and phone numbers managed through the Backend API (`/v1/email_addresses`,
// `/v1/phone_numbers`): Clerk's rules for adding, verifying, making primary and deleting one, the same
// for both kinds. Each operation checks everything before it changes anything, and every change is a
// change to its user (announced as `user.updated`).
import { formError, notFound } from "../http/errors";
import type { UserSettings } from "../settings/instance-defaults";
import { checkKindEnabled, draftIdentification, onlyVerifiedCanBePrimary, type Identification, type IdentificationKind } from "../state/identifications";
import { adminVerification, type User } from "../state/records";
import type { Store } from "../state/store";

export type Owned = { kind: IdentificationKind; user: User; identification: Identification };

const isVerified = (identification: { verification: Identification["verification"] }) => identification.verification?.status === "verified";

export function findIdentification(store: Store, kind: IdentificationKind, id: string): Owned {
  const owned = store.identification(id);
  // An id of the other kind is not found here either.
  if (!owned || !kind.list(owned.user).includes(owned.identification)) throw notFound(kind.label);
  return { kind, ...owned };
}

export type NewIdentification = { kind: IdentificationKind; user: User; value: string; verified: boolean; primary: boolean };

export function addIdentification(store: Store, settings: Readonly<UserSettings>, input: NewIdentification): Identification {
  const { kind, user } = input;
  checkKindEnabled(settings, kind);
  if (kind.owner(store, input.value)) throw kind.taken();
  // The first one becomes primary whatever was asked; another one only if it is verified.
  const first = kind.list(user).length === 0;
  if (input.primary && !input.verified && !first) throw onlyVerifiedCanBePrimary(kind, "primary");
  const record = kind.make(input.value, input.verified ? adminVerification() : null);
  store.updateUser(user.id, (draft) => {
    kind.push(draft, record);
    if (first || input.primary) draft[kind.primary] = record.id;
  });
  return findIdentification(store, kind, record.id).identification;
}

export type IdentificationChange = { verified?: boolean; primary?: boolean };

export function updateIdentification(store: Store, { kind, user, identification }: Owned, change: IdentificationChange): Identification {
  const isPrimary = user[kind.primary] === identification.id;
  const willBeVerified = change.verified ?? isVerified(identification);
  if (isPrimary && !willBeVerified) {
    throw formError("form_param_value_invalid", `The primary ${kind.label} must stay verified.`, "verified");
  }
  if (change.primary === true && !willBeVerified) throw onlyVerifiedCanBePrimary(kind, "primary");
  if (change.primary === false && isPrimary) {
    throw formError("form_param_value_invalid", `Make another ${kind.label} primary instead of unsetting this one.`, "primary");
  }
  const now = Date.now();
  store.updateUser(
    user.id,
    (draft) => {
      const target = draftIdentification(draft, identification.id)!;
      if (change.verified !== undefined && change.verified !== isVerified(target)) {
        target.verification = change.verified ? adminVerification() : null;
        target.updated_at = now;
      }
      if (change.primary === true) draft[kind.primary] = identification.id;
    },
    now,
  );
  return findIdentification(store, kind, identification.id).identification;
}

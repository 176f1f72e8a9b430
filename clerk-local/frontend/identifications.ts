// The signed-in user's email addresses and phone numbers ("Manage account" > Profile): add one, verify
// it with a code, make it primary, remove it; the same steps and Clerk's same errors for both kinds. An
// added one identifies nobody until it is verified; the first phone number verified becomes primary.
import { formError, notFound } from "../http/errors";
import type { UserSettings } from "../settings/instance-defaults";
import { checkKindEnabled, draftIdentification, onlyVerifiedCanBePrimary, type Identification, type IdentificationKind } from "../state/identifications";
import type { User } from "../state/records";
import type { Store } from "../state/store";
import { checkCode, codeExpiry, verificationNotSent } from "../state/verification-codes";

type Settings = Readonly<UserSettings>;

export function ownIdentification(kind: IdentificationKind, user: User, id: string): Identification {
  const identification = kind.list(user).find((candidate) => candidate.id === id);
  if (!identification) throw notFound(kind.label);
  return identification;
}

export function addIdentification(store: Store, settings: Settings, kind: IdentificationKind, user: User, raw: string | undefined): Identification {
  checkKindEnabled(settings, kind);
  const value = kind.parse(raw);
  if (kind.owner(store, value) || kind.list(user).some((identification) => kind.valueOf(identification) === value)) throw kind.taken();
  const record = kind.make(value, null);
  const updated = store.updateUser(user.id, (draft) => kind.push(draft, record));
  return ownIdentification(kind, updated, record.id);
}

export function prepareVerification(store: Store, kind: IdentificationKind, user: User, identification: Identification, strategy: string | undefined, now = Date.now()): Identification {
  if (!strategy) throw formError("form_param_missing", "strategy is missing.", "strategy");
  // Email links and enterprise SSO are off here: the code is what <UserProfile/> asks for.
  if (strategy !== kind.strategy) throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
  if (identification.verification?.status === "verified") {
    throw formError("verification_already_verified", `This ${kind.label} has already been verified.`, "strategy");
  }
  kind.beforeSending(kind.valueOf(identification));
  store.setIdentificationVerification(user.id, identification.id, { status: "unverified", strategy, attempts: 0, expire_at: codeExpiry(now) }, now);
  return ownIdentification(kind, store.user(user.id)!, identification.id);
}

export function attemptVerification(
  store: Store,
  kind: IdentificationKind,
  verificationCode: string,
  user: User,
  identification: Identification,
  code: string | undefined,
  now = Date.now(),
): Identification {
  const verification = identification.verification;
  if (verification?.status === "verified") throw formError("verification_already_verified", `This ${kind.label} has already been verified.`, "code");
  if (!verification || verification.strategy !== kind.strategy) throw verificationNotSent();
  if (!code) throw formError("form_param_missing", "Enter code.", "code");
  // A right code is written below, once the address or number is known to be nobody else's.
  const verified = checkCode(verification, code, verificationCode, (next) => {
    if (next.status !== "verified") store.setIdentificationVerification(user.id, identification.id, next, now);
  }, now);
  // Someone else may have verified the same address or number since it was added here.
  const owner = kind.owner(store, kind.valueOf(identification));
  if (owner && owner.id !== user.id) throw kind.taken();
  const updated = store.updateUser(
    user.id,
    (draft) => {
      const target = draftIdentification(draft, identification.id)!;
      target.verification = verified;
      target.updated_at = now;
      if (kind.name === "phone_number") draft.primary_phone_number_id ??= identification.id;
    },
    now,
  );
  return ownIdentification(kind, updated, identification.id);
}

/** Checks a new primary one for PATCH /v1/me (`primary_email_address_id`, `primary_phone_number_id`): the user's own, verified. */
export function checkPrimary(kind: IdentificationKind, user: User, id: string): Identification {
  const identification = kind.list(user).find((candidate) => candidate.id === id);
  if (!identification) throw formError("form_param_value_invalid", `No ${kind.label} of yours has this id.`, kind.primary);
  if (identification.verification?.status !== "verified") throw onlyVerifiedCanBePrimary(kind, kind.primary);
  return identification;
}

// Verifying one of the signed-in user's email addresses or phone numbers with a code, as "Manage account"
// does after adding one: the same steps and Clerk's same errors for both kinds.
import type { ClerkError } from "../http/errors";
import { formError } from "../http/errors";
import type { EmailAddress, PhoneNumber, User, UserRecord } from "../state/records";
import type { Store } from "../state/store";

const VERIFICATION_WINDOW_MS = 10 * 60 * 1000;

type Identification = EmailAddress | PhoneNumber;

/** What differs between the two kinds. */
export type CodeChannel = {
  strategy: "email_code" | "phone_code";
  label: "email address" | "phone number";
  /** Who else has verified the same address or number, if anybody. */
  owner: (store: Store, identification: Identification) => User | undefined;
  taken: () => ClerkError;
  /** Checks before a code is (here: pretends to be) sent. */
  beforeSending?: (identification: Identification) => void;
  /** Further changes once verified (a first phone number becomes primary). */
  onVerified?: (draft: UserRecord, id: string) => void;
};

const identificationOf = (draft: UserRecord, id: string) => [...draft.email_addresses, ...draft.phone_numbers].find((candidate) => candidate.id === id);

export function prepareCode(store: Store, channel: CodeChannel, user: User, identification: Identification, strategy: string | undefined, now = Date.now()): void {
  if (!strategy) throw formError("form_param_missing", "strategy is missing.", "strategy");
  if (strategy !== channel.strategy) throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
  if (identification.verification?.status === "verified") {
    throw formError("verification_already_verified", `This ${channel.label} has already been verified.`, "strategy");
  }
  channel.beforeSending?.(identification);
  store.setIdentificationVerification(user.id, identification.id, { status: "unverified", strategy, attempts: 0, expire_at: now + VERIFICATION_WINDOW_MS }, now);
}

export function attemptCode(
  store: Store,
  channel: CodeChannel,
  verificationCode: string,
  user: User,
  identification: Identification,
  code: string | undefined,
  now = Date.now(),
): User {
  const verification = identification.verification;
  if (verification?.status === "verified") throw formError("verification_already_verified", `This ${channel.label} has already been verified.`, "code");
  if (!verification || verification.strategy !== channel.strategy) {
    throw formError("verification_not_sent", "You need to send a verification code before attempting to verify.", "code");
  }
  if (!code) throw formError("form_param_missing", "Enter code.", "code");
  if (verification.expire_at !== null && verification.expire_at < now) {
    store.setIdentificationVerification(user.id, identification.id, { ...verification, status: "expired" }, now);
    throw formError("verification_expired", "This verification has expired.", "code", "The verification code has expired. Request a new one.");
  }
  const attempts = (verification.attempts ?? 0) + 1;
  if (code !== verificationCode) {
    store.setIdentificationVerification(user.id, identification.id, { ...verification, attempts }, now);
    throw formError("form_code_incorrect", "Incorrect code", "code");
  }
  // Someone else may have verified the same address or number since it was added here.
  const owner = channel.owner(store, identification);
  if (owner && owner.id !== user.id) throw channel.taken();
  return store.updateUser(
    user.id,
    (draft) => {
      const target = identificationOf(draft, identification.id)!;
      target.verification = { ...verification, attempts, status: "verified" };
      target.updated_at = now;
      channel.onVerified?.(draft, identification.id);
    },
    now,
  );
}

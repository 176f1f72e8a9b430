// The sign-up flow: email and password, the email verified with a code, then the user and a session.
import { formError } from "../http/errors";
import { checkNewPassword, isEmailAddress, normalizeEmail } from "../state/identity-rules";
import { hashPassword } from "../state/passwords";
import type { Client, SignUp } from "../state/records";
import type { Store } from "../state/store";
import { acceptInvitation, type InvitationChange } from "./sign-up-ticket";

const VERIFICATION_WINDOW_MS = 10 * 60 * 1000;

/** The fields of a sign-up form, checked; nothing is changed until all of them pass. */
export type SignUpChange = { email_address?: string; password_hash?: string; first_name?: string | null; last_name?: string | null } & InvitationChange;

export function checkSignUpFields(store: Store, form: Record<string, string>): SignUpChange {
  const change: SignUpChange = {};
  if (form.email_address !== undefined) {
    const address = normalizeEmail(form.email_address);
    if (!isEmailAddress(address)) {
      throw formError("form_param_format_invalid", "Enter email address in the correct format.", "email_address");
    }
    if (store.userByEmail(address)) {
      throw formError("form_identifier_exists", "That email address is taken. Please try another.", "email_address");
    }
    change.email_address = address;
  }
  if (form.password !== undefined) {
    checkNewPassword(form.password);
    change.password_hash = hashPassword(form.password);
  }
  if (form.first_name !== undefined) change.first_name = form.first_name.trim() || null;
  if (form.last_name !== undefined) change.last_name = form.last_name.trim() || null;
  return change;
}

export function applySignUpChange(store: Store, signUp: SignUp, change: SignUpChange): SignUp {
  return store.updateSignUp(signUp.id, (draft) => {
    // A new address needs a new code.
    if (change.email_address !== undefined && change.email_address !== draft.email_address) draft.email_verification = null;
    Object.assign(draft, change);
  });
}

export function completeSignUpIfReady(store: Store, client: Client, signUp: SignUp): void {
  if (!signUp.email_address || !signUp.password_hash || signUp.email_verification?.status !== "verified") return;
  acceptInvitation(store, signUp);
  const user = store.createUser({
    email_addresses: [signUp.email_address],
    first_name: signUp.first_name,
    last_name: signUp.last_name,
    public_metadata: structuredClone(signUp.public_metadata) as Record<string, unknown>,
    password_hash: signUp.password_hash,
    verification: structuredClone(signUp.email_verification),
  });
  const session = store.createSession(user.id, client.id);
  store.updateSignUp(signUp.id, (draft) => {
    draft.status = "complete";
    draft.created_user_id = user.id;
    draft.created_session_id = session.id;
  });
}

export function prepareSignUpVerification(store: Store, signUp: SignUp, strategy: string | undefined): void {
  if (strategy !== "email_code") throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
  if (!signUp.email_address) throw formError("form_param_missing", "Enter email address.", "email_address");
  store.updateSignUp(signUp.id, (draft) => {
    draft.email_verification = { status: "unverified", strategy: "email_code", attempts: 0, expire_at: Date.now() + VERIFICATION_WINDOW_MS };
  });
}

export function attemptSignUpVerification(store: Store, verificationCode: string, client: Client, signUp: SignUp, code: string | undefined): void {
  if (!signUp.email_verification) {
    throw formError("verification_not_sent", "You need to send a verification code before attempting to verify.", "code");
  }
  const correct = code === verificationCode;
  store.updateSignUp(signUp.id, (draft) => {
    const verification = draft.email_verification!;
    if (correct) verification.status = "verified";
    else verification.attempts = (verification.attempts ?? 0) + 1;
  });
  if (!correct) throw formError("form_code_incorrect", "Incorrect code", "code");
  completeSignUpIfReady(store, client, signUp);
}

// The sign-up flow: email and password, the email verified with a code, then the user and a session.
import type { LocalClerk } from "../context";
import { formError } from "../http/errors";
import { checkNewPassword, EMAIL_PATTERN } from "../state/identity-rules";
import { newId } from "../state/ids";
import { hashPassword, type Client, type SignUp } from "../state/store";

const VERIFICATION_WINDOW_MS = 10 * 60 * 1000;

export function newSignUp(): SignUp {
  return {
    id: newId("sua"),
    status: "missing_requirements",
    email_address: null,
    password_hash: null,
    first_name: null,
    last_name: null,
    email_verification: null,
    created_user_id: null,
    created_session_id: null,
    created_at: Date.now(),
  };
}

export function applySignUpFields(clerk: LocalClerk, signUp: SignUp, form: Record<string, string>): void {
  if (form.email_address !== undefined) {
    const address = form.email_address.trim().toLowerCase();
    if (!EMAIL_PATTERN.test(address)) {
      throw formError("form_param_format_invalid", "Enter email address in the correct format.", "email_address");
    }
    if (clerk.store.findUserByEmail(address)) {
      throw formError("form_identifier_exists", "That email address is taken. Please try another.", "email_address");
    }
    if (signUp.email_address !== address) signUp.email_verification = null;
    signUp.email_address = address;
  }
  if (form.password !== undefined) {
    checkNewPassword(form.password);
    signUp.password_hash = hashPassword(form.password);
  }
  if (form.first_name !== undefined) signUp.first_name = form.first_name.trim() || null;
  if (form.last_name !== undefined) signUp.last_name = form.last_name.trim() || null;
}

export function completeSignUpIfReady(clerk: LocalClerk, client: Client, signUp: SignUp): void {
  if (!signUp.email_address || !signUp.password_hash || signUp.email_verification?.status !== "verified") return;
  const user = clerk.store.createUser({
    email_addresses: [signUp.email_address],
    first_name: signUp.first_name,
    last_name: signUp.last_name,
    password_hash: signUp.password_hash,
    verification: signUp.email_verification,
  });
  const session = clerk.store.createSession(user.id, client);
  signUp.status = "complete";
  signUp.created_user_id = user.id;
  signUp.created_session_id = session.id;
}

export function prepareSignUpVerification(signUp: SignUp, strategy: string | undefined): void {
  if (strategy !== "email_code") throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
  if (!signUp.email_address) throw formError("form_param_missing", "Enter email address.", "email_address");
  signUp.email_verification = {
    status: "unverified",
    strategy: "email_code",
    attempts: 0,
    expire_at: Date.now() + VERIFICATION_WINDOW_MS,
  };
}

export function attemptSignUpVerification(clerk: LocalClerk, client: Client, signUp: SignUp, code: string | undefined): void {
  const verification = signUp.email_verification;
  if (!verification) {
    throw formError("verification_not_sent", "You need to send a verification code before attempting to verify.", "code");
  }
  if (code !== clerk.config.verificationCode) {
    verification.attempts = (verification.attempts ?? 0) + 1;
    throw formError("form_code_incorrect", "Incorrect code", "code");
  }
  verification.status = "verified";
  completeSignUpIfReady(clerk, client, signUp);
}

// The sign-in flow: identifier first, then a first factor (password or email code).
import type { LocalClerk } from "../context";
import { formError } from "../http/errors";
import { newId } from "../state/ids";
import { passwordMatches, type Client, type SignIn } from "../state/store";

export function startSignIn(clerk: LocalClerk, client: Client, identifier: string): SignIn {
  const user = clerk.store.findUserByEmail(identifier) ?? clerk.store.findUserByUsername(identifier);
  if (!user) throw formError("form_identifier_not_found", "Couldn't find your account.", "identifier");
  const signIn: SignIn = {
    id: newId("sia"),
    identifier,
    user_id: user.id,
    status: "needs_first_factor",
    first_factor: null,
    created_session_id: null,
  };
  clerk.store.signIns.set(signIn.id, signIn);
  client.sign_in_id = signIn.id;
  return signIn;
}

function completeSignIn(clerk: LocalClerk, client: Client, signIn: SignIn, strategy: string): void {
  if (!signIn.user_id) throw formError("form_identifier_not_found", "Couldn't find your account.", "identifier");
  const session = clerk.store.createSession(signIn.user_id, client);
  signIn.status = "complete";
  signIn.first_factor = { strategy, status: "verified", attempts: (signIn.first_factor?.attempts ?? 0) + 1 };
  signIn.created_session_id = session.id;
}

export function attemptPassword(clerk: LocalClerk, client: Client, signIn: SignIn, password: string | undefined): void {
  const user = signIn.user_id ? clerk.store.users.get(signIn.user_id) : undefined;
  if (!user || !password || !passwordMatches(user.password_hash, password)) {
    signIn.first_factor = { strategy: "password", status: "failed", attempts: (signIn.first_factor?.attempts ?? 0) + 1 };
    // The components show the server's text for this code, so it must be Clerk's own wording.
    throw formError("form_password_incorrect", "Password is incorrect. Try again, or use another method.", "password");
  }
  completeSignIn(clerk, client, signIn, "password");
}

export function prepareEmailCode(signIn: SignIn): void {
  signIn.first_factor = { strategy: "email_code", status: "unverified", attempts: 0 };
}

export function attemptEmailCode(clerk: LocalClerk, client: Client, signIn: SignIn, code: string | undefined): void {
  if (signIn.first_factor?.strategy !== "email_code") {
    throw formError("verification_not_sent", "You need to send a verification code before attempting to verify.", "code");
  }
  if (code !== clerk.config.verificationCode) {
    signIn.first_factor.attempts += 1;
    throw formError("form_code_incorrect", "Incorrect code", "code");
  }
  completeSignIn(clerk, client, signIn, "email_code");
}

// The sign-in flow: identifier first, then a first factor (password, email code, or a reset-password
// code followed by a new password), or in one step with a Backend API sign-in token (`ticket`).
import type { LocalClerk } from "../context";
import { ClerkError, formError } from "../http/errors";
import { checkNewPassword } from "../state/identity-rules";
import { newId } from "../state/ids";
import { hashPassword, passwordMatches, type Client, type SignIn, type User } from "../state/store";

const CODE_LIFETIME_MS = 10 * 60 * 1000;
const RESET_STRATEGY = "reset_password_email_code";

function newSignIn(clerk: LocalClerk, client: Client, user: User, identifier: string): SignIn {
  const signIn: SignIn = {
    id: newId("sia"),
    identifier,
    user_id: user.id,
    status: "needs_first_factor",
    first_factor: null,
    created_session_id: null,
    created_at: Date.now(),
  };
  clerk.store.signIns.set(signIn.id, signIn);
  client.sign_in_id = signIn.id;
  return signIn;
}

export function startSignIn(clerk: LocalClerk, client: Client, identifier: string): SignIn {
  const user = clerk.store.findUserByEmail(identifier) ?? clerk.store.findUserByUsername(identifier);
  if (!user) throw formError("form_identifier_not_found", "Couldn't find your account.", "identifier");
  return newSignIn(clerk, client, user, identifier);
}

function signInUser(clerk: LocalClerk, signIn: SignIn): User {
  const user = signIn.user_id ? clerk.store.users.get(signIn.user_id) : undefined;
  if (!user) throw formError("form_identifier_not_found", "Couldn't find your account.", "identifier");
  return user;
}

function completeSignIn(clerk: LocalClerk, client: Client, signIn: SignIn, strategy: string): void {
  const session = clerk.store.createSession(signInUser(clerk, signIn).id, client);
  signIn.status = "complete";
  signIn.created_session_id = session.id;
  client.last_authentication_strategy = strategy;
}

export function attemptPassword(clerk: LocalClerk, client: Client, signIn: SignIn, password: string | undefined): void {
  const user = signIn.user_id ? clerk.store.users.get(signIn.user_id) : undefined;
  const attempts = (signIn.first_factor?.strategy === "password" ? signIn.first_factor.attempts : 0) + 1;
  if (!user || !password || !passwordMatches(user.password_hash, password)) {
    // A password verification is only ever unverified or verified (Clerk's verification_password).
    signIn.first_factor = { strategy: "password", status: "unverified", attempts, expire_at: null };
    // The components show the server's text for this code, so it must be Clerk's own wording.
    throw formError("form_password_incorrect", "Password is incorrect. Try again, or use another method.", "password");
  }
  signIn.first_factor = { strategy: "password", status: "verified", attempts, expire_at: null };
  completeSignIn(clerk, client, signIn, "password");
}

/** Sends (here: pretends to send) a code for `email_code` or `reset_password_email_code`. */
export function prepareEmailCode(clerk: LocalClerk, signIn: SignIn, strategy: string, emailAddressId: string | undefined): void {
  const user = signInUser(clerk, signIn);
  if (emailAddressId !== undefined && !user.email_addresses.some((email) => email.id === emailAddressId)) {
    throw formError("form_param_value_invalid", "email_address_id does not belong to this sign-in's user.", "email_address_id");
  }
  signIn.first_factor = { strategy, status: "unverified", attempts: 0, expire_at: Date.now() + CODE_LIFETIME_MS };
}

export function attemptEmailCode(
  clerk: LocalClerk,
  client: Client,
  signIn: SignIn,
  strategy: string,
  code: string | undefined,
): void {
  const factor = signIn.first_factor;
  if (factor?.strategy !== strategy || factor.status === "verified") {
    throw formError("verification_not_sent", "You need to send a verification code before attempting to verify.", "code");
  }
  if (factor.expire_at !== null && Date.now() > factor.expire_at) {
    factor.status = "expired";
    throw formError("verification_expired", "This verification has expired. You need to send a new code.", "code");
  }
  if (code !== clerk.config.verificationCode) {
    factor.attempts += 1;
    throw formError("form_code_incorrect", "Incorrect code", "code");
  }
  factor.attempts += 1;
  factor.status = "verified";
  if (strategy === RESET_STRATEGY) signIn.status = "needs_new_password";
  else completeSignIn(clerk, client, signIn, strategy);
}

/**
 * `reset_password`: after a verified reset code, sets the new password and completes the sign-in;
 * `signOutOfOtherSessions` ends the user's sessions everywhere but the new one.
 */
export function resetPassword(
  clerk: LocalClerk,
  client: Client,
  signIn: SignIn,
  password: string | undefined,
  signOutOfOtherSessions: boolean,
): void {
  if (signIn.status !== "needs_new_password") {
    throw new ClerkError({
      status: 400,
      code: "sign_in_not_ready",
      message: "Verify a reset password code before setting a new password.",
    });
  }
  if (!password) throw formError("form_param_missing", "Enter password.", "password");
  checkNewPassword(password);
  const user = signInUser(clerk, signIn);
  user.password_hash = hashPassword(password);
  clerk.store.touchUser(user);
  completeSignIn(clerk, client, signIn, signIn.first_factor?.strategy ?? RESET_STRATEGY);
  if (!signOutOfOtherSessions) return;
  for (const session of clerk.store.sessions.values()) {
    if (session.user_id === user.id && session.status === "active" && session.id !== signIn.created_session_id) {
      clerk.store.endSession(session, "revoked");
    }
  }
}

const ticketError = (code: string, message: string) => formError(code, message, "ticket");

/** `strategy=ticket`: a pending, unexpired sign-in token signs its user in at once, and only once. */
export function signInWithTicket(clerk: LocalClerk, client: Client, ticket: string | undefined): SignIn {
  if (!ticket) throw formError("form_param_missing", "ticket must be included.", "ticket");
  const token = [...clerk.store.signInTokens.values()].find((candidate) => candidate.token === ticket);
  if (!token || token.status !== "pending") {
    throw ticketError("ticket_invalid", "This sign-in token is invalid, revoked or already used.");
  }
  if (Date.now() > token.expire_at) throw ticketError("ticket_expired", "This sign-in token has expired.");
  const user = clerk.store.users.get(token.user_id);
  if (!user) throw ticketError("ticket_invalid", "This sign-in token is invalid, revoked or already used.");
  const primary = user.email_addresses.find((email) => email.id === user.primary_email_address_id);
  const signIn = newSignIn(clerk, client, user, primary?.email_address ?? user.username ?? user.id);
  signIn.first_factor = { strategy: "ticket", status: "verified", attempts: 1, expire_at: null };
  token.status = "accepted";
  token.updated_at = Date.now();
  completeSignIn(clerk, client, signIn, "ticket");
  return signIn;
}

// The sign-in flow: identifier first (email address, username or phone number, as the instance takes
// them), then a first factor (password, email or SMS code, or a reset-password code followed by a new
// password), or in one step with a Backend API sign-in token (`ticket`).
import { ClerkError, formError } from "../http/errors";
import type { UserSettings } from "../settings/instance-defaults";
import { EMAIL_ADDRESSES, PHONE_NUMBERS } from "../state/identifications";
import { checkNewPassword, normalizePhoneNumber, signInIdentifiers, type Identifier } from "../state/identity-rules";
import { hashPassword, passwordMatches } from "../state/passwords";
import type { Client, SignIn, User } from "../state/records";
import type { Store } from "../state/store";
import { checkCode, codeExpiry, verificationNotSent } from "../state/verification-codes";

const RESET_STRATEGIES = ["reset_password_email_code", "reset_password_phone_code"];
/** Strategies whose code goes to a phone number; the others' goes to an email address. */
const PHONE_STRATEGIES = ["phone_code", "reset_password_phone_code"];

type Settings = Readonly<UserSettings>;

const notFoundIdentifier = () => formError("form_identifier_not_found", "Couldn't find your account.", "identifier");

/**
 * What an identifier is: an address has an `@`; a phone number is digits (with `+`, spaces, dashes
 * or brackets), and must start with `+` where all-digit usernames are allowed; anything else is a username.
 */
export function identifierKind(identifier: string, settings: Settings): Identifier {
  if (identifier.includes("@")) return "email_address";
  const looksLikePhone = /^\+?[\d\s().-]+$/.test(identifier) && identifier.replace(/\D/g, "").length >= 7;
  if (looksLikePhone && (identifier.startsWith("+") || !settings.username_settings.allow_numeric_usernames)) return "phone_number";
  return "username";
}

/** Clerk's answer to an identifier of a kind the instance does not sign in with. */
const identifierNotAccepted = (settings: Settings) =>
  formError(
    "form_param_format_invalid",
    "Identifier is invalid.",
    "identifier",
    `This instance signs in with: ${signInIdentifiers(settings).join(", ").replace(/_/g, " ")}.`,
  );

/**
 * Single-session mode: a browser with a session gets `session_exists`. The answer carries the client,
 * so a tab that has not seen the session yet adopts it and clerk-js turns the error into a redirect.
 */
export function sessionExists(client: unknown): ClerkError {
  return new ClerkError({ status: 400, code: "session_exists", message: "You're already signed in.", longMessage: "You're already signed in.", meta: { client } });
}

export function startSignIn(store: Store, settings: Settings, client: Client, identifier: string): SignIn {
  const kind = identifierKind(identifier, settings);
  if (!signInIdentifiers(settings).includes(kind)) throw identifierNotAccepted(settings);
  const phoneNumber = kind === "phone_number" ? normalizePhoneNumber(identifier) : null;
  const user =
    kind === "email_address" ? store.userByEmail(identifier) : kind === "username" ? store.userByUsername(identifier) : phoneNumber ? store.userByPhone(phoneNumber) : undefined;
  if (!user) throw notFoundIdentifier();
  return store.createSignIn(client.id, { identifier, user_id: user.id });
}

function signInUser(store: Store, signIn: SignIn): User {
  const user = signIn.user_id ? store.user(signIn.user_id) : undefined;
  if (!user) throw notFoundIdentifier();
  return user;
}

function completeSignIn(store: Store, client: Client, signIn: SignIn, strategy: string): void {
  const session = store.createSession(signInUser(store, signIn).id, client.id);
  store.updateSignIn(signIn.id, (draft) => {
    draft.status = "complete";
    draft.created_session_id = session.id;
  });
  store.updateClient(client.id, { last_authentication_strategy: strategy });
}

const strategyNotSupported = () => formError("form_param_value_invalid", "This strategy is not supported.", "strategy");

export function attemptPassword(store: Store, settings: Settings, client: Client, signIn: SignIn, password: string | undefined): void {
  if (!settings.attributes.password.enabled) throw strategyNotSupported();
  const user = signIn.user_id ? store.user(signIn.user_id) : undefined;
  const attempts = (signIn.first_factor?.strategy === "password" ? signIn.first_factor.attempts : 0) + 1;
  const verified = Boolean(user && password && passwordMatches(user.password_hash, password));
  // A password verification is only ever unverified or verified (Clerk's verification_password).
  store.updateSignIn(signIn.id, (draft) => {
    draft.first_factor = { strategy: "password", status: verified ? "verified" : "unverified", attempts, expire_at: null };
  });
  // The components show the server's text for this code, so it must be Clerk's own wording.
  if (!verified) throw formError("form_password_incorrect", "Password is incorrect. Try again, or use another method.", "password");
  completeSignIn(store, client, signIn, "password");
}

/** The code strategies the instance lets a sign-in be prepared and attempted with. */
export function firstFactorStrategies(settings: Settings): string[] {
  const { email_address: email, phone_number: phone, password } = settings.attributes;
  return [
    ...(email.enabled && email.first_factors.includes("email_code") ? ["email_code"] : []),
    ...(email.enabled && password.enabled ? ["reset_password_email_code"] : []),
    ...(phone.enabled && phone.first_factors.includes("phone_code") ? ["phone_code"] : []),
    ...(phone.enabled && password.enabled ? ["reset_password_phone_code"] : []),
  ];
}

/** `prepare_first_factor`: a code is (here: pretends to be) sent; a password needs no preparing. */
export function prepareFirstFactor(store: Store, settings: Settings, signIn: SignIn, form: Record<string, string>): void {
  if (!form.strategy) throw formError("form_param_missing", "strategy must be included.", "strategy");
  if (form.strategy === "password") return;
  if (!firstFactorStrategies(settings).includes(form.strategy)) throw strategyNotSupported();
  prepareCode(store, signIn, form.strategy, form);
}

/** `attempt_first_factor` with a password or a code. */
export function attemptFirstFactor(store: Store, settings: Settings, verificationCode: string, client: Client, signIn: SignIn, form: Record<string, string>): void {
  if (signIn.status === "complete") throw formError("sign_in_already_complete", "This sign in is already complete.");
  if (form.strategy === "password") attemptPassword(store, settings, client, signIn, form.password);
  else if (form.strategy && firstFactorStrategies(settings).includes(form.strategy)) attemptCode(store, verificationCode, client, signIn, form.strategy, form.code);
  else throw strategyNotSupported();
}

/**
 * Sends (here: pretends to send) a code to the user's address (`email_address_id`) or number
 * (`phone_number_id`), their primary one when the request names none.
 */
function prepareCode(store: Store, signIn: SignIn, strategy: string, form: Record<string, string>): void {
  const user = signInUser(store, signIn);
  const kind = PHONE_STRATEGIES.includes(strategy) ? PHONE_NUMBERS : EMAIL_ADDRESSES;
  const param = `${kind.name}_id`;
  const id = form[param] ?? user[kind.primary];
  if (!id) throw strategyNotSupported();
  const target = kind.list(user).find((identification) => identification.id === id);
  if (!target) throw formError("form_param_value_invalid", `${param} does not belong to this sign-in's user.`, param);
  kind.beforeSending(kind.valueOf(target), param);
  store.updateSignIn(signIn.id, (draft) => {
    draft.first_factor = { strategy, status: "unverified", attempts: 0, expire_at: codeExpiry(), identification_id: target.id };
  });
}

function attemptCode(
  store: Store,
  verificationCode: string,
  client: Client,
  signIn: SignIn,
  strategy: string,
  code: string | undefined,
): void {
  const factor = signIn.first_factor;
  if (factor?.strategy !== strategy || factor.status === "verified") throw verificationNotSent();
  const reset = RESET_STRATEGIES.includes(strategy);
  checkCode(factor, code, verificationCode, (next) =>
    store.updateSignIn(signIn.id, (draft) => {
      draft.first_factor = next;
      if (next.status === "verified" && reset) draft.status = "needs_new_password";
    }),
  );
  if (!reset) completeSignIn(store, client, signIn, strategy);
}

/**
 * `reset_password`: after a verified reset code, sets the new password and completes the sign-in;
 * `signOutOfOtherSessions` ends the user's sessions everywhere but the new one.
 */
export function resetPassword(
  store: Store,
  settings: Settings,
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
  checkNewPassword(password, settings.password_settings);
  const user = signInUser(store, signIn);
  store.updateUser(user.id, (draft) => {
    draft.password_hash = hashPassword(password);
  });
  completeSignIn(store, client, signIn, signIn.first_factor?.strategy ?? "reset_password_email_code");
  if (signOutOfOtherSessions) store.revokeSessionsOfUser(user.id, signIn.created_session_id);
}

const ticketError = (code: string, message: string) => formError(code, message, "ticket");

/** `strategy=ticket`: a pending, unexpired sign-in token signs its user in at once, and only once. */
export function signInWithTicket(store: Store, client: Client, ticket: string | undefined): SignIn {
  if (!ticket) throw formError("form_param_missing", "ticket must be included.", "ticket");
  const token = store.signInTokenBySecret(ticket);
  const invalid = () => ticketError("ticket_invalid", "This sign-in token is invalid, revoked or already used.");
  if (!token || token.status !== "pending") throw invalid();
  if (Date.now() > token.expire_at) throw ticketError("ticket_expired", "This sign-in token has expired.");
  const user = store.user(token.user_id);
  if (!user) throw invalid();
  const primary = user.email_addresses.find((email) => email.id === user.primary_email_address_id);
  const signIn = store.createSignIn(client.id, { identifier: primary?.email_address ?? user.username ?? user.id, user_id: user.id });
  store.updateSignIn(signIn.id, (draft) => {
    draft.first_factor = { strategy: "ticket", status: "verified", attempts: 1, expire_at: null };
  });
  store.setSignInTokenStatus(token.id, "accepted");
  completeSignIn(store, client, signIn, "ticket");
  return signIn;
}

// The sign-up flow, as the instance's settings make it: the identifiers and names it has turned on, its
// password and username rules, a code for the email address and one for the phone number when they are
// verified at sign-up, then the user (with the sign-up's unsafe metadata and locale) and a session once
// nothing is missing.
import { formError } from "../http/errors";
import type { UserSettings } from "../settings/instance-defaults";
import { attributeNotEnabled, checkNewPassword, checkUsername, usernameTaken } from "../state/identity-rules";
import { EMAIL_ADDRESSES, PHONE_NUMBERS } from "../state/identifications";
import { metadataFromFormField } from "../state/metadata";
import { hashPassword } from "../state/passwords";
import type { Client, SignUp } from "../state/records";
import { isReadyToComplete, verifiesAtSignUp } from "../state/sign-up-requirements";
import type { Store } from "../state/store";
import { checkCode, codeExpiry, verificationNotSent } from "../state/verification-codes";
import { MAX_NAME_LENGTH, unsafeMetadataInvalid } from "./account";
import { acceptInvitation, type InvitationChange } from "./sign-up-ticket";

const MAX_LOCALE_LENGTH = 64;

type Settings = Readonly<UserSettings>;

/** The fields of a sign-up form, checked; nothing is changed until all of them pass. */
export type SignUpChange = {
  email_address?: string | null;
  phone_number?: string | null;
  username?: string | null;
  password_hash?: string;
  first_name?: string | null;
  last_name?: string | null;
  unsafe_metadata?: Record<string, unknown>;
  locale?: string | null;
} & Omit<InvitationChange, "email_address">;

/** A form value; clerk-js sends the instance's optional fields empty when left blank, which gives nothing. */
function value(form: Record<string, string>, key: string, settings: Settings, attribute: keyof Settings["attributes"]): string | null | undefined {
  const raw = form[key];
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (trimmed && !settings.attributes[attribute].enabled) throw attributeNotEnabled(key);
  return trimmed || null;
}

export function checkSignUpFields(store: Store, settings: Settings, form: Record<string, string>): SignUpChange {
  const change: SignUpChange = {};
  for (const kind of [EMAIL_ADDRESSES, PHONE_NUMBERS]) {
    const given = value(form, kind.name, settings, kind.name);
    if (given === undefined) continue;
    const parsed = given === null ? null : kind.parse(given);
    if (parsed && kind.owner(store, parsed)) throw kind.taken();
    // A code will be sent before the sign-up can complete: refused now, beside the field, if it cannot be.
    if (parsed && verifiesAtSignUp(settings, kind.name)) kind.beforeSending(parsed, kind.name);
    change[kind.name] = parsed;
  }
  const username = value(form, "username", settings, "username");
  if (username) {
    checkUsername(username, settings.username_settings);
    if (store.userByUsername(username)) throw usernameTaken();
  }
  if (username !== undefined) change.username = username;
  if (form.password) {
    if (!settings.attributes.password.enabled) throw attributeNotEnabled("password");
    checkNewPassword(form.password, settings.password_settings);
    change.password_hash = hashPassword(form.password);
  }
  for (const key of ["first_name", "last_name"] as const) {
    const name = value(form, key, settings, key);
    if (name && name.length > MAX_NAME_LENGTH) throw formError("form_param_format_invalid", `Names must be ${MAX_NAME_LENGTH} characters or fewer.`, key);
    if (name !== undefined) change[key] = name;
  }
  if (form.unsafe_metadata) {
    const metadata = metadataFromFormField(form.unsafe_metadata);
    if (!metadata) throw unsafeMetadataInvalid();
    change.unsafe_metadata = metadata;
  }
  if (form.locale) change.locale = form.locale.slice(0, MAX_LOCALE_LENGTH);
  return change;
}

export function applySignUpChange(store: Store, signUp: SignUp, change: SignUpChange): SignUp {
  return store.updateSignUp(signUp.id, (draft) => {
    // A new address or number needs a new code.
    if (change.email_address !== undefined && change.email_address !== draft.email_address) draft.email_verification = null;
    if (change.phone_number !== undefined && change.phone_number !== draft.phone_number) draft.phone_verification = null;
    Object.assign(draft, change);
  });
}

/** Makes the user and its session once the sign-up lacks nothing; an identifier taken meanwhile is refused. */
export function completeSignUpIfReady(store: Store, settings: Settings, client: Client, signUp: SignUp): void {
  if (signUp.status === "complete" || !isReadyToComplete(signUp, settings)) return;
  for (const kind of [EMAIL_ADDRESSES, PHONE_NUMBERS]) {
    const value = signUp[kind.name];
    // An invited address taken meanwhile is the invitation's own error, which accepting it gives.
    const invited = kind === EMAIL_ADDRESSES && signUp.invitation_id !== null;
    if (value && !invited && kind.owner(store, value)) throw kind.taken();
  }
  if (signUp.username && store.userByUsername(signUp.username)) throw usernameTaken();
  acceptInvitation(store, signUp);
  const verified = signUp.email_verification?.status === "verified";
  const user = store.createUser({
    email_addresses: signUp.email_address ? [signUp.email_address] : [],
    username: signUp.username,
    first_name: signUp.first_name,
    last_name: signUp.last_name,
    public_metadata: signUp.public_metadata,
    password_hash: signUp.password_hash,
    unsafe_metadata: signUp.unsafe_metadata,
    locale: signUp.locale,
    phone_numbers: signUp.phone_number ? [signUp.phone_number] : [],
    // What the instance does not verify at sign-up stays unverified; each has its own code.
    verification: verified ? signUp.email_verification : null,
    phone_verification: signUp.phone_verification?.status === "verified" ? signUp.phone_verification : null,
  });
  const session = store.createSession(user.id, client.id);
  store.updateSignUp(signUp.id, (draft) => {
    draft.status = "complete";
    draft.created_user_id = user.id;
    draft.created_session_id = session.id;
  });
}

/** Where a sign-up keeps the verification of its address or number. */
const VERIFICATION_FIELDS = { email_address: "email_verification", phone_number: "phone_verification" } as const;

/** The sign-up's address or number a code strategy verifies, and the record field that holds its verification. */
function codeTarget(settings: Settings, signUp: SignUp, strategy: string | undefined) {
  const kind = [EMAIL_ADDRESSES, PHONE_NUMBERS].find(
    (candidate) => strategy === candidate.strategy && settings.attributes[candidate.name].verifications.includes(candidate.strategy),
  );
  if (!kind) throw formError("form_param_value_invalid", "This strategy is not supported.", "strategy");
  return { kind, value: signUp[kind.name], field: VERIFICATION_FIELDS[kind.name] };
}

export function prepareSignUpVerification(store: Store, settings: Settings, signUp: SignUp, strategy: string | undefined): void {
  const target = codeTarget(settings, signUp, strategy);
  if (!target.value) throw formError("form_param_missing", `Enter ${target.kind.label}.`, target.kind.name);
  target.kind.beforeSending(target.value);
  store.updateSignUp(signUp.id, (draft) => {
    draft[target.field] = { status: "unverified", strategy: strategy!, attempts: 0, expire_at: codeExpiry() };
  });
}

export function attemptSignUpVerification(
  store: Store,
  settings: Settings,
  verificationCode: string,
  client: Client,
  signUp: SignUp,
  form: Record<string, string>,
): void {
  // clerk-js names the strategy; an attempt without one is for the address, as it used to be.
  const target = codeTarget(settings, signUp, form.strategy ?? "email_code");
  const sent = signUp[target.field];
  if (!sent) throw verificationNotSent();
  if (sent.status === "verified") throw formError("verification_already_verified", `This ${target.kind.label} has already been verified.`, "code");
  checkCode(sent, form.code, verificationCode, (next) =>
    store.updateSignUp(signUp.id, (draft) => {
      draft[target.field] = next;
    }),
  );
  completeSignUpIfReady(store, settings, client, signUp);
}

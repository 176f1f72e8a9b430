// The records the local Clerk keeps. Each `…Record` type is the writable shape the store holds; the
// plain name (`User`, `Session`, …) is the read-only view everything outside the store gets.

/** A read-only view of a record, all the way down: only the store writes. */
export type Frozen<T> = T extends Uint8Array
  ? T
  : T extends (infer Item)[]
    ? readonly Frozen<Item>[]
    : T extends object
      ? { readonly [K in keyof T]: Frozen<T[K]> }
      : T;

export type Verification = {
  status: "unverified" | "verified" | "failed" | "expired";
  strategy: string;
  attempts: number | null;
  expire_at: number | null;
};

export type EmailAddressRecord = {
  id: string;
  email_address: string;
  reserved: boolean;
  verification: Verification | null;
  created_at: number;
  updated_at: number;
};

/** A phone number, in E.164 (`+15555550100`); like an address, it identifies nobody until verified. */
export type PhoneNumberRecord = {
  id: string;
  phone_number: string;
  reserved: boolean;
  verification: Verification | null;
  created_at: number;
  updated_at: number;
};

export type UserRecord = {
  id: string;
  external_id: string | null;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  password_hash: string | null;
  email_addresses: EmailAddressRecord[];
  primary_email_address_id: string | null;
  phone_numbers: PhoneNumberRecord[];
  primary_phone_number_id: string | null;
  public_metadata: Record<string, unknown>;
  private_metadata: Record<string, unknown>;
  unsafe_metadata: Record<string, unknown>;
  created_at: number;
  updated_at: number;
  last_sign_in_at: number | null;
  last_active_at: number | null;
  /** The uploaded profile image's id; absent or null shows the generated avatar. */
  image_id?: string | null;
  /** The locale the user signed up with; absent or null when unknown. */
  locale?: string | null;
};

/** An uploaded profile image. Kept in memory only: state files hold users, not image bytes. */
export type ProfileImageRecord = { id: string; user_id: string; content_type: string; name: string; bytes: Uint8Array };

/** The request that created or last touched a session, as "Active devices" lists it. */
export type SessionActivity = { id: string; user_agent: string; ip_address: string };

export type SessionStatus = "active" | "ended" | "removed" | "revoked" | "expired";

export type SessionRecord = {
  id: string;
  user_id: string;
  /** Null for sessions made through the Backend API, which belong to no browser. */
  client_id: string | null;
  status: SessionStatus;
  created_at: number;
  updated_at: number;
  last_active_at: number;
  expire_at: number;
  abandon_at: number;
  activity?: SessionActivity;
};

/** `identification_id`: the address or number a code was sent to; null for a password or a ticket. */
export type FirstFactor = { strategy: string; status: Verification["status"]; attempts: number; expire_at: number | null; identification_id?: string | null };

export type SignInRecord = {
  id: string;
  identifier: string;
  user_id: string | null;
  status: "needs_identifier" | "needs_first_factor" | "needs_new_password" | "complete";
  first_factor: FirstFactor | null;
  created_session_id: string | null;
  created_at: number;
};

/** A Backend API sign-in token: one sign-in, as `user_id`, for whoever holds `token` (the FAPI `ticket`). */
export type SignInTokenRecord = {
  id: string;
  user_id: string;
  token: string;
  status: "pending" | "accepted" | "revoked";
  expire_at: number;
  created_at: number;
  updated_at: number;
};

/**
 * A Backend API invitation: whoever holds `ticket` may sign up as `email_address`, verified, once.
 * `expired` is never stored: a pending invitation past `expires_at` reads as expired.
 */
export type InvitationRecord = {
  id: string;
  email_address: string;
  public_metadata: Record<string, unknown>;
  ticket: string;
  status: "pending" | "accepted" | "revoked";
  /** The link the invitation email would carry: the sign-up page (or `redirect_url`) with the ticket. */
  url: string;
  expires_at: number;
  created_at: number;
  updated_at: number;
};

export type SignUpRecord = {
  id: string;
  status: "missing_requirements" | "complete";
  email_address: string | null;
  phone_number: string | null;
  username: string | null;
  password_hash: string | null;
  first_name: string | null;
  last_name: string | null;
  /** What `<SignUp unsafeMetadata>` sent; the new user gets it. */
  unsafe_metadata: Record<string, unknown>;
  /** The browser's locale clerk-js sends; the new user gets it. */
  locale: string | null;
  email_verification: Verification | null;
  phone_verification: Verification | null;
  /** The invitation whose ticket started this sign-up; its metadata becomes the user's public metadata. */
  invitation_id: string | null;
  public_metadata: Record<string, unknown>;
  created_user_id: string | null;
  created_session_id: string | null;
  created_at: number;
};

export type ClientRecord = {
  id: string;
  session_ids: string[];
  last_active_session_id: string | null;
  sign_in_id: string | null;
  sign_up_id: string | null;
  /** The first factor of the last sign-in on this client (`password`, `email_code`, `ticket`...). */
  last_authentication_strategy: string | null;
  created_at: number;
  /** Changes only when the sign-in state changes: clerk-js copies it into `__client_uat`. */
  updated_at: number;
};

/** A named JWT template (`getToken({ template })`): its claims template, lifetime and clock skew. */
export type JwtTemplateRecord = {
  id: string;
  name: string;
  claims: Record<string, unknown>;
  lifetime: number;
  allowed_clock_skew: number;
  created_at: number;
  updated_at: number;
};

/**
 * A user's API key (`/api_keys`). Only a hash of its secret is kept: the secret is shown once, in the
 * answer that created it. `expiration` and the timestamps are in milliseconds, as Clerk gives them.
 */
export type ApiKeyRecord = {
  id: string;
  name: string;
  /** The user the key acts for (`user_…`); organization keys are not implemented. */
  subject: string;
  description: string | null;
  claims: Record<string, unknown> | null;
  scopes: string[];
  /** SHA-256 of the secret, hex. */
  secret_hash: string;
  revoked: boolean;
  revocation_reason: string | null;
  expiration: number | null;
  created_by: string | null;
  last_used_at: number | null;
  created_at: number;
  updated_at: number;
};

export type User = Frozen<UserRecord>;
export type EmailAddress = Frozen<EmailAddressRecord>;
export type PhoneNumber = Frozen<PhoneNumberRecord>;
export type Session = Frozen<SessionRecord>;
export type Client = Frozen<ClientRecord>;
export type SignIn = Frozen<SignInRecord>;
export type SignUp = Frozen<SignUpRecord>;
export type SignInToken = Frozen<SignInTokenRecord>;
export type Invitation = Frozen<InvitationRecord>;
export type ProfileImage = Frozen<ProfileImageRecord>;
export type JwtTemplate = Frozen<JwtTemplateRecord>;
export type ApiKey = Frozen<ApiKeyRecord>;

/** What a new user is made from, through the Backend API, a sign-up or a seed file. */
export type NewUser = {
  email_addresses: string[];
  /** E.164 numbers, verified as the addresses are; the first is primary. */
  phone_numbers?: string[];
  password?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  username?: string | null;
  external_id?: string | null;
  public_metadata?: Record<string, unknown>;
  private_metadata?: Record<string, unknown>;
  unsafe_metadata?: Record<string, unknown>;
  locale?: string | null;
  /** How the addresses were verified (a sign-up's code; null: not yet); by an admin, through the Backend API, otherwise. */
  verification?: Verification | null;
  /** The same for the phone numbers, when it differs (a sign-up verifies each with its own code). */
  phone_verification?: Verification | null;
  /** An already hashed password, used when `password` is not given. */
  password_hash?: string | null;
  /** A fixed id (seed files may name their users); a fresh `user_…` id otherwise. */
  id?: string;
};

/** How addresses made through the Backend API or a seed file are verified. */
export const adminVerification = (): Verification => ({ status: "verified", strategy: "admin", attempts: null, expire_at: null });

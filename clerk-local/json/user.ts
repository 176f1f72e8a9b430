// Clerk's user JSON and its parts, shared by the Frontend API (what clerk-js reads) and the Backend API.
import type { EmailAddress, PhoneNumber, User, Verification } from "../state/records";

export type Audience = "frontend" | "backend";

// Clerk names a verification's object after its kind, not its strategy: every code strategy is an OTP.
const OTP_STRATEGIES = new Set(["email_code", "phone_code", "reset_password_email_code", "reset_password_phone_code"]);

export const verificationObject = (strategy: string) => (OTP_STRATEGIES.has(strategy) ? "verification_otp" : `verification_${strategy}`);

export function verificationJSON(verification: Verification | null) {
  if (!verification) return null;
  return {
    object: verificationObject(verification.strategy),
    status: verification.status,
    strategy: verification.strategy,
    attempts: verification.attempts,
    expire_at: verification.expire_at,
  };
}

export function emailAddressJSON(email: EmailAddress) {
  return {
    id: email.id,
    object: "email_address" as const,
    email_address: email.email_address,
    reserved: email.reserved,
    verification: verificationJSON(email.verification),
    // @clerk/backend maps linked_to unconditionally: an absent array crashes User.fromJSON.
    linked_to: [] as { id: string; type: string }[],
    matches_sso_connection: false,
    created_at: email.created_at,
    updated_at: email.updated_at,
  };
}

export function phoneNumberJSON(phone: PhoneNumber) {
  return {
    id: phone.id,
    object: "phone_number" as const,
    phone_number: phone.phone_number,
    reserved_for_second_factor: false,
    default_second_factor: false,
    reserved: phone.reserved,
    verification: verificationJSON(phone.verification),
    linked_to: [] as { id: string; type: string }[],
    backup_codes: null,
    created_at: phone.created_at,
    updated_at: phone.updated_at,
  };
}

/**
 * The uploaded image if there is one, else the generated initials; both served by the local Clerk.
 * @clerk/ui offers "Remove" unless the URL reads as a placeholder (it looks for `avatar_placeholder`).
 */
export function profileImageUrl(user: User, avatarBaseUrl: string): string {
  return user.image_id ? `${avatarBaseUrl}/avatars/${user.image_id}` : `${avatarBaseUrl}/avatars/${user.id}.svg?avatar_placeholder`;
}

export function userJSON(user: User, avatarBaseUrl: string, audience: Audience) {
  const imageUrl = profileImageUrl(user, avatarBaseUrl);
  const json = {
    id: user.id,
    object: "user" as const,
    external_id: user.external_id,
    username: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    image_url: imageUrl,
    profile_image_url: imageUrl,
    has_image: Boolean(user.image_id),
    primary_email_address_id: user.primary_email_address_id,
    primary_phone_number_id: user.primary_phone_number_id,
    primary_web3_wallet_id: null,
    password_enabled: user.password_hash !== null,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    email_addresses: user.email_addresses.map(emailAddressJSON),
    phone_numbers: user.phone_numbers.map(phoneNumberJSON),
    web3_wallets: [],
    passkeys: [],
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    organization_memberships: [],
    public_metadata: user.public_metadata,
    unsafe_metadata: user.unsafe_metadata,
    banned: false,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: 100,
    delete_self_enabled: true,
    create_organization_enabled: false,
    create_organizations_limit: null,
    last_sign_in_at: user.last_sign_in_at,
    last_active_at: user.last_active_at,
    legal_accepted_at: null,
    locale: user.locale ?? null,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
  // Private metadata never reaches the browser; `timezone` is not part of the Backend API's user.
  return audience === "backend" ? { ...json, private_metadata: user.private_metadata } : { ...json, timezone: null };
}

export function publicUserDataJSON(user: User, avatarBaseUrl: string) {
  const primary = user.email_addresses.find((email) => email.id === user.primary_email_address_id);
  const phone = user.phone_numbers.find((candidate) => candidate.id === user.primary_phone_number_id);
  return {
    first_name: user.first_name,
    last_name: user.last_name,
    image_url: profileImageUrl(user, avatarBaseUrl),
    has_image: Boolean(user.image_id),
    identifier: primary?.email_address ?? user.username ?? phone?.phone_number ?? "",
    user_id: user.id,
    username: user.username ?? undefined,
  };
}

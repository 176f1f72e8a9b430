// Clerk's sign-in attempt JSON (the FAPI spec's Client.SignIn), as <SignIn/> reads it.
import type { UserSettings } from "../settings/instance-defaults";
import { signInIdentifiers } from "../state/identity-rules";
import type { SignIn } from "../state/records";
import type { Store } from "../state/store";
import { profileImageUrl, verificationObject } from "./user";

/** Clerk abandons a sign-in attempt a day after it starts. */
export const SIGN_IN_LIFETIME_MS = 24 * 3600 * 1000;

type Factor = NonNullable<SignIn["first_factor"]>;

/** One of the spec's verification objects, named as json/user.ts names them; a code's has an expiry, a code's and a ticket's an error. */
function factorJSON(factor: Factor) {
  const object = verificationObject(factor.strategy);
  const base = { object, status: factor.status, strategy: factor.strategy, attempts: factor.attempts };
  if (object === "verification_otp") return { ...base, expire_at: factor.expire_at ?? 0, error: null };
  if (object === "verification_ticket") return { ...base, expire_at: null, error: null };
  return { ...base, expire_at: null };
}

export function signInJSON(signIn: SignIn, store: Store, avatarBaseUrl: string, settings: Readonly<UserSettings>) {
  const { email_address: email, phone_number: phone, password } = settings.attributes;
  const user = signIn.user_id ? store.user(signIn.user_id) : undefined;
  const primaryEmail = user?.email_addresses.find((address) => address.id === user.primary_email_address_id);
  const primaryPhone = user?.phone_numbers.find((number) => number.id === user.primary_phone_number_id);
  const emailFactor = (strategy: string) =>
    primaryEmail ? [{ strategy, safe_identifier: primaryEmail.email_address, email_address_id: primaryEmail.id, primary: true }] : [];
  const phoneFactor = (strategy: string) =>
    primaryPhone ? [{ strategy, safe_identifier: primaryPhone.phone_number, phone_number_id: primaryPhone.id, primary: true }] : [];
  // What makes <SignIn/> offer "Forgot password?" -> "Reset your password": a reset factor.
  const factors = user
    ? [
        ...(password.enabled && user.password_hash ? [{ strategy: "password" }] : []),
        ...(email.enabled && email.first_factors.includes("email_code") ? emailFactor("email_code") : []),
        ...(phone.enabled && phone.first_factors.includes("phone_code") ? phoneFactor("phone_code") : []),
        ...(email.enabled && password.enabled ? emailFactor("reset_password_email_code") : []),
        ...(phone.enabled && password.enabled ? phoneFactor("reset_password_phone_code") : []),
      ]
    : [];
  return {
    object: "sign_in_attempt" as const,
    id: signIn.id,
    status: signIn.status,
    supported_identifiers: signInIdentifiers(settings),
    identifier: signIn.identifier,
    user_data: user
      ? {
          first_name: user.first_name,
          last_name: user.last_name,
          image_url: profileImageUrl(user, avatarBaseUrl),
          has_image: Boolean(user.image_id),
        }
      : null,
    supported_first_factors: factors,
    supported_second_factors: [],
    first_factor_verification: signIn.first_factor ? factorJSON(signIn.first_factor) : null,
    second_factor_verification: null,
    created_session_id: signIn.created_session_id,
    abandon_at: signIn.created_at + SIGN_IN_LIFETIME_MS,
  };
}

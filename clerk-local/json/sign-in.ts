// Clerk's sign-in attempt JSON, as <SignIn/> reads it.
import type { SignIn, Store } from "../state/store";

export function signInJSON(signIn: SignIn, store: Store, avatarBaseUrl: string) {
  const user = signIn.user_id ? store.users.get(signIn.user_id) : undefined;
  const primary = user?.email_addresses.find((email) => email.id === user.primary_email_address_id);
  const factors = primary
    ? [
        ...(user?.password_hash ? [{ strategy: "password" }] : []),
        {
          strategy: "email_code",
          safe_identifier: primary.email_address,
          email_address_id: primary.id,
          primary: true,
        },
      ]
    : [];
  return {
    id: signIn.id,
    object: "sign_in" as const,
    status: signIn.status,
    supported_identifiers: ["email_address"],
    identifier: signIn.identifier,
    user_data: user
      ? {
          first_name: user.first_name,
          last_name: user.last_name,
          image_url: `${avatarBaseUrl}/avatars/${user.id}.svg`,
          has_image: false,
        }
      : null,
    supported_first_factors: factors,
    supported_second_factors: [],
    first_factor_verification: signIn.first_factor
      ? {
          object: "verification",
          status: signIn.first_factor.status,
          strategy: signIn.first_factor.strategy,
          attempts: signIn.first_factor.attempts,
          expire_at: Date.now() + 10 * 60 * 1000,
          error: null,
        }
      : null,
    second_factor_verification: null,
    created_session_id: signIn.created_session_id,
    abandon_at: null,
    timezone: null,
  };
}

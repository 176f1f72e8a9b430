// Clerk's sign-up attempt JSON (the FAPI spec's Client.SignUp), as <SignUp/> reads it.
import type { UserSettings } from "../settings/instance-defaults";
import type { SignUp } from "../state/records";
import { signUpRequirements } from "../state/sign-up-requirements";
import { verificationJSON } from "./user";

/** A code sent to the sign-up's address or number, as the spec's sign-up verification gives it. */
function signUpVerificationJSON(verification: SignUp["email_verification"], codeStrategy: "email_code" | "phone_code") {
  if (!verification) return null;
  return {
    ...verificationJSON(verification),
    expire_at: verification.expire_at ?? 0,
    next_action: verification.status === "verified" ? "" : "needs_attempt",
    supported_strategies: [codeStrategy],
    error: null,
  };
}

export function signUpJSON(signUp: SignUp, settings: Readonly<UserSettings>) {
  const { required, optional, missing, unverified } = signUpRequirements(signUp, settings);
  const complete = signUp.status === "complete";
  return {
    id: signUp.id,
    object: "sign_up_attempt" as const,
    status: signUp.status,
    required_fields: required,
    optional_fields: optional,
    missing_fields: complete ? [] : missing,
    unverified_fields: complete ? [] : unverified,
    verifications: {
      email_address: signUpVerificationJSON(signUp.email_verification, "email_code"),
      phone_number: signUpVerificationJSON(signUp.phone_verification, "phone_code"),
      web3_wallet: null,
      external_account: null,
    },
    username: signUp.username,
    email_address: signUp.email_address,
    phone_number: signUp.phone_number,
    web3_wallet: null,
    first_name: signUp.first_name,
    last_name: signUp.last_name,
    // The spec names it password_enabled; clerk-js 6.40 reads has_password. Both, so both agree.
    password_enabled: signUp.password_hash !== null,
    has_password: signUp.password_hash !== null,
    unsafe_metadata: signUp.unsafe_metadata,
    public_metadata: signUp.public_metadata,
    custom_action: false,
    external_id: null,
    external_account_strategy: null,
    external_account: null,
    created_session_id: signUp.created_session_id,
    created_user_id: signUp.created_user_id,
    // Like a sign-in, a sign-up attempt is abandoned a day after it starts.
    abandon_at: signUp.created_at + 24 * 3600 * 1000,
    legal_accepted_at: null,
    locale: signUp.locale,
    timezone: null,
  };
}

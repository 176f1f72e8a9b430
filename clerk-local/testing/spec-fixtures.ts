// Bodies shaped as Clerk documents them, for the contract tests.
const NOW = 1764756000000;

export function bapiUser(): Record<string, unknown> {
  return {
    object: "user",
    id: "user_2abc",
    external_id: null,
    primary_email_address_id: "idn_1",
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    username: null,
    first_name: "Ada",
    last_name: "Lovelace",
    image_url: "https://img.clerk.com/ada",
    has_image: false,
    public_metadata: {},
    private_metadata: {},
    unsafe_metadata: {},
    email_addresses: [
      {
        id: "idn_1",
        object: "email_address",
        email_address: "ada@example.com",
        reserved: false,
        verification: { object: "verification_otp", status: "verified", strategy: "email_code", attempts: 1, expire_at: NOW },
        linked_to: [],
        matches_sso_connection: false,
        created_at: NOW,
        updated_at: NOW,
      },
    ],
    phone_numbers: [],
    web3_wallets: [],
    passkeys: [],
    password_enabled: true,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    last_sign_in_at: NOW,
    banned: false,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: 100,
    created_at: NOW,
    updated_at: NOW,
    delete_self_enabled: true,
    create_organization_enabled: true,
    last_active_at: NOW,
    legal_accepted_at: null,
  };
}

export function clerkErrors(code: string, message: string): Record<string, unknown> {
  return { errors: [{ message, long_message: message, code }] };
}

// A Backend API user body as Clerk sends it for GET /v1/users/:id (a development instance, trimmed
// of nothing the SDK reads): one verified primary email, one verified through Google and linked to
// that Google account, and one added but never verified.
export function clerkUserJson() {
  return {
    object: "user",
    id: "user_2Zf9kQ1rX8mT4vB7nL3pW6yH0cJ",
    external_id: null,
    primary_email_address_id: "idn_2Zf9kRa1bC2dE3fG4hI5jK6lM7n",
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    username: "ada",
    first_name: "Ada",
    last_name: "Lovelace",
    image_url: "https://img.clerk.com/eyJ0eXBlIjoicHJveHkiLCJzcmMiOiJhZGEifQ",
    has_image: true,
    public_metadata: {},
    private_metadata: { plan: "internal" },
    unsafe_metadata: {},
    email_addresses: [
      {
        id: "idn_2Zf9kRa1bC2dE3fG4hI5jK6lM7n",
        object: "email_address",
        email_address: "ada@example.com",
        reserved: false,
        verification: {
          object: "verification_otp",
          status: "verified",
          strategy: "email_code",
          attempts: 1,
          expire_at: 1735689600000,
        },
        linked_to: [],
        matches_sso_connection: false,
        created_at: 1735689000000,
        updated_at: 1735689100000,
      },
      {
        id: "idn_2Zf9kSb2cD3eF4gH5iJ6kL7mN8o",
        object: "email_address",
        email_address: "ada.lovelace@gmail.example",
        reserved: false,
        verification: {
          object: "verification_from_oauth",
          status: "verified",
          strategy: "from_oauth_google",
          attempts: null,
          expire_at: null,
        },
        linked_to: [{ object: "identification_link", type: "oauth_google", id: "idn_2Zf9kTc3dE4fG5hI6jK7lM8nO9p" }],
        matches_sso_connection: false,
        created_at: 1735689200000,
        updated_at: 1735689200000,
      },
      {
        id: "idn_2Zf9kUd4eF5gH6iJ7kL8mN9oP0q",
        object: "email_address",
        email_address: "ada+work@example.com",
        reserved: false,
        verification: null,
        linked_to: [],
        matches_sso_connection: false,
        created_at: 1735689300000,
        updated_at: 1735689300000,
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
    external_accounts: [
      {
        object: "google_account",
        id: "idn_2Zf9kTc3dE4fG5hI6jK7lM8nO9p",
        provider: "oauth_google",
        identification_id: "idn_2Zf9kTc3dE4fG5hI6jK7lM8nO9p",
        provider_user_id: "104729372937498237498",
        approved_scopes: "email openid profile",
        email_address: "ada.lovelace@gmail.example",
        first_name: "Ada",
        last_name: "Lovelace",
        image_url: "https://img.clerk.com/eyJ0eXBlIjoicHJveHkiLCJzcmMiOiJnb29nbGUifQ",
        username: null,
        phone_number: null,
        public_metadata: {},
        label: null,
        verification: {
          object: "verification_oauth",
          status: "verified",
          strategy: "oauth_google",
          attempts: null,
          expire_at: 1735689800000,
        },
        created_at: 1735689200000,
        updated_at: 1735689200000,
      },
    ],
    enterprise_accounts: [],
    saml_accounts: [],
    last_sign_in_at: 1735690000000,
    banned: false,
    locked: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: 100,
    created_at: 1735689000000,
    updated_at: 1735690000000,
    delete_self_enabled: true,
    create_organization_enabled: true,
    last_active_at: 1735690000000,
    legal_accepted_at: null,
    locale: null,
  };
}

/** A fetch Response the way the Backend API answers: JSON with exactly this content type. */
export function clerkJsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json", ...init.headers },
  });
}

/** A Backend API error answer as Clerk sends it: one error with `code`, and a trace id. */
export function clerkErrorResponse(status: number, code: string, headers: Record<string, string> = {}) {
  return clerkJsonResponse(
    { errors: [{ code, message: `${code} message`, long_message: `${code} long message` }], clerk_trace_id: "trace_1" },
    { status, headers },
  );
}

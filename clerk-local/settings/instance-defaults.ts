// The instance the local Clerk is when no settings say otherwise: email address and password required,
// names optional, email-code verification, single-session mode, nothing else on. Each object is in the
// shape Clerk's Frontend API gives it in `GET /v1/environment`.

export const ATTRIBUTE_NAMES = [
  "email_address",
  "phone_number",
  "username",
  "web3_wallet",
  "first_name",
  "last_name",
  "password",
  "authenticator_app",
  "ticket",
  "backup_code",
  "passkey",
] as const;
export type AttributeName = (typeof ATTRIBUTE_NAMES)[number];

export type Attribute = {
  enabled: boolean;
  required: boolean;
  used_for_first_factor: boolean;
  first_factors: string[];
  used_for_second_factor: boolean;
  second_factors: string[];
  verifications: string[];
  verify_at_sign_up: boolean;
  immutable: boolean;
};

export type PasswordSettings = {
  disable_hibp: boolean;
  disable_password_reverification: boolean;
  min_length: number;
  max_length: number;
  require_special_char: boolean;
  require_numbers: boolean;
  require_uppercase: boolean;
  require_lowercase: boolean;
  show_zxcvbn: boolean;
  min_zxcvbn_strength: number;
  enforce_hibp_on_sign_in: boolean;
  allowed_special_characters: string;
};

export type UsernameSettings = {
  min_length: number | null;
  max_length: number | null;
  allow_extended_special_characters: boolean;
  allow_numeric_usernames: boolean;
};

export type UserSettings = {
  attributes: Record<AttributeName, Attribute>;
  actions: { delete_self: boolean; create_organization: boolean; create_organizations_limit: number | null };
  social: Record<string, { enabled: boolean } & Record<string, unknown>>;
  enterprise_sso: { enabled: boolean; self_serve_sso?: boolean };
  saml: { enabled: boolean; self_serve_sso?: boolean };
  sign_in: { second_factor: { required: boolean } };
  sign_up: {
    mode: "public" | "restricted" | "waitlist";
    captcha_enabled: boolean;
    captcha_widget_type: "smart" | "invisible";
    custom_action_required: boolean;
    legal_consent_enabled: boolean;
    progressive: boolean;
  };
  restrictions: Record<
    "allowlist" | "blocklist" | "allowlist_blocklist_disabled_on_sign_in" | "block_email_subaddresses" | "block_disposable_email_domains",
    { enabled: boolean }
  >;
  password_settings: PasswordSettings;
  passkey_settings: { allow_autofill: boolean; show_sign_in_button: boolean; satisfies_second_factor?: boolean };
  username_settings: UsernameSettings;
  attack_protection: {
    user_lockout: { enabled: boolean; max_attempts: number; duration_in_minutes: number };
    pii: { enabled: boolean };
    email_link: { require_same_client: boolean };
    enumeration_protection: { enabled: boolean };
  };
};

/** The auth_config fields that say something of their own; the per-attribute ones follow from user_settings. */
export type AuthConfig = {
  single_session_mode: boolean;
  enhanced_email_deliverability: boolean;
  test_mode: boolean;
  url_based_session_syncing: boolean;
  claimed_at: number | null;
  reverification: boolean;
  native_settings: Record<string, unknown>;
} & Record<string, unknown>;

export type DisplayConfig = {
  application_name: string;
  preferred_sign_in_strategy: "password" | "otp";
  sign_in_url: string;
  sign_up_url: string;
  home_url: string;
  captcha_public_key: string | null;
} & Record<string, unknown>;

export type SessionTokenClaims = Record<string, unknown>;

/** Configure > API keys in Clerk's dashboard: the feature, and who may make keys through the Frontend API. */
export type ApiKeysSettings = { enabled: boolean; user_api_keys_enabled: boolean; orgs_api_keys_enabled: boolean };

export type InstanceSettings = {
  auth_config: AuthConfig;
  display_config: DisplayConfig;
  user_settings: UserSettings;
  api_keys_settings: ApiKeysSettings;
  /** "Customize session token" in Clerk's dashboard; null adds nothing. */
  session_token_claims: SessionTokenClaims | null;
};

export const off = (): Attribute => ({
  enabled: false,
  required: false,
  used_for_first_factor: false,
  first_factors: [],
  used_for_second_factor: false,
  second_factors: [],
  verifications: [],
  verify_at_sign_up: false,
  immutable: false,
});

const disabled = () => ({ enabled: false });

export function defaultUserSettings(): UserSettings {
  return {
    attributes: {
      email_address: {
        ...off(),
        enabled: true,
        required: true,
        used_for_first_factor: true,
        first_factors: ["email_code"],
        verifications: ["email_code"],
        verify_at_sign_up: true,
      },
      phone_number: off(),
      username: off(),
      web3_wallet: off(),
      first_name: { ...off(), enabled: true },
      last_name: { ...off(), enabled: true },
      password: { ...off(), enabled: true, required: true },
      authenticator_app: off(),
      ticket: { ...off(), enabled: true, used_for_first_factor: true, first_factors: ["ticket"] },
      backup_code: off(),
      passkey: off(),
    },
    actions: { delete_self: true, create_organization: false, create_organizations_limit: null },
    social: {},
    enterprise_sso: { enabled: false },
    saml: { enabled: false },
    sign_in: { second_factor: { required: false } },
    sign_up: {
      mode: "public",
      captcha_enabled: false,
      captcha_widget_type: "smart",
      custom_action_required: false,
      legal_consent_enabled: false,
      progressive: true,
    },
    restrictions: {
      allowlist: disabled(),
      blocklist: disabled(),
      allowlist_blocklist_disabled_on_sign_in: disabled(),
      block_email_subaddresses: disabled(),
      block_disposable_email_domains: disabled(),
    },
    password_settings: {
      allowed_special_characters: "",
      disable_hibp: true,
      disable_password_reverification: true,
      enforce_hibp_on_sign_in: false,
      min_length: 8,
      max_length: 72,
      require_special_char: false,
      require_numbers: false,
      require_uppercase: false,
      require_lowercase: false,
      show_zxcvbn: false,
      min_zxcvbn_strength: 0,
    },
    passkey_settings: { allow_autofill: false, show_sign_in_button: false, satisfies_second_factor: false },
    username_settings: { min_length: 4, max_length: 64, allow_extended_special_characters: false, allow_numeric_usernames: false },
    attack_protection: {
      user_lockout: { enabled: false, max_attempts: 100, duration_in_minutes: 60 },
      pii: disabled(),
      email_link: { require_same_client: false },
      enumeration_protection: disabled(),
    },
  };
}

/** Off, as on a new Clerk instance. */
export function defaultApiKeysSettings(): ApiKeysSettings {
  return { enabled: false, user_api_keys_enabled: false, orgs_api_keys_enabled: false };
}

export function defaultAuthConfig(): AuthConfig {
  return {
    single_session_mode: true,
    enhanced_email_deliverability: false,
    test_mode: true,
    url_based_session_syncing: true,
    claimed_at: null,
    reverification: false,
    native_settings: {
      object: "native_settings",
      api_enabled: false,
      trusted_device_sign_in_enabled: false,
      trusted_device_enrollment_prompt_after_sign_in_enabled: false,
      trusted_device_enrollment_prompt_after_sign_up_enabled: false,
    },
  };
}

/** The app's name and pages come from the local Clerk's configuration (the app it serves). */
export function defaultDisplayConfig(app: { applicationName: string; signInUrl: string; signUpUrl: string; homeUrl: string }): DisplayConfig {
  const home = app.homeUrl;
  return {
    instance_environment_type: "development",
    application_name: app.applicationName,
    preferred_sign_in_strategy: "password",
    sign_in_url: app.signInUrl,
    sign_up_url: app.signUpUrl,
    home_url: home,
    user_profile_url: "",
    waitlist_url: "",
    oauth_consent_url: "",
    logo_link_url: home,
    after_sign_in_url: home,
    after_sign_up_url: home,
    after_sign_out_one_url: home,
    after_sign_out_all_url: home,
    after_switch_session_url: home,
    after_join_waitlist_url: "",
    after_create_organization_url: "",
    after_leave_organization_url: "",
    create_organization_url: "",
    organization_profile_url: "",
    branded: false,
    experimental_force_oauth_first: false,
    clerk_js_version: null,
    show_devmode_warning: false,
    google_one_tap_client_id: null,
    captcha_public_key: null,
    captcha_public_key_invisible: null,
    captcha_widget_type: null,
    captcha_provider: null,
    captcha_oauth_bypass: [],
    logo_image_url: "",
    favicon_image_url: "",
    logo_url: null,
    favicon_url: null,
    logo_image: null,
    favicon_image: null,
    help_url: null,
    support_email: "",
    terms_url: "",
    privacy_policy_url: "",
    theme: {},
  };
}

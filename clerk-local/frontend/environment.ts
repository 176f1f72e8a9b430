// The instance configuration clerk-js loads first (`/v1/environment`): a development instance with
// email + password sign-in, email-code verification, single-session mode, no captcha, no organizations.

type Attribute = {
  enabled: boolean;
  required: boolean;
  used_for_first_factor: boolean;
  first_factors: string[];
  used_for_second_factor: boolean;
  second_factors: string[];
  verifications: string[];
  verify_at_sign_up: boolean;
};

const off: Attribute = {
  enabled: false,
  required: false,
  used_for_first_factor: false,
  first_factors: [],
  used_for_second_factor: false,
  second_factors: [],
  verifications: [],
  verify_at_sign_up: false,
};

export function environmentJSON(options: { applicationName: string; signInUrl: string; signUpUrl: string; homeUrl: string }) {
  return {
    id: "env_local",
    object: "environment",
    maintenance_mode: false,
    partitioned_cookies: false,
    auth_config: {
      id: "aac_local",
      object: "auth_config",
      single_session_mode: true,
      claimed_at: null,
      reverification: false,
      preferred_channels: {},
    },
    display_config: {
      id: "display_config_local",
      object: "display_config",
      instance_environment_type: "development",
      application_name: options.applicationName,
      preferred_sign_in_strategy: "password",
      sign_in_url: options.signInUrl,
      sign_up_url: options.signUpUrl,
      home_url: options.homeUrl,
      user_profile_url: "",
      waitlist_url: "",
      after_sign_in_url: options.homeUrl,
      after_sign_up_url: options.homeUrl,
      after_sign_out_one_url: options.homeUrl,
      after_sign_out_all_url: options.homeUrl,
      after_switch_session_url: options.homeUrl,
      after_join_waitlist_url: "",
      after_create_organization_url: "",
      after_leave_organization_url: "",
      create_organization_url: "",
      organization_profile_url: "",
      branded: false,
      show_devmode_warning: false,
      captcha_public_key: null,
      captcha_public_key_invisible: null,
      captcha_widget_type: null,
      captcha_provider: null,
      captcha_oauth_bypass: null,
      logo_image_url: "",
      favicon_image_url: "",
      support_email: "",
      terms_url: "",
      privacy_policy_url: "",
      theme: {},
    },
    user_settings: {
      attributes: {
        email_address: {
          ...off,
          enabled: true,
          required: true,
          used_for_first_factor: true,
          first_factors: ["email_code"],
          verifications: ["email_code"],
          verify_at_sign_up: true,
        },
        password: { ...off, enabled: true, required: true },
        first_name: { ...off, enabled: true },
        last_name: { ...off, enabled: true },
        username: off,
        phone_number: off,
        web3_wallet: off,
        authenticator_app: off,
        backup_code: off,
        passkey: off,
      },
      actions: { delete_self: true, create_organization: false },
      social: {},
      enterprise_sso: { enabled: false },
      saml: { enabled: false },
      sign_in: { second_factor: { enabled: false, required: false } },
      sign_up: {
        mode: "public",
        captcha_enabled: false,
        allowlist_only: false,
        legal_consent_enabled: false,
        progressive: true,
      },
      password_settings: {
        allowed_special_characters: "",
        disable_hibp: true,
        min_length: 8,
        max_length: 72,
        require_special_char: false,
        require_numbers: false,
        require_uppercase: false,
        require_lowercase: false,
        show_zxcvbn: false,
        min_zxcvbn_strength: 0,
      },
      passkey_settings: { allow_autofill: false, show_sign_in_button: false },
      username_settings: { min_length: 4, max_length: 64 },
      attack_protection: { enumeration_protection: { enabled: false } },
    },
    organization_settings: {
      enabled: false,
      max_allowed_memberships: 0,
      force_organization_selection: false,
      actions: { admin_delete: false },
      domains: { enabled: false, enrollment_modes: [], default_role: null },
      slug: { disabled: true },
    },
    commerce_settings: {
      billing: {
        stripe_publishable_key: "",
        organization: { enabled: false, has_paid_plans: false },
        user: { enabled: false, has_paid_plans: false },
      },
    },
    api_keys_settings: { enabled: false },
    protect_config: { object: "protect_config", id: "protect_local", loaders: [] },
  };
}

// The instance configuration clerk-js loads first (`/v1/environment`), rendered from the instance
// settings (settings/instance.ts): what Clerk's components draw their forms from.
import type { AttributeName, InstanceSettings, UserSettings } from "../settings/instance-defaults";

const IDENTIFIERS = ["email_address", "phone_number", "username"] as const satisfies AttributeName[];
const ATTRIBUTES_WITH_FACTORS = IDENTIFIERS;

/** `on`, `off` or `required`: how auth_config's older per-attribute fields say what user_settings says. */
function mode(settings: UserSettings, name: AttributeName): "on" | "off" | "required" {
  const attribute = settings.attributes[name];
  return attribute.enabled ? (attribute.required ? "required" : "on") : "off";
}

/** The auth_config fields that follow from user_settings (Clerk derives them the same way). */
export function derivedAuthConfig(settings: UserSettings) {
  const { attributes } = settings;
  const signInIdentifiers = IDENTIFIERS.filter((name) => attributes[name].enabled && attributes[name].used_for_first_factor);
  const firstFactors = new Set<string>();
  for (const name of ATTRIBUTES_WITH_FACTORS) for (const factor of attributes[name].first_factors) firstFactors.add(factor);
  if (attributes.password.enabled) firstFactors.add("password");
  if (attributes.password.enabled && attributes.email_address.enabled) firstFactors.add("reset_password_email_code");
  if (attributes.password.enabled && attributes.phone_number.enabled) firstFactors.add("reset_password_phone_code");
  return {
    first_name: mode(settings, "first_name"),
    last_name: mode(settings, "last_name"),
    email_address: mode(settings, "email_address"),
    phone_number: mode(settings, "phone_number"),
    username: mode(settings, "username"),
    password: mode(settings, "password"),
    identification_requirements: [IDENTIFIERS.filter((name) => attributes[name].enabled)],
    identification_strategies: signInIdentifiers,
    first_factors: [...firstFactors],
    second_factors: [] as string[],
    email_address_verification_strategies: attributes.email_address.enabled ? attributes.email_address.verifications : [],
  };
}

export function environmentJSON(settings: InstanceSettings) {
  return {
    maintenance_mode: false,
    partitioned_cookies: false,
    client_debug_mode: false,
    auth_config: { id: "aac_local", object: "auth_config", ...derivedAuthConfig(settings.user_settings), ...settings.auth_config },
    display_config: { id: "display_config_local", object: "display_config", ...settings.display_config },
    user_settings: settings.user_settings,
    organization_settings: {
      enabled: false,
      max_allowed_memberships: 0,
      actions: { admin_delete: false },
      domains: { enabled: false, enrollment_modes: [], default_role: "org:member" },
      slug: { disabled: true },
      creator_role: "org:admin",
    },
    commerce_settings: {
      billing: {
        stripe_publishable_key: "",
        organization: { enabled: false, has_paid_plans: false },
        user: { enabled: false, has_paid_plans: false },
      },
    },
    api_keys_settings: settings.api_keys_settings,
    protect_config: { loaders: [] },
  };
}

// How the local Clerk is configured as a Clerk instance is: the `auth_config`, `display_config` and
// `user_settings` of Clerk's own `GET /v1/environment`, given in part and deep-merged over the defaults,
// plus the session-token claims template. Settings that contradict themselves, that Clerk's spec would
// not answer with, or that need a feature the local Clerk does not implement are refused, naming the key.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { environmentJSON, derivedAuthConfig } from "../json/environment";
import { contractFor } from "../spec/contract";
import { isPlainObject } from "../state/metadata";
import { claimsSize, MAX_CUSTOM_CLAIMS_BYTES, renderClaims, RESERVED_CLAIMS, templateProblem } from "../tokens/claims";
import { LiveSettingsUpdateSchema, type LiveSettingsUpdate } from "./live";
import {
  ATTRIBUTE_NAMES,
  defaultApiKeysSettings,
  defaultAuthConfig,
  defaultDisplayConfig,
  defaultUserSettings,
  type InstanceSettings,
  type UserSettings,
} from "./instance-defaults";

export type { InstanceSettings, SessionTokenClaims } from "./instance-defaults";
import type { SessionTokenClaims } from "./instance-defaults";

/** What names the app the instance serves: its name and its pages. */
export type InstanceApp = { applicationName: string; signInUrl: string; signUpUrl: string; homeUrl: string };

export function defaultInstanceSettings(app: InstanceApp): InstanceSettings {
  return {
    auth_config: defaultAuthConfig(),
    display_config: defaultDisplayConfig(app),
    user_settings: defaultUserSettings(),
    api_keys_settings: defaultApiKeysSettings(),
    session_token_claims: null,
  };
}

/** A settings file, or the body of `PUT /__clerk_local/instance`: any part of the settings. */
export const InstanceInputSchema = z.strictObject({
  auth_config: z.record(z.string(), z.unknown(), { error: "must be an object" }).optional(),
  display_config: z.record(z.string(), z.unknown(), { error: "must be an object" }).optional(),
  user_settings: z.record(z.string(), z.unknown(), { error: "must be an object" }).optional(),
  api_keys_settings: z.record(z.string(), z.unknown(), { error: "must be an object" }).optional(),
  session_token_claims: z.record(z.string(), z.unknown(), { error: "must be an object" }).nullable().optional(),
  /** Live settings to start with (a settings file only): a Frontend API latency, for instance. */
  live: LiveSettingsUpdateSchema.optional(),
});
export type InstanceInput = z.input<typeof InstanceInputSchema>;

/** A settings problem, naming the key (`user_settings.attributes.username.required`). */
export class InstanceSettingsError extends Error {
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(key ? `${key}: ${reason}` : reason);
  }
}

/** Objects merge key by key; anything else (arrays included) replaces. */
export function deepMerge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return structuredClone(patch) as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    Object.defineProperty(merged, key, { value: key in base ? deepMerge(base[key], value) : structuredClone(value), enumerable: true, writable: true, configurable: true });
  }
  return merged as T;
}

type Problem = { key: string; reason: string } | null;

const unsupported = (key: string, what: string): Problem => ({ key, reason: `${what} is not supported by the local Clerk (it is refused rather than ignored)` });

/** Features the local Clerk does not implement, which a setting would turn on. */
function unsupportedFeature(settings: InstanceSettings): Problem {
  const { user_settings: us, auth_config: auth, display_config: display } = settings;
  const a = us.attributes;
  if (!auth.single_session_mode) return unsupported("auth_config.single_session_mode", "multi-session mode (false)");
  for (const name of ATTRIBUTE_NAMES) {
    if (a[name].used_for_second_factor || a[name].second_factors.length > 0) return unsupported(`user_settings.attributes.${name}.used_for_second_factor`, "a second factor");
  }
  for (const [name, what] of [["authenticator_app", "a second factor (authenticator app)"], ["backup_code", "a second factor (backup codes)"], ["web3_wallet", "Web3 wallets"], ["passkey", "passkeys"]] as const) {
    if (a[name].enabled) return unsupported(`user_settings.attributes.${name}.enabled`, what);
  }
  if (us.sign_in.second_factor.required) return unsupported("user_settings.sign_in.second_factor.required", "a required second factor");
  const social = Object.entries(us.social).find(([, provider]) => provider.enabled);
  if (social) return unsupported(`user_settings.social.${social[0]}.enabled`, "an OAuth provider");
  if (us.saml.enabled) return unsupported("user_settings.saml.enabled", "SAML");
  if (us.enterprise_sso.enabled) return unsupported("user_settings.enterprise_sso.enabled", "enterprise SSO");
  const emailStrategies = [...a.email_address.verifications, ...a.email_address.first_factors].filter((s) => s !== "email_code");
  if (a.email_address.enabled && emailStrategies.length) return unsupported("user_settings.attributes.email_address.verifications", `the ${emailStrategies[0]} strategy`);
  const phoneStrategies = [...a.phone_number.verifications, ...a.phone_number.first_factors].filter((s) => s !== "phone_code");
  if (a.phone_number.enabled && phoneStrategies.length) return unsupported("user_settings.attributes.phone_number.verifications", `the ${phoneStrategies[0]} strategy`);
  if (us.sign_up.mode === "waitlist") return unsupported("user_settings.sign_up.mode", "the waitlist sign-up mode");
  if (us.sign_up.captcha_enabled) return unsupported("user_settings.sign_up.captcha_enabled", "a captcha");
  if (display.captcha_public_key !== null) return unsupported("display_config.captcha_public_key", "a captcha");
  if (us.sign_up.custom_action_required) return unsupported("user_settings.sign_up.custom_action_required", "a custom sign-up action");
  if (us.sign_up.legal_consent_enabled) return unsupported("user_settings.sign_up.legal_consent_enabled", "legal consent at sign-up");
  const restriction = Object.entries(us.restrictions).find(([, rule]) => rule.enabled);
  if (restriction) return unsupported(`user_settings.restrictions.${restriction[0]}.enabled`, "an allowlist, blocklist or email restriction");
  const ps = us.password_settings;
  if (!ps.disable_hibp || ps.enforce_hibp_on_sign_in) return unsupported("user_settings.password_settings.disable_hibp", "checking passwords against breaches (set disable_hibp to true)");
  if (ps.show_zxcvbn || ps.min_zxcvbn_strength > 0) return unsupported("user_settings.password_settings.min_zxcvbn_strength", "a password strength score");
  if (us.attack_protection.user_lockout.enabled) return unsupported("user_settings.attack_protection.user_lockout.enabled", "locking users out");
  if (us.attack_protection.enumeration_protection.enabled) return unsupported("user_settings.attack_protection.enumeration_protection.enabled", "enumeration protection");
  if (settings.api_keys_settings.orgs_api_keys_enabled) return unsupported("api_keys_settings.orgs_api_keys_enabled", "organization API keys (the local Clerk has no organizations)");
  return null;
}

/** Settings that cannot all be true at once. */
function contradiction(settings: InstanceSettings): Problem {
  const a = settings.user_settings.attributes;
  for (const name of ATTRIBUTE_NAMES) {
    if (a[name].required && !a[name].enabled) return { key: `user_settings.attributes.${name}.required`, reason: "a disabled attribute cannot be required" };
    if (a[name].used_for_first_factor && !a[name].enabled) return { key: `user_settings.attributes.${name}.used_for_first_factor`, reason: "a disabled attribute cannot be used to sign in" };
  }
  const canSignIn =
    (a.email_address.enabled && a.email_address.used_for_first_factor && (a.password.enabled || a.email_address.first_factors.includes("email_code"))) ||
    (a.phone_number.enabled && a.phone_number.used_for_first_factor && (a.password.enabled || a.phone_number.first_factors.includes("phone_code"))) ||
    (a.username.enabled && a.username.used_for_first_factor && a.password.enabled);
  if (!canSignIn) return { key: "user_settings.attributes", reason: "no identifier can be used to sign in (enable email_address, phone_number or username with used_for_first_factor)" };
  if (a.username.used_for_first_factor && !a.password.enabled && !a.email_address.enabled && !a.phone_number.enabled) {
    return { key: "user_settings.attributes.password.enabled", reason: "signing in by username needs a password" };
  }
  const ps = settings.user_settings.password_settings;
  if (ps.min_length < 1 || ps.max_length > 72 || ps.min_length > ps.max_length) {
    return { key: "user_settings.password_settings.min_length", reason: "min_length and max_length must satisfy 1 <= min_length <= max_length <= 72" };
  }
  const names = settings.user_settings.username_settings;
  const [min, max] = [names.min_length ?? 4, names.max_length ?? 64];
  if (min < 1 || max > 64 || min > max) {
    return { key: "user_settings.username_settings.min_length", reason: "min_length and max_length must satisfy 1 <= min_length <= max_length <= 64" };
  }
  const keys = settings.api_keys_settings;
  if (keys.user_api_keys_enabled && !keys.enabled) {
    return { key: "api_keys_settings.user_api_keys_enabled", reason: "user API keys need the API keys feature itself (api_keys_settings.enabled)" };
  }
  // auth_config's per-attribute fields follow from user_settings; a settings file may repeat them, not contradict them.
  const derived = derivedAuthConfig(settings.user_settings);
  for (const [key, value] of Object.entries(derived)) {
    const given = settings.auth_config[key];
    if (given !== undefined && JSON.stringify(given) !== JSON.stringify(value)) {
      return { key: `auth_config.${key}`, reason: `contradicts user_settings, which make it ${JSON.stringify(value)}` };
    }
  }
  return claimsProblem(settings.session_token_claims);
}

/** A claims template Clerk would refuse: a reserved claim, a malformed shortcode, or too much already. */
function claimsProblem(claims: SessionTokenClaims | null): Problem {
  if (!claims) return null;
  const reserved = Object.keys(claims).find((claim) => RESERVED_CLAIMS.includes(claim));
  if (reserved) return { key: `session_token_claims.${reserved}`, reason: "is a claim Clerk sets itself and a template cannot override" };
  const malformed = templateProblem(claims, ["session_token_claims"]);
  if (malformed) return malformed;
  // With every shortcode empty, what the template alone adds to each token.
  const bytes = claimsSize(renderClaims(claims, {}));
  if (bytes > MAX_CUSTOM_CLAIMS_BYTES) {
    return { key: "session_token_claims", reason: `renders to ${bytes} bytes before any user data, past the ${MAX_CUSTOM_CLAIMS_BYTES} bytes a session cookie leaves for custom claims` };
  }
  return null;
}

/** The environment those settings render must be an answer Clerk's Frontend API spec allows. */
function outsideSpec(settings: InstanceSettings): Problem {
  const result = contractFor("fapi").validateResponse({
    method: "GET",
    path: "/v1/environment",
    status: 200,
    contentType: "application/json",
    body: environmentJSON(settings),
  });
  const first = result.errors[0];
  if (!first) return null;
  return { key: first.pointer.split("/").filter(Boolean).join("."), reason: first.message };
}

/** The first problem of a whole set of settings, or null. */
export function instanceProblem(settings: InstanceSettings): Problem {
  return outsideSpec(settings) ?? contradiction(settings) ?? unsupportedFeature(settings);
}

/**
 * Settings from a file's or a request's JSON: parsed, merged over `defaults`, checked whole. Throws an
 * InstanceSettingsError naming the first bad key; on success nothing is half-applied.
 */
export function resolveInstanceSettings(input: unknown, defaults: InstanceSettings): { settings: InstanceSettings; live: LiveSettingsUpdate } {
  const parsed = InstanceInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = [...issue.path.map(String), ...(issue.code === "unrecognized_keys" ? [issue.keys[0] ?? ""] : [])].join(".");
    throw new InstanceSettingsError(key, issue.code === "unrecognized_keys" ? "is not a setting of a Clerk instance (auth_config, display_config, user_settings, api_keys_settings, session_token_claims, live)" : issue.message);
  }
  const { live, ...given } = parsed.data;
  const settings: InstanceSettings = {
    auth_config: deepMerge(defaults.auth_config, given.auth_config ?? {}),
    display_config: deepMerge(defaults.display_config, given.display_config ?? {}),
    user_settings: deepMerge(defaults.user_settings, given.user_settings ?? {}),
    api_keys_settings: deepMerge(defaults.api_keys_settings, given.api_keys_settings ?? {}),
    session_token_claims: given.session_token_claims === undefined ? defaults.session_token_claims : given.session_token_claims,
  };
  const problem = instanceProblem(settings);
  if (problem) throw new InstanceSettingsError(problem.key, problem.reason);
  return { settings, live: live ?? {} };
}

/** A settings file (`--instance FILE`): one line naming the file and the key for anything wrong. */
export function loadInstanceFile(file: string, defaults: InstanceSettings): { settings: InstanceSettings; live: LiveSettingsUpdate } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`Instance file ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  try {
    return resolveInstanceSettings(json, defaults);
  } catch (error) {
    if (error instanceof InstanceSettingsError) throw new Error(`Instance file ${file}: ${error.message}`);
    throw error;
  }
}

/** The settings of a running server; reset goes back to the ones it started with. */
export class Instance {
  #current: InstanceSettings;
  readonly #initial: InstanceSettings;

  constructor(
    initial: InstanceSettings,
    /** What a `PUT` is merged over: the built-in defaults for this app, not the start file. */
    readonly defaults: InstanceSettings,
  ) {
    this.#initial = structuredClone(initial);
    this.#current = structuredClone(initial);
  }

  get settings(): Readonly<InstanceSettings> {
    return this.#current;
  }

  get userSettings(): Readonly<UserSettings> {
    return this.#current.user_settings;
  }

  replace(settings: InstanceSettings): void {
    this.#current = structuredClone(settings);
  }

  reset(): void {
    this.#current = structuredClone(this.#initial);
  }
}

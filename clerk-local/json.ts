// Clerk's JSON shapes for the resources the local Clerk keeps. One serializer per resource, shared by
// the Frontend API (what clerk-js reads) and the Backend API (what @clerk/backend reads).
import type { Client, EmailAddress, Session, SignIn, SignUp, Store, User, Verification } from "./store";

export type Audience = "frontend" | "backend";

export function verificationJSON(verification: Verification | null) {
  if (!verification) return null;
  return {
    object: `verification_${verification.strategy}`,
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
    created_at: null,
    updated_at: null,
  };
}

export function userJSON(user: User, avatarBaseUrl: string, audience: Audience) {
  const imageUrl = `${avatarBaseUrl}/avatars/${user.id}.svg`;
  const json = {
    id: user.id,
    object: "user" as const,
    external_id: user.external_id,
    username: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    image_url: imageUrl,
    profile_image_url: imageUrl,
    has_image: false,
    primary_email_address_id: user.primary_email_address_id,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    password_enabled: user.password_hash !== null,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    email_addresses: user.email_addresses.map(emailAddressJSON),
    phone_numbers: [],
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
    locale: null,
    timezone: null,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
  // Private metadata never reaches the browser.
  return audience === "backend" ? { ...json, private_metadata: user.private_metadata } : json;
}

export function publicUserDataJSON(user: User, avatarBaseUrl: string) {
  const primary = user.email_addresses.find((email) => email.id === user.primary_email_address_id);
  return {
    first_name: user.first_name,
    last_name: user.last_name,
    image_url: `${avatarBaseUrl}/avatars/${user.id}.svg`,
    has_image: false,
    identifier: primary?.email_address ?? user.username ?? "",
    user_id: user.id,
    username: user.username ?? undefined,
  };
}

export function sessionJSON(session: Session, user: User, avatarBaseUrl: string, lastActiveToken: string | null) {
  return {
    id: session.id,
    object: "session" as const,
    status: session.status,
    client_id: session.client_id,
    user_id: session.user_id,
    expire_at: session.expire_at,
    abandon_at: session.abandon_at,
    last_active_at: session.last_active_at,
    last_active_token: lastActiveToken ? { object: "token", id: "", jwt: lastActiveToken } : null,
    last_active_organization_id: null,
    actor: null,
    tasks: null,
    factor_verification_age: [0, -1],
    user: userJSON(user, avatarBaseUrl, "frontend"),
    public_user_data: publicUserDataJSON(user, avatarBaseUrl),
    created_at: session.created_at,
    updated_at: session.updated_at,
  };
}

/** The Backend API's session: no embedded user or token. */
export function backendSessionJSON(session: Session) {
  return {
    id: session.id,
    object: "session" as const,
    client_id: session.client_id ?? "",
    user_id: session.user_id,
    status: session.status,
    last_active_organization_id: null,
    actor: null,
    latest_activity: null,
    last_active_at: session.last_active_at,
    expire_at: session.expire_at,
    abandon_at: session.abandon_at,
    created_at: session.created_at,
    updated_at: session.updated_at,
  };
}

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

export function signUpJSON(signUp: SignUp) {
  const missing: string[] = [];
  if (!signUp.email_address) missing.push("email_address");
  if (!signUp.password_hash) missing.push("password");
  const unverified = signUp.email_address && signUp.email_verification?.status !== "verified" ? ["email_address"] : [];
  return {
    id: signUp.id,
    object: "sign_up" as const,
    status: signUp.status,
    required_fields: ["email_address", "password"],
    optional_fields: ["first_name", "last_name"],
    missing_fields: missing,
    unverified_fields: unverified,
    verifications: {
      email_address: signUp.email_verification
        ? {
            object: "verification",
            status: signUp.email_verification.status,
            strategy: signUp.email_verification.strategy,
            attempts: signUp.email_verification.attempts,
            expire_at: signUp.email_verification.expire_at,
            next_action: signUp.email_verification.status === "verified" ? "" : "needs_attempt",
            supported_strategies: ["email_code"],
            error: null,
          }
        : null,
      phone_number: null,
      web3_wallet: null,
      external_account: null,
    },
    username: null,
    email_address: signUp.email_address,
    phone_number: null,
    web3_wallet: null,
    first_name: signUp.first_name,
    last_name: signUp.last_name,
    has_password: signUp.password_hash !== null,
    unsafe_metadata: {},
    public_metadata: {},
    custom_action: false,
    external_id: null,
    external_account_strategy: null,
    external_account: null,
    created_session_id: signUp.created_session_id,
    created_user_id: signUp.created_user_id,
    abandon_at: Date.now() + 24 * 3600 * 1000,
    legal_accepted_at: null,
    locale: null,
    timezone: null,
  };
}

export function clientJSON(
  client: Client,
  store: Store,
  avatarBaseUrl: string,
  tokens: Map<string, string>,
) {
  const sessions = store.activeSessions(client).flatMap((session) => {
    const user = store.users.get(session.user_id);
    return user ? [sessionJSON(session, user, avatarBaseUrl, tokens.get(session.id) ?? null)] : [];
  });
  const signIn = client.sign_in_id ? store.signIns.get(client.sign_in_id) : undefined;
  const signUp = client.sign_up_id ? store.signUps.get(client.sign_up_id) : undefined;
  return {
    id: client.id,
    object: "client" as const,
    sessions,
    sign_in: signIn ? signInJSON(signIn, store, avatarBaseUrl) : null,
    sign_up: signUp ? signUpJSON(signUp) : null,
    last_active_session_id: sessions.some((s) => s.id === client.last_active_session_id)
      ? client.last_active_session_id
      : null,
    last_authentication_strategy: null,
    // null: clerk-js would otherwise navigate to /v1/client/touch to extend a cookie we never set.
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: client.created_at,
    updated_at: client.updated_at,
  };
}

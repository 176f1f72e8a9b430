// Clerk's rules for API keys, the same through both APIs: the Backend API (`/v1/api_keys`, any subject
// the app names) and the Frontend API (`/api_keys`, a signed-in user's own keys). Every check comes
// before the one write, so a refused request changes nothing. Secrets are made here, shown once by the
// caller, and kept only as a hash.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { ClerkError, formError, notFound } from "../http/errors";
import type { ApiKey } from "./records";
import type { Store } from "./store";

/** The only key type Clerk's specs and SDKs name. */
export const API_KEY_TYPE = "api_key";

/** Clerk's id pattern for keys (`ak_` and 32 hex digits), which the path parameter must match. */
const API_KEY_ID = /^(ak|api_key)_[0-9A-Fa-f]{32}$/;

export function newApiKeyId(): string {
  return `ak_${randomBytes(16).toString("hex")}`;
}

/** A fresh secret: `ak_` and 256 random bits, base64url. */
export function newApiKeySecret(): string {
  return `ak_${randomBytes(32).toString("base64url")}`;
}

export function apiKeySecretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A key is valid while it is not revoked, not expired and its user still exists. */
export function isValidApiKey(store: Store, key: ApiKey, now = Date.now()): boolean {
  return !key.revoked && !isExpired(key, now) && store.user(key.subject) !== undefined;
}

export function isExpired(key: ApiKey, now = Date.now()): boolean {
  return key.expiration !== null && key.expiration <= now;
}

export function apiKeyOr404(store: Store, id: string): ApiKey {
  const key = API_KEY_ID.test(id) ? store.apiKey(id) : undefined;
  if (!key) throw notFound("API key");
  return key;
}

// The fields both APIs take, as Clerk's specs bound them.
export const apiKeyFields = {
  type: z.string({ error: "must be a string" }).min(3, { error: "must be at least 3 characters" }).max(25, { error: "must be at most 25 characters" }).optional(),
  name: z
    .string({ error: "must be a string" })
    .min(3, { error: "must be at least 3 characters" })
    .regex(/^(\S(.*\S)?)?$/, { error: "must not start or end with whitespace" }),
  description: z.string({ error: "must be a string" }).max(255, { error: "must be at most 255 characters" }).nullable().optional(),
  seconds_until_expiration: z.number({ error: "must be a number of seconds" }).positive({ error: "must be more than 0" }).nullable().optional(),
};

/** What a new key is made of; `subject` is a user id (organization keys are not implemented). */
export type NewApiKey = {
  type?: string | undefined;
  name: string;
  subject: string;
  description?: string | null | undefined;
  claims?: Record<string, unknown> | null | undefined;
  scopes?: string[] | undefined;
  created_by?: string | null | undefined;
  seconds_until_expiration?: number | null | undefined;
};

const unsupported = (param: string, what: string) =>
  formError("form_param_value_invalid", `${what} is not supported by the local Clerk.`, param);

/** Clerk's 403 when the instance has API keys (`enabled`) or user API keys (`user_api_keys_enabled`) turned off. */
export function apiKeysNotEnabled(setting: "enabled" | "user_api_keys_enabled"): ClerkError {
  const what = setting === "enabled" ? "API keys are" : "User API keys are";
  return new ClerkError({
    status: 403,
    code: "feature_not_enabled",
    message: `${what} not enabled for this instance.`,
    longMessage: `${what} not enabled for this instance (api_keys_settings.${setting} in the local Clerk's instance settings).`,
  });
}

/** A subject the local Clerk can give keys to: an existing user. */
export function checkSubject(store: Store, subject: string): void {
  if (!subject.startsWith("user_")) throw unsupported("subject", "An API key for an organization or machine");
  if (!store.user(subject)) throw notFound("user");
}

export function expirationFrom(seconds: number | null | undefined, now = Date.now()): number | null {
  return seconds === null || seconds === undefined ? null : now + Math.round(seconds * 1000);
}

/** Creates the key and returns it with its secret: the only time the secret exists outside a hash. */
export function createApiKey(store: Store, input: NewApiKey, now = Date.now()): { key: ApiKey; secret: string } {
  if (input.type !== undefined && input.type !== API_KEY_TYPE) throw unsupported("type", `The key type ${JSON.stringify(input.type)}`);
  checkSubject(store, input.subject);
  // Names are unique among a subject's keys that still work (the components' "name already exists").
  if (store.apiKeysOf(input.subject).some((key) => key.name === input.name && isValidApiKey(store, key, now))) {
    throw new ClerkError({
      status: 409,
      code: "token_creation_conflict",
      message: "An API key with this name already exists.",
      longMessage: `An API key named ${JSON.stringify(input.name)} already exists for this subject.`,
      paramName: "name",
    });
  }
  const secret = newApiKeySecret();
  const key = store.createApiKey(
    {
      name: input.name,
      subject: input.subject,
      description: input.description ?? null,
      claims: input.claims ?? null,
      scopes: input.scopes ?? [],
      secret_hash: apiKeySecretHash(secret),
      expiration: expirationFrom(input.seconds_until_expiration, now),
      created_by: input.created_by ?? null,
    },
    newApiKeyId(),
    now,
  );
  return { key, secret };
}

/** The key a secret belongs to, if it may be used now; any other secret is "not found", whatever the reason. */
export function verifyApiKey(store: Store, secret: string, now = Date.now()): ApiKey {
  const key = store.apiKeyBySecretHash(apiKeySecretHash(secret));
  if (!key || !isValidApiKey(store, key, now)) throw notFound("API key");
  return store.recordApiKeyUse(key.id, now);
}

export function revokeApiKey(store: Store, key: ApiKey, reason: string | null | undefined): ApiKey {
  // Revoking again changes nothing: the first reason and time stay.
  return key.revoked ? key : store.revokeApiKey(key.id, reason ?? null);
}

export type ApiKeyListQuery = { subject: string; type: string; includeInvalid: boolean; query: string; limit: number; offset: number };

/**
 * A subject's keys, newest first, as Clerk lists them: valid ones unless asked, names matching `query`;
 * none for a `type` other than `api_key`, as no other kind of key exists here.
 */
export function listApiKeys(store: Store, { subject, type, includeInvalid, query, limit, offset }: ApiKeyListQuery, now = Date.now()) {
  if (type !== API_KEY_TYPE) return { page: [], total: 0 };
  const wanted = query.trim().toLowerCase();
  const keys = store
    .apiKeysOf(subject)
    .filter((key) => includeInvalid || isValidApiKey(store, key, now))
    .filter((key) => key.name.toLowerCase().includes(wanted))
    .sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : -1));
  return { page: keys.slice(offset, offset + limit), total: keys.length };
}

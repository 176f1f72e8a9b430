// Clerk's API key JSON (`/api_keys` of both APIs). `secret` only in the answer that created the key.
import { API_KEY_TYPE, isExpired } from "../state/api-keys";
import type { ApiKey } from "../state/records";

export function apiKeyJSON(key: ApiKey, { secret, now = Date.now() }: { secret?: string; now?: number } = {}) {
  return {
    object: "api_key" as const,
    id: key.id,
    type: API_KEY_TYPE,
    subject: key.subject,
    name: key.name,
    description: key.description,
    claims: key.claims,
    scopes: key.scopes,
    ...(secret === undefined ? {} : { secret }),
    revoked: key.revoked,
    revocation_reason: key.revocation_reason,
    expired: isExpired(key, now),
    expiration: key.expiration,
    created_by: key.created_by,
    last_used_at: key.last_used_at,
    created_at: key.created_at,
    updated_at: key.updated_at,
  };
}

export function apiKeyListJSON({ page, total }: { page: readonly ApiKey[]; total: number }) {
  return { data: page.map((key) => apiKeyJSON(key)), total_count: total };
}

import "server-only";

import { createHash } from "node:crypto";

import { isWellFormedApiKey } from "@/lib/api-keys";
import type { BucketAnswer } from "@/lib/server/token-bucket";

// API keys checked the way a Backend API budget can afford: a malformed key is refused before anything
// else; a key Clerk answered for lately (valid or not) is answered from memory, under a hash of its
// secret; concurrent checks of one key share one call; only then is the budget spent and Clerk asked.
// The bounds and what is shared between instances: docs/security.md#api-keys.

/** What the app keeps of a key Clerk verified: never its secret. */
export type VerifiedApiKey = { id: string; userId: string; scopes: readonly string[] };

/** Clerk's answer for one secret; `expiresAt` (ms) when the key itself expires. */
export type ClerkKeyAnswer =
  | { outcome: "valid"; key: VerifiedApiKey; expiresAt: number | null }
  | { outcome: "invalid" }
  | { outcome: "unavailable"; retryAfterSeconds: number | null }
  | { outcome: "unexpected" };

export type ApiKeyCheck =
  | { outcome: "valid"; key: VerifiedApiKey }
  /** Malformed, unknown, revoked, expired, or not a user's: one answer for all. */
  | { outcome: "invalid" }
  | { outcome: "budget_spent"; retryAfterSeconds: number }
  | { outcome: "unavailable"; retryAfterSeconds: number | null }
  | { outcome: "unexpected" };

export type ApiKeyVerifierDeps = {
  /** Asks Clerk; never throws. */
  verify: (secret: string) => Promise<ClerkKeyAnswer>;
  /** Takes one call from the Backend API budget. */
  spend: () => BucketAnswer;
  ttlMs: number;
  nowMs?: () => number;
  /** A cap on remembered keys, beyond what the budget already bounds. */
  maxEntries?: number;
  /** Where entries are kept; tests pass one to look at what is remembered. */
  memory?: Map<string, ApiKeyMemoryEntry>;
};

export type ApiKeyVerifier = {
  check: (secret: string) => Promise<ApiKeyCheck>;
  /** Keys remembered now (tests and the bench read it). */
  size: () => number;
};

export type ApiKeyMemoryEntry = { check: ApiKeyCheck; expiresAt: number };

/** What the cache is keyed by: SHA-256 of the secret, so memory never holds a usable key. */
export function apiKeyCacheKey(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

export function createApiKeyVerifier(deps: ApiKeyVerifierDeps): ApiKeyVerifier {
  const { verify, spend, ttlMs, nowMs = () => Date.now(), maxEntries = 10_000 } = deps;
  // Insertion order is expiry order (one TTL for all, a key's own expiry only shortens it), so expired
  // entries are dropped from the front.
  const entries = deps.memory ?? new Map<string, ApiKeyMemoryEntry>();
  const inFlight = new Map<string, Promise<ApiKeyCheck>>();

  const forgetExpired = (now: number) => {
    for (const [hash, entry] of entries) {
      if (entry.expiresAt > now && entries.size <= maxEntries) return;
      entries.delete(hash);
    }
  };

  const askClerk = async (secret: string, hash: string): Promise<ApiKeyCheck> => {
    // The entry's life starts when Clerk was asked: a key revoked after that is answered from memory
    // for at most the TTL, however slow the answer was.
    const askedAt = nowMs();
    const answer = await verify(secret);
    if (answer.outcome === "unavailable" || answer.outcome === "unexpected") return answer;
    const check: ApiKeyCheck = answer.outcome === "valid" ? { outcome: "valid", key: answer.key } : { outcome: "invalid" };
    const expiresAt = Math.min(askedAt + ttlMs, answer.outcome === "valid" ? (answer.expiresAt ?? Infinity) : Infinity);
    entries.delete(hash);
    entries.set(hash, { check, expiresAt });
    forgetExpired(nowMs());
    return check;
  };

  return {
    size: () => entries.size,
    check(secret) {
      if (!isWellFormedApiKey(secret)) return Promise.resolve({ outcome: "invalid" });
      const hash = apiKeyCacheKey(secret);
      const entry = entries.get(hash);
      if (entry && entry.expiresAt > nowMs()) return Promise.resolve(entry.check);
      const pending = inFlight.get(hash);
      if (pending) return pending;
      const budget = spend();
      if (!budget.ok) return Promise.resolve({ outcome: "budget_spent", retryAfterSeconds: budget.retryAfterSeconds });
      const check = askClerk(secret, hash).finally(() => inFlight.delete(hash));
      inFlight.set(hash, check);
      return check;
    },
  };
}

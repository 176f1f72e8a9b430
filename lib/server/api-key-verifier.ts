import "server-only";

import { createHash } from "node:crypto";

import { isWellFormedApiKey } from "@/lib/api-keys";
import type { BucketAnswer } from "@/lib/server/token-bucket";

// API keys checked the way a Backend API budget can afford: a malformed key is refused before anything
// else; a key Clerk answered for lately (valid or not) is answered from memory, under a hash of its
// secret, and a valid one is asked about again shortly before its entry ends, while it is still served;
// concurrent checks of one key share one call; a key not seen valid lately spends the budget first.
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
  /** How long Clerk's answer is served: the bound on how long a revoked key keeps working. */
  ttlMs: number;
  /** From this age a valid key's entry is asked about again in the background, still served meanwhile. */
  refreshAfterMs: number;
  /** How long a key Clerk found valid asks again without spending the budget. */
  knownForMs: number;
  nowMs?: () => number;
  /** A cap on remembered keys, beyond what the budget already bounds. */
  maxEntries?: number;
  /** Where answers are kept; tests pass one to look at what is remembered. */
  memory?: Map<string, ApiKeyMemoryEntry>;
};

export type ApiKeyVerifier = {
  check: (secret: string) => Promise<ApiKeyCheck>;
};

export type ApiKeyMemoryEntry = { check: ApiKeyCheck; askedAt: number; expiresAt: number };

/** What the cache is keyed by: SHA-256 of the secret, so memory never holds a usable key. */
export function apiKeyCacheKey(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

/** A map whose insertion order is its expiry order: entries are dropped from the front. */
function forgetFromFront<V>(map: Map<string, V>, until: (value: V) => number, now: number, maxEntries: number): void {
  for (const [key, value] of map) {
    if (until(value) > now && map.size <= maxEntries) return;
    map.delete(key);
  }
}

export function createApiKeyVerifier(deps: ApiKeyVerifierDeps): ApiKeyVerifier {
  const { verify, spend, ttlMs, refreshAfterMs, knownForMs, nowMs = () => Date.now(), maxEntries = 10_000 } = deps;
  // Answers, one TTL for all (a key's own expiry only shortens it), so insertion order is expiry order.
  const answers = deps.memory ?? new Map<string, ApiKeyMemoryEntry>();
  // Keys last found valid, until when they skip the budget: a flood of made-up keys cannot starve them.
  const known = new Map<string, number>();
  const inFlight = new Map<string, Promise<ApiKeyCheck>>();

  const remember = (hash: string, entry: ApiKeyMemoryEntry, knownUntil: number | null) => {
    answers.delete(hash);
    answers.set(hash, entry);
    known.delete(hash);
    if (knownUntil !== null) known.set(hash, knownUntil);
    const now = nowMs();
    forgetFromFront(answers, (answer) => answer.expiresAt, now, maxEntries);
    forgetFromFront(known, (until) => until, now, maxEntries);
  };

  const askClerk = (secret: string, hash: string): Promise<ApiKeyCheck> => {
    // An entry's life starts when Clerk was asked: a key revoked after that is answered from memory
    // for at most the TTL, however slow the answer was.
    const askedAt = nowMs();
    const asking = verify(secret).then((answer): ApiKeyCheck => {
      if (answer.outcome === "unavailable" || answer.outcome === "unexpected") return answer;
      if (answer.outcome === "invalid") {
        remember(hash, { check: answer, askedAt, expiresAt: askedAt + ttlMs }, null);
        return answer;
      }
      const check: ApiKeyCheck = { outcome: "valid", key: answer.key };
      remember(hash, { check, askedAt, expiresAt: Math.min(askedAt + ttlMs, answer.expiresAt ?? Infinity) }, askedAt + knownForMs);
      return check;
    }, (): ApiKeyCheck => ({ outcome: "unexpected" }));
    const shared = asking.finally(() => inFlight.delete(hash));
    inFlight.set(hash, shared);
    return shared;
  };

  return {
    check(secret) {
      if (!isWellFormedApiKey(secret)) return Promise.resolve({ outcome: "invalid" });
      const hash = apiKeyCacheKey(secret);
      const now = nowMs();
      const entry = answers.get(hash);
      if (entry && entry.expiresAt > now) {
        // Asked again before the entry ends, so a key in use never waits for Clerk.
        if (entry.check.outcome === "valid" && now - entry.askedAt >= refreshAfterMs && !inFlight.has(hash)) void askClerk(secret, hash);
        return Promise.resolve(entry.check);
      }
      const pending = inFlight.get(hash);
      if (pending) return pending;
      if ((known.get(hash) ?? 0) <= now) {
        const budget = spend();
        if (!budget.ok) return Promise.resolve({ outcome: "budget_spent", retryAfterSeconds: budget.retryAfterSeconds });
      }
      return askClerk(secret, hash);
    },
  };
}

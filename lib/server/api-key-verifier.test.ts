import { createHash } from "node:crypto";

import { describe, expect, it, vi } from "vitest";

import { apiKeyCacheKey, createApiKeyVerifier, type ApiKeyMemoryEntry, type ClerkKeyAnswer } from "@/lib/server/api-key-verifier";
import { createTokenBucket } from "@/lib/server/token-bucket";

// The API-key cache with Clerk's verification stubbed: what it asks Clerk, what it spends, what it keeps.

const TTL_MS = 5_000;
const REFRESH_AFTER_MS = 4_000;
const SECRET = `ak_${"A1b2C3d4".repeat(5)}x`;
const OTHER = `ak_${"Z9y8X7w6".repeat(5)}y`;
const ADA = { id: `ak_${"0".repeat(32)}`, userId: "user_ada", scopes: [] };

function setup({ answer = { outcome: "valid", key: ADA, expiresAt: null } as ClerkKeyAnswer, capacity = 100, perSecond = 0.5, maxEntries = 10_000 } = {}) {
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const verify = vi.fn<(secret: string) => Promise<ClerkKeyAnswer>>(async () => answer);
  const bucket = createTokenBucket({ capacity, perSecond }, clock.now);
  const spend = vi.fn(() => bucket.take(1));
  const memory = new Map<string, ApiKeyMemoryEntry>();
  const verifier = createApiKeyVerifier({ verify, spend, ttlMs: TTL_MS, refreshAfterMs: REFRESH_AFTER_MS, knownForMs: 3_600_000, nowMs: clock.now, memory, maxEntries });
  return { verifier, verify, spend, clock, memory };
}

describe("createApiKeyVerifier", () => {
  it("asks Clerk once for a key, then answers from memory (a hit)", async () => {
    const { verifier, verify, spend, clock } = setup();

    expect(await verifier.check(SECRET)).toEqual({ outcome: "valid", key: ADA });
    clock.advance(REFRESH_AFTER_MS - 1);
    expect(await verifier.check(SECRET)).toEqual({ outcome: "valid", key: ADA });

    expect(verify).toHaveBeenCalledTimes(1);
    expect(spend).toHaveBeenCalledTimes(1);
  });

  it("asks Clerk again once the entry expires, and a key revoked meanwhile stops working then", async () => {
    const { verifier, verify, clock } = setup();
    await verifier.check(SECRET);

    verify.mockResolvedValue({ outcome: "invalid" });
    clock.advance(TTL_MS);
    expect(await verifier.check(SECRET)).toEqual({ outcome: "invalid" });
    // The refusal is remembered as well: a repeated bad key costs nothing more for a TTL.
    clock.advance(TTL_MS - 1);
    expect(await verifier.check(SECRET)).toEqual({ outcome: "invalid" });
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it("asks again in the background shortly before the entry ends, serving the key meanwhile; a revocation then shows", async () => {
    const { verifier, verify, clock } = setup();
    await verifier.check(SECRET);

    let answer!: (value: ClerkKeyAnswer) => void;
    verify.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    clock.advance(REFRESH_AFTER_MS);
    // Answered from memory at once, while Clerk is asked.
    expect(await verifier.check(SECRET)).toEqual({ outcome: "valid", key: ADA });
    expect(await verifier.check(SECRET)).toEqual({ outcome: "valid", key: ADA });
    expect(verify).toHaveBeenCalledTimes(2);

    answer({ outcome: "invalid" });
    await vi.waitFor(async () => expect(await verifier.check(SECRET)).toEqual({ outcome: "invalid" }));
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it("lets a key Clerk found valid be asked about again without the budget: made-up keys cannot starve it", async () => {
    const { verifier, verify, spend, clock } = setup({ capacity: 1, perSecond: 0.001 });
    await verifier.check(SECRET);
    clock.advance(TTL_MS);

    expect(await verifier.check(OTHER)).toEqual({ outcome: "budget_spent", retryAfterSeconds: expect.any(Number) });
    expect(await verifier.check(SECRET)).toEqual({ outcome: "valid", key: ADA });
    expect(verify).toHaveBeenCalledTimes(2);
    expect(spend).toHaveBeenCalledTimes(2);
  });

  it("counts an entry's life from when Clerk was asked, so a slow answer is not kept longer", async () => {
    const { verifier, verify, clock } = setup();
    verify.mockImplementationOnce(async () => {
      clock.advance(TTL_MS - 100);
      return { outcome: "valid", key: ADA, expiresAt: null };
    });
    await verifier.check(SECRET);

    clock.advance(100);
    await verifier.check(SECRET);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it("keeps a key no longer than the key itself lives", async () => {
    const { verifier, verify, clock } = setup();
    verify.mockResolvedValueOnce({ outcome: "valid", key: ADA, expiresAt: clock.now() + 1_000 });
    await verifier.check(SECRET);

    clock.advance(1_000);
    verify.mockResolvedValueOnce({ outcome: "invalid" });
    expect(await verifier.check(SECRET)).toEqual({ outcome: "invalid" });
  });

  it("refuses a malformed key without asking Clerk or spending the budget", async () => {
    const { verifier, verify, spend } = setup();
    for (const token of ["ak_short", "ak_", `ak_${"x".repeat(201)}`, `ak_with spaces${"x".repeat(20)}`, `ak_${"é".repeat(30)}`]) {
      expect(await verifier.check(token), token).toEqual({ outcome: "invalid" });
    }
    expect(verify).not.toHaveBeenCalled();
    expect(spend).not.toHaveBeenCalled();
  });

  it("keys its memory by a SHA-256 of the secret and never holds the secret itself", async () => {
    const { verifier, memory } = setup();
    await verifier.check(SECRET);

    expect([...memory.keys()]).toEqual([createHash("sha256").update(SECRET).digest("base64url")]);
    expect(apiKeyCacheKey(SECRET)).not.toBe(apiKeyCacheKey(OTHER));
    expect(JSON.stringify([...memory.entries()])).not.toContain(SECRET.slice(3));
  });

  it("lets concurrent checks of one key share one call and one budget token", async () => {
    const { verifier, verify, spend } = setup();
    let release!: () => void;
    verify.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve({ outcome: "valid", key: ADA, expiresAt: null }))));

    const checks = Array.from({ length: 10 }, () => verifier.check(SECRET));
    release();

    expect(await Promise.all(checks)).toEqual(Array(10).fill({ outcome: "valid", key: ADA }));
    expect(verify).toHaveBeenCalledTimes(1);
    expect(spend).toHaveBeenCalledTimes(1);
  });

  it("spends the budget only on misses: past it, new keys get budget_spent while known keys still work", async () => {
    const { verifier, verify } = setup({ capacity: 2 });
    await verifier.check(SECRET);
    await verifier.check(OTHER);

    expect(await verifier.check(`ak_${"N3w".repeat(10)}`)).toEqual({ outcome: "budget_spent", retryAfterSeconds: 2 });
    expect(await verifier.check(SECRET)).toEqual({ outcome: "valid", key: ADA });
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it("keeps no failure: Clerk unavailable is answered as such and asked again next time", async () => {
    const { verifier, verify } = setup({ answer: { outcome: "unavailable", retryAfterSeconds: 3 } });

    expect(await verifier.check(SECRET)).toEqual({ outcome: "unavailable", retryAfterSeconds: 3 });
    expect(await verifier.check(SECRET)).toEqual({ outcome: "unavailable", retryAfterSeconds: 3 });
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it("drops expired entries as new ones come, and holds no more than its cap", async () => {
    const { verifier, clock, memory } = setup();
    for (let index = 0; index < 5; index += 1) await verifier.check(`ak_${String(index).repeat(24)}`);
    clock.advance(TTL_MS);
    await verifier.check(SECRET);
    expect(memory.size).toBe(1);

    const capped = setup({ maxEntries: 3 });
    for (let index = 0; index < 5; index += 1) await capped.verifier.check(`ak_${String(index).repeat(24)}`);
    expect(capped.memory.size).toBe(3);
    expect(capped.memory.has(apiKeyCacheKey(`ak_${"4".repeat(24)}`))).toBe(true);
  });
});

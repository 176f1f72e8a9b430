import "server-only";

import { createHmac, timingSafeEqual } from "node:crypto";

import type { VerifiedApiKey } from "@/lib/server/api-key-verifier";
import * as z from "@/lib/zod";

// How the proxy tells a route handler which API key it verified: a request header signed with the
// secret key, as Clerk's middleware signs what it hands on. The proxy strips the header from every
// incoming request, and the signature keeps a forged one out even where it could not.

export const VERIFIED_API_KEY_HEADER = "x-verified-api-key";

/** The proxy and the route handle one request: an older header is a replay. */
const MAX_AGE_MS = 30_000;

const SealedSchema = z.strictObject({
  id: z.string(),
  userId: z.string(),
  scopes: z.array(z.string()),
  at: z.number(),
});

function signature(payload: string, secretKey: string): Buffer {
  return createHmac("sha256", secretKey).update(payload).digest();
}

export function sealVerifiedApiKey(key: VerifiedApiKey, secretKey: string, nowMs = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ id: key.id, userId: key.userId, scopes: key.scopes, at: nowMs })).toString("base64url");
  return `${payload}.${signature(payload, secretKey).toString("base64url")}`;
}

/** The key a sealed header names, or null for no header or anything not sealed by this app just now. */
export function openVerifiedApiKey(value: string | null, secretKey: string, nowMs = Date.now()): VerifiedApiKey | null {
  const [payload, mac, extra] = value?.split(".") ?? [];
  if (!payload || !mac || extra !== undefined) return null;
  const given = Buffer.from(mac, "base64url");
  const expected = signature(payload, secretKey);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let sealed: z.infer<typeof SealedSchema>;
  try {
    sealed = SealedSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return null;
  }
  if (nowMs - sealed.at > MAX_AGE_MS || sealed.at - nowMs > MAX_AGE_MS) return null;
  return { id: sealed.id, userId: sealed.userId, scopes: sealed.scopes };
}

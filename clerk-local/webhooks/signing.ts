// Standard Webhooks / Svix signatures, the scheme Clerk signs its webhooks with and that
// `verifyWebhook` (@clerk/nextjs/webhooks, @clerk/backend/webhooks) checks.
import { createHmac } from "node:crypto";

const PREFIX = "whsec_"; // only the prefix: the local default secret lives in config.ts

/** The HMAC key inside a `whsec_<base64>` secret; throws with a readable message when malformed. */
export function webhookKey(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : "";
  const key = Buffer.from(encoded, "base64");
  if (!encoded || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.length < 16) {
    throw new Error("The webhook signing secret must be whsec_ followed by at least 16 base64-encoded bytes");
  }
  return key;
}

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, the value of the `svix-signature` header. */
export function webhookSignature(key: Buffer, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

export function webhookHeaders(key: Buffer, id: string, body: string, nowMs = Date.now()): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    "Content-Type": "application/json",
    "svix-id": id,
    "svix-timestamp": String(timestamp),
    "svix-signature": webhookSignature(key, id, timestamp, body),
  };
}

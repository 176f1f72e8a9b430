// Password hashes as the store keeps them: scrypt with a random salt, never the password itself.
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

// Low cost on purpose: a development server, whose sign-in latency should stay close to real Clerk's.
const SCRYPT_OPTIONS = { N: 1024 };

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, SCRYPT_OPTIONS);
  return `${salt.toString("base64")}:${hash.toString("base64")}`;
}

export function passwordMatches(stored: string | null, password: string): boolean {
  if (!stored) return false;
  const [saltText, hashText] = stored.split(":");
  if (!saltText || !hashText) return false;
  const expected = Buffer.from(hashText, "base64");
  const actual = scryptSync(password, Buffer.from(saltText, "base64"), expected.length, SCRYPT_OPTIONS);
  return timingSafeEqual(expected, actual);
}

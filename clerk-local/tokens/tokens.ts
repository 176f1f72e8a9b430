// Session tokens and handshake tokens, signed the way @clerk/backend verifies them (RS256, header kid).
import { SignJWT } from "jose";
import type { LocalClerk } from "../context";
import type { Client } from "../state/store";
import type { SigningKeys } from "./keys";
import type { Session } from "../state/store";

/** The header `cat` Clerk puts on session tokens; @clerk/backend refuses only machine-token categories. */
export const SESSION_TOKEN_CATEGORY = "cl_B7d4PD111AAA";

export type TokenIssuer = {
  keys: SigningKeys;
  /** `https://<frontend api host>`, what Clerk puts in `iss`. */
  issuer: string;
};

/**
 * `notBefore` lets callers keep `iat` at or after the client's `updated_at`: @clerk/backend forces a
 * handshake when the `__client_uat` cookie is newer than the token's `iat`.
 */
export async function mintSessionToken(
  issuer: TokenIssuer,
  session: Session,
  options: { azp: string | null; ttlSeconds: number; notBeforeMs?: number; nowMs?: number },
): Promise<string> {
  const nowMs = Math.max(options.nowMs ?? Date.now(), options.notBeforeMs ?? 0);
  const iat = Math.floor(nowMs / 1000);
  // fva: minutes since the first factor was verified (the sign-in that made the session), and since a
  // second factor was (-1: never, no MFA here). Reverification checks read it.
  const firstFactorAgeMinutes = Math.max(0, Math.floor((nowMs - session.created_at) / 60_000));
  const claims: Record<string, unknown> = { sid: session.id, v: 2, fva: [firstFactorAgeMinutes, -1], sts: "active" };
  if (options.azp) claims.azp = options.azp;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: issuer.keys.kid, typ: "JWT", cat: SESSION_TOKEN_CATEGORY })
    .setSubject(session.user_id)
    .setIssuer(issuer.issuer)
    .setIssuedAt(iat)
    // Clerk back-dates nbf by 10 s to absorb clock skew between its servers and the app.
    .setNotBefore(iat - 10)
    .setExpirationTime(iat + options.ttlSeconds)
    .sign(issuer.keys.privateKey);
}

/** The `__clerk_handshake` token: its payload carries the Set-Cookie strings the app must apply. */
export async function signHandshake(issuer: TokenIssuer, setCookies: string[]): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ handshake: setCookies })
    .setProtectedHeader({ alg: "RS256", kid: issuer.keys.kid, typ: "JWT" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .sign(issuer.keys.privateKey);
}

/** A session token as the local Clerk hands it out: the configured lifetime, never older than the client's last change. */
export function sessionToken(
  clerk: LocalClerk,
  session: Session,
  client: Client | null,
  azp: string | null,
  ttlSeconds = clerk.config.tokenTtlSeconds,
): Promise<string> {
  return mintSessionToken(clerk.issuer, session, { azp, ttlSeconds, notBeforeMs: client?.updated_at });
}

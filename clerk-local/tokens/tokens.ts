// Session tokens and handshake tokens, signed the way @clerk/backend verifies them (RS256, header kid).
import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import type { Session } from "../state/records";
import type { SigningKeys } from "./keys";

/** The header `cat` Clerk puts on session tokens; @clerk/backend refuses only machine-token categories. */
export const SESSION_TOKEN_CATEGORY = "cl_B7d4PD111AAA";

export type TokenIssuer = {
  keys: SigningKeys;
  /** `https://<frontend api host>`, what Clerk puts in `iss`. */
  issuer: string;
};

export type SessionTokenOptions = {
  /** The origin that asked for the token (`azp`); null leaves the claim out. */
  azp: string | null;
  ttlSeconds: number;
  /**
   * Keeps `iat` at or after this time (the browser's client `updated_at`): @clerk/backend forces a
   * handshake when the `__client_uat` cookie is newer than the token's `iat`.
   */
  notBeforeMs?: number;
  nowMs?: number;
  /** Rendered from the instance's claims template; Clerk's own claims always win. */
  customClaims?: Record<string, unknown>;
};

export async function mintSessionToken(issuer: TokenIssuer, session: Session, options: SessionTokenOptions): Promise<string> {
  const nowMs = Math.max(options.nowMs ?? Date.now(), options.notBeforeMs ?? 0);
  const iat = Math.floor(nowMs / 1000);
  // fva: minutes since the first factor was verified (the sign-in that made the session), and since a
  // second factor was (-1: never, no MFA here). Reverification checks read it.
  const firstFactorAgeMinutes = Math.max(0, Math.floor((nowMs - session.created_at) / 60_000));
  const claims: Record<string, unknown> = { ...options.customClaims, sid: session.id, v: 2, fva: [firstFactorAgeMinutes, -1], sts: "active" };
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

/**
 * A token from a JWT template: the template's rendered claims plus Clerk's default claims for custom
 * JWTs (`azp`, `exp`, `iat`, `iss`, `jti`, `nbf`, `sub`), which no template can override. Not bound to
 * the session: no `sid`, `v`, `fva` or `sts`.
 */
export async function mintTemplateToken(
  issuer: TokenIssuer,
  options: { userId: string; azp: string | null; claims: Record<string, unknown>; lifetimeSeconds: number; clockSkewSeconds: number; nowMs?: number },
): Promise<string> {
  const iat = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const claims: Record<string, unknown> = { ...options.claims };
  if (options.azp) claims.azp = options.azp;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: issuer.keys.kid, typ: "JWT" })
    .setSubject(options.userId)
    .setIssuer(issuer.issuer)
    .setIssuedAt(iat)
    .setNotBefore(iat - options.clockSkewSeconds)
    .setExpirationTime(iat + options.lifetimeSeconds)
    .setJti(randomBytes(10).toString("hex"))
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

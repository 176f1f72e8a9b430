// The RSA key pair that signs session and handshake tokens. It persists in the state folder so a
// restart keeps the same `kid`: the app caches the JWKS by kid for minutes and would reject new tokens.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, exportSPKI, generateKeyPair, importJWK, type JWK } from "jose";

export type SigningKeys = {
  kid: string;
  privateKey: CryptoKey;
  /** Verifies what this server signed (session tokens the Frontend API gets back as a Bearer). */
  publicKey: CryptoKey;
  /** Served only by the test-only `/__clerk_local/signing-key` control, so tests can forge tokens. */
  privateJwk: JWK;
  publicJwk: JWK;
  /** The public key as PEM, what an app passes as `jwtKey` / `CLERK_JWT_KEY`. */
  publicPem: string;
};

type StoredKeys = { privateJwk: JWK };

export async function loadOrCreateSigningKeys(stateDir: string | null): Promise<SigningKeys> {
  const file = stateDir ? path.join(stateDir, "signing-key.json") : null;
  const stored = file ? readStoredKeys(file) : null;
  if (stored) return fromPrivateJwk(stored.privateJwk);

  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const privateJwk = await exportJWK(privateKey);
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ privateJwk } satisfies StoredKeys), { mode: 0o600 });
  }
  return fromPrivateJwk(privateJwk);
}

function readStoredKeys(file: string): StoredKeys | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const parsed = JSON.parse(text) as Partial<StoredKeys>;
  if (!parsed.privateJwk || parsed.privateJwk.kty !== "RSA" || !parsed.privateJwk.d) {
    throw new Error(`${file} does not hold an RSA private key: delete it to make a new one`);
  }
  return { privateJwk: parsed.privateJwk };
}

async function fromPrivateJwk(privateJwk: JWK): Promise<SigningKeys> {
  const { n, e } = privateJwk;
  if (!n || !e) throw new Error("RSA key without modulus or exponent");
  const basePublic: JWK = { kty: "RSA", n, e };
  const kid = `ins_local_${(await calculateJwkThumbprint(basePublic)).slice(0, 16)}`;
  const privateKey = (await importJWK({ ...privateJwk, alg: "RS256" }, "RS256", { extractable: false })) as CryptoKey;
  const publicKey = (await importJWK({ ...basePublic, alg: "RS256" }, "RS256", { extractable: true })) as CryptoKey;
  return {
    kid,
    privateKey,
    publicKey,
    privateJwk,
    publicJwk: { ...basePublic, kid, alg: "RS256", use: "sig" },
    publicPem: await exportSPKI(publicKey),
  };
}

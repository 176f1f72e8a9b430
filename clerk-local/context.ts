// Everything a request handler of the local Clerk needs, made once per server.
import { createHash } from "node:crypto";
import type { LocalClerkConfig } from "./config";
import { loadOrCreateSigningKeys, type SigningKeys } from "./keys";
import { Store } from "./store";
import type { TokenIssuer } from "./tokens";

export type LocalClerk = {
  config: LocalClerkConfig;
  store: Store;
  keys: SigningKeys;
  issuer: TokenIssuer;
  publishableKey: string;
  /** Suffix of Clerk's cookie names for this publishable key (`__session_<suffix>`). */
  cookieSuffix: string;
  /** Where browsers and the app reach this server. */
  publicUrl: string;
};

/** `pk_test_` + base64(`<frontend api host>$`), the format every Clerk SDK decodes. */
export function publishableKeyFor(frontendApiHost: string): string {
  return `pk_test_${Buffer.from(`${frontendApiHost}$`).toString("base64").replace(/=+$/, "")}`;
}

export function cookieSuffixFor(publishableKey: string): string {
  return createHash("sha1")
    .update(publishableKey)
    .digest("base64")
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .slice(0, 8);
}

export function publicUrlFor(config: LocalClerkConfig): string {
  const wildcard = config.host === "0.0.0.0" || config.host === "::";
  return `http://${wildcard ? "localhost" : config.host}:${config.port}`;
}

export async function createLocalClerk(config: LocalClerkConfig): Promise<LocalClerk> {
  const keys = await loadOrCreateSigningKeys(config.stateDir);
  const publishableKey = publishableKeyFor(config.frontendApiHost);
  return {
    config,
    store: new Store(),
    keys,
    issuer: { keys, issuer: `https://${config.frontendApiHost}` },
    publishableKey,
    cookieSuffix: cookieSuffixFor(publishableKey),
    publicUrl: publicUrlFor(config),
  };
}

/** Puts the store back to its seeded state: the demo user, if configured, and nothing else. */
export function seed(clerk: LocalClerk): void {
  clerk.store.clear();
  const demo = clerk.config.demoUser;
  if (!demo) return;
  clerk.store.createUser(
    {
      email_addresses: [demo.email],
      password: demo.password,
      first_name: demo.firstName,
      last_name: demo.lastName,
      username: demo.username,
    },
    { announce: false },
  );
}

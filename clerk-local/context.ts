// Everything a request handler of the local Clerk needs, made once per server.
import { createHash } from "node:crypto";
import { publishableKeyFor, type LocalClerkConfig } from "./config";
import { FaultSchedule } from "./controls/fault-schedule";
import { HeldRequests } from "./controls/held-requests";
import { loadInitialUsers } from "./state/initial-users";
import type { ContractRecorder } from "./spec/recorder";
import { runContractRecorder } from "./spec/run-recorder";
import { loadOrCreateSigningKeys, type SigningKeys } from "./tokens/keys";
import { assertValidLiveConfig, snapshotLiveConfig } from "./controls/live-config";
import { RequestStats } from "./controls/request-stats";
import { StateWriter } from "./state/state-writer";
import { Store, type User } from "./state/store";
import type { TokenIssuer } from "./tokens/tokens";
import type { WebhookDispatcher } from "./webhooks/dispatcher";
import { createWebhookDispatcher } from "./webhooks/events";

export type LocalClerk = {
  config: LocalClerkConfig;
  store: Store;
  keys: SigningKeys;
  issuer: TokenIssuer;
  publishableKey: string;
  /** Suffix of Clerk's cookie names for this publishable key (`__session_<suffix>`). */
  cookieSuffix: string;
  /** Where browsers and the app reach this server (updated once the real port is known). */
  publicUrl: string;
  /** The users the server started with: `seed` (and `POST /__clerk_local/reset`) restores them. */
  initialUsers: User[];
  /** The live settings as they were at start: reset restores them too. */
  initialLiveConfig: ReturnType<typeof snapshotLiveConfig>;
  stats: RequestStats;
  /** Backend API requests held back by latency or the timeout fault. */
  held: HeldRequests;
  /** Which requests the injected faults hit, one schedule per kind of traffic. */
  faults: Record<"bapi" | "fapi" | "bundle", FaultSchedule>;
  webhooks: WebhookDispatcher;
  /** Null when users live in memory only. */
  stateWriter: StateWriter | null;
  /** Checks every Frontend and Backend API answer against Clerk's specs; null checks nothing. */
  contract: ContractRecorder | null;
  /**
   * Stops listening for `seconds` after `responseSent`, so every client (the app's Backend API calls
   * included) gets "connection refused", then listens again. Set by the server once it listens; null
   * for an app that is not serving on a port (unit tests).
   */
  goOffline: ((seconds: number, responseSent: Promise<void>) => void) | null;
};

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
  const host = wildcard ? "localhost" : config.host.includes(":") ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}

export async function createLocalClerk(config: LocalClerkConfig): Promise<LocalClerk> {
  assertValidLiveConfig(config);
  const initialUsers = loadInitialUsers(config);
  const keys = await loadOrCreateSigningKeys(config.stateDir);
  const publishableKey = publishableKeyFor(config.frontendApiHost);
  const store = new Store();
  return {
    config,
    store,
    keys,
    issuer: { keys, issuer: `https://${config.frontendApiHost}` },
    publishableKey,
    cookieSuffix: cookieSuffixFor(publishableKey),
    publicUrl: publicUrlFor(config),
    initialUsers,
    initialLiveConfig: snapshotLiveConfig(config),
    stats: new RequestStats(),
    held: new HeldRequests(),
    faults: { bapi: new FaultSchedule(), fapi: new FaultSchedule(), bundle: new FaultSchedule() },
    webhooks: createWebhookDispatcher({ config }),
    stateWriter: config.stateFile ? new StateWriter(config.stateFile, () => store.snapshotUsers()) : null,
    contract: config.contract ?? runContractRecorder(),
    goOffline: null,
  };
}

/** Puts the store back to the users the server started with, and nothing else (no sessions, no clients). */
export function seed(clerk: LocalClerk): void {
  clerk.store.clear();
  for (const user of clerk.initialUsers) clerk.store.importUser(structuredClone(user));
}

/** Lets every held request go, stops webhook deliveries and writes the state file one last time. */
export async function closeLocalClerk(clerk: LocalClerk): Promise<void> {
  clerk.held.releaseAll();
  await clerk.webhooks.close();
  await clerk.stateWriter?.flush();
}

// The parts a running local Clerk is made of, each built once: the store, the live settings, the
// signing keys, the traffic shaping, webhook delivery, the contract check and the state file. Route
// files pick the parts they use; nothing takes the whole.
import { createHash } from "node:crypto";
import { accountPageUrl, publishableKeyFor, type LocalClerkConfig } from "./config";
import { ClerkError } from "./http/errors";
import { defaultInstanceSettings, Instance, loadInstanceFile } from "./settings/instance";
import { DEFAULT_LIVE_SETTINGS, LiveSettings, type LiveSettingsJSON } from "./settings/live";
import { createContractRecorder, recorderForEveryServer, type ContractRecorder } from "./spec/recorder";
import { loadInitialUsers } from "./state/initial-users";
import type { UserRecord } from "./state/records";
import { StateWriter } from "./state/state-writer";
import { Store } from "./state/store";
import { loadOrCreateSigningKeys, type SigningKeys } from "./tokens/keys";
import { sessionTokens, type SessionTokens } from "./tokens/session-tokens";
import type { TokenIssuer } from "./tokens/tokens";
import { createTraffic, resetTraffic, type Traffic } from "./traffic/traffic";
import { announceStoreEvents } from "./webhooks/announce";
import { WebhookDispatcher } from "./webhooks/dispatcher";
import { webhookKey } from "./webhooks/signing";

/** Where browsers and the app reach this server; the real port is known only once it listens. */
export type PublicUrl = { current: string };

/** Stops listening for a while once `responseSent` resolves; null for an app that serves no port. */
export type Outage = { goOffline: ((seconds: number, responseSent: Promise<void>) => void) | null };

export type Services = {
  config: LocalClerkConfig;
  live: LiveSettings;
  /** The instance's settings: what sign-up, sign-in and tokens follow (settings/instance.ts). */
  instance: Instance;
  store: Store;
  keys: SigningKeys;
  issuer: TokenIssuer;
  /** Session tokens for browsers and the Backend API: lifetime and custom claims as the instance says. */
  sessionTokens: SessionTokens;
  publishableKey: string;
  /** Suffix of Clerk's cookie names for this publishable key (`__session_<suffix>`). */
  cookieSuffix: string;
  publicUrl: PublicUrl;
  traffic: Traffic;
  webhooks: WebhookDispatcher;
  /** Checks every Frontend and Backend API answer against Clerk's specs; null checks nothing. */
  contract: ContractRecorder | null;
  /** Null when users live in memory only. */
  stateWriter: StateWriter | null;
  /** The users the server started with: reset restores them. */
  initialUsers: UserRecord[];
  outage: Outage;
};

export function cookieSuffixFor(publishableKey: string): string {
  return createHash("sha1").update(publishableKey).digest("base64").replace(/\+/g, "-").replace(/\//g, "_").slice(0, 8);
}

export function publicUrlFor(config: Pick<LocalClerkConfig, "host" | "port">): string {
  const wildcard = config.host === "0.0.0.0" || config.host === "::";
  const host = wildcard ? "localhost" : config.host.includes(":") ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}

function liveSettingsOf(initial: LiveSettingsJSON): LiveSettings {
  try {
    return new LiveSettings(initial);
  } catch (error) {
    if (error instanceof ClerkError) throw new Error(`Invalid local Clerk setting: ${error.init.message}`);
    throw error;
  }
}

function dispatcherFor(config: LocalClerkConfig, live: LiveSettings): WebhookDispatcher {
  // Checked once at start: a malformed secret is a configuration error, not a per-delivery one.
  let key: Buffer;
  try {
    key = webhookKey(config.webhookSecret);
  } catch (error) {
    throw new Error(`Invalid webhook signing secret (CLERK_LOCAL_WEBHOOK_SECRET): ${(error as Error).message}`);
  }
  return new WebhookDispatcher(() => ({
    url: live.get().webhook_url,
    key,
    retryDelaysMs: live.get().webhook_retry_delays_ms,
    timeoutMs: config.webhookTimeoutMs,
  }));
}

/** The instance settings a server starts with, and live settings the settings file asks for. */
function instanceOf(config: LocalClerkConfig) {
  const defaults = defaultInstanceSettings({
    applicationName: config.applicationName,
    signInUrl: accountPageUrl(config, "sign-in"),
    signUpUrl: accountPageUrl(config, "sign-up"),
    homeUrl: config.appOrigin,
  });
  const start = config.instanceFile ? loadInstanceFile(config.instanceFile, defaults) : { settings: defaults, live: {} };
  return { instance: new Instance(start.settings, defaults), live: start.live };
}

export async function createServices(config: LocalClerkConfig): Promise<Services> {
  const { instance, live: liveFromFile } = instanceOf(config);
  // The environment and flags win over the settings file, which wins over the defaults.
  const live = liveSettingsOf({ ...DEFAULT_LIVE_SETTINGS, ...liveFromFile, ...config.live });
  const initialUsers = loadInitialUsers(config);
  const keys = await loadOrCreateSigningKeys(config.stateDir);
  const publishableKey = publishableKeyFor(config.frontendApiHost);
  const store = new Store();
  const publicUrl = { current: publicUrlFor(config) };
  const webhooks = dispatcherFor(config, live);
  announceStoreEvents(store, webhooks, () => publicUrl.current);
  const stateWriter = config.stateFile ? new StateWriter(config.stateFile, () => store.snapshotUsers()) : null;
  if (stateWriter) store.onUserEvent(() => stateWriter.schedule());
  const issuer: TokenIssuer = { keys, issuer: `https://${config.frontendApiHost}` };
  const services: Services = {
    config,
    live,
    instance,
    store,
    keys,
    issuer,
    sessionTokens: sessionTokens({ issuer, live, instance, store, avatarBaseUrl: () => publicUrl.current }),
    publishableKey,
    cookieSuffix: cookieSuffixFor(publishableKey),
    publicUrl,
    traffic: createTraffic(live),
    webhooks,
    contract: config.contractCheck ? createContractRecorder() : recorderForEveryServer(),
    stateWriter,
    initialUsers,
    outage: { goOffline: null },
  };
  restoreInitialUsers(services);
  // Written at once, so the ids of seeded users (the demo user's among them) stay the same next time.
  await stateWriter?.flush();
  return services;
}

/** Puts the store back to the users the server started with, and nothing else (no sessions, no clients). */
export function restoreInitialUsers({ store, initialUsers }: Pick<Services, "store" | "initialUsers">): void {
  store.clear();
  for (const user of initialUsers) store.importUser(user);
}

/** Back to how the server started: its users, its live settings, zero counts, no queued webhooks. */
export function resetServices(services: Services): void {
  restoreInitialUsers(services);
  services.live.reset();
  services.instance.reset();
  resetTraffic(services.traffic);
  services.webhooks.clear();
  services.stateWriter?.schedule();
}

/** Lets every held request go, stops webhook deliveries and writes the state file one last time. */
export async function closeServices(services: Services): Promise<void> {
  services.traffic.held.releaseAll();
  await services.webhooks.close();
  await services.stateWriter?.flush();
}

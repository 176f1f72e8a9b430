// Configuration of the local Clerk, built once from defaults, the environment and CLI flags. `live`
// holds the settings that may change while the server runs (settings/live.ts); the rest is fixed.
import path from "node:path";
import type { LiveSettingsJSON } from "./settings/live";

export type DemoUser = { email: string; password: string; firstName: string; lastName: string; username: string };

export type LocalClerkConfig = {
  /** Interface to bind; loopback by default so nothing outside this machine can reach it. */
  host: string;
  /** 0 picks a free port; the running server reports the actual one. */
  port: number;
  /** The Backend API bearer this server accepts (and the app is given). */
  secretKey: string;
  /** The Frontend API host encoded in the publishable key: never contacted, only named. */
  frontendApiHost: string;
  /** Folder for the persisted RSA key pair; null keeps keys in memory only (unit tests). */
  stateDir: string | null;
  /** Users persist here across restarts (read at start, rewritten on change); null keeps them in memory. */
  stateFile: string | null;
  /** Users imported at start from this file and never written back (a checked-in seed). */
  seedFile: string | null;
  /** The instance's settings, in the shape of Clerk's environment (settings/instance.ts); null: the defaults. */
  instanceFile: string | null;
  /** Fixed one-time code accepted for email verification (Clerk's test-address code). */
  verificationCode: string;
  /** The seeded demo user; null seeds nobody. */
  demoUser: DemoUser | null;
  /** The app's origin, for `azp` on tokens minted without a browser Origin (Backend API tokens). */
  appOrigin: string;
  /** The name Clerk's components greet with ("Sign in to …"). */
  applicationName: string;
  /** The app's own sign-in and sign-up pages; null names Clerk's hosted pages, as an instance without them does. */
  signInUrl: string | null;
  signUpUrl: string | null;
  /** `whsec_…` key that signs webhook deliveries (the app verifies with it as CLERK_WEBHOOK_SIGNING_SECRET). */
  webhookSecret: string;
  /** A delivery that has not answered in this time counts as failed (Clerk expects a 2xx within 15 s). */
  webhookTimeoutMs: number;
  /** Checks every Frontend and Backend API answer against Clerk's OpenAPI specs (`GET /__clerk_local/contract`). */
  contractCheck: boolean;
  /**
   * Live settings to start with, over the instance file's `live` and the defaults;
   * `PUT /__clerk_local/config` changes them, reset restores them.
   */
  live: Partial<LiveSettingsJSON>;
};

export const DEFAULT_PORT = 4010;
export const DEFAULT_SECRET_KEY = "sk_test_clerk_local";
/** Fixed and published on purpose: it signs webhooks between two local processes only. */
export const LOCAL_WEBHOOK_SIGNING_SECRET = "whsec_Y2xlcmstbG9jYWwtZGV2LW9ubHktc2lnbmluZy1rZXk="; // local-only, not a real secret

export const DEMO_USER: DemoUser = {
  email: "demo@example.com",
  password: "demo-password-4010",
  firstName: "Demo",
  lastName: "User",
  username: "demo",
};

/** `pk_test_` + base64(`<frontend api host>$`), the format every Clerk SDK decodes. */
export function publishableKeyFor(frontendApiHost: string): string {
  return `pk_test_${Buffer.from(`${frontendApiHost}$`).toString("base64").replace(/=+$/, "")}`;
}

/** Fields to change in a config. */
export type ConfigOverrides = Partial<LocalClerkConfig>;

export function withOverrides(config: LocalClerkConfig, { live, ...fixed }: ConfigOverrides): LocalClerkConfig {
  return { ...config, ...fixed, live: { ...config.live, ...live } };
}

/** The defaults, with `overrides` on top. */
export function defaultConfig(overrides: ConfigOverrides = {}): LocalClerkConfig {
  const { live, ...fixed } = overrides;
  return {
    host: "127.0.0.1",
    port: DEFAULT_PORT,
    secretKey: DEFAULT_SECRET_KEY,
    frontendApiHost: "clerk-local.clerk.accounts.dev",
    stateDir: null,
    stateFile: null,
    seedFile: null,
    instanceFile: null,
    verificationCode: "424242",
    demoUser: { ...DEMO_USER },
    appOrigin: "http://localhost:3000",
    applicationName: "My application",
    signInUrl: null,
    signUpUrl: null,
    webhookSecret: LOCAL_WEBHOOK_SIGNING_SECRET,
    webhookTimeoutMs: 15_000,
    contractCheck: false,
    ...fixed,
    live: { ...live },
  };
}

/**
 * Reads the documented environment variables; anything unset keeps its default. Live settings given
 * here are only parsed; the server validates them like a `PUT /__clerk_local/config`.
 */
export function configFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): LocalClerkConfig {
  const port = env.CLERK_LOCAL_PORT ? parsePort(env.CLERK_LOCAL_PORT, "CLERK_LOCAL_PORT") : DEFAULT_PORT;
  const appPort = env.PORT ? parsePort(env.PORT, "PORT") : 3000;
  const resolve = (file: string | undefined) => (file?.trim() ? path.resolve(cwd, file.trim()) : null);
  const live: Partial<LiveSettingsJSON> = { webhook_url: webhookUrlFromEnv(env.CLERK_LOCAL_WEBHOOK_URL) };
  if (env.CLERK_LOCAL_BAPI_LATENCY_MS) live.bapi_latency_ms = parseWhole(env.CLERK_LOCAL_BAPI_LATENCY_MS, "CLERK_LOCAL_BAPI_LATENCY_MS");
  if (env.CLERK_LOCAL_FAPI_LATENCY_MS) live.fapi_latency_ms = parseWhole(env.CLERK_LOCAL_FAPI_LATENCY_MS, "CLERK_LOCAL_FAPI_LATENCY_MS");
  if (env.CLERK_LOCAL_TOKEN_TTL_SECONDS) live.token_ttl_s = parseWhole(env.CLERK_LOCAL_TOKEN_TTL_SECONDS, "CLERK_LOCAL_TOKEN_TTL_SECONDS");
  return defaultConfig({
    host: env.CLERK_LOCAL_HOST || "127.0.0.1",
    port,
    stateDir: env.CLERK_LOCAL_STATE_DIR || path.join(cwd, ".clerk-local"),
    stateFile: resolve(env.CLERK_LOCAL_STATE_FILE),
    seedFile: resolve(env.CLERK_LOCAL_SEED_FILE),
    instanceFile: resolve(env.CLERK_LOCAL_INSTANCE_FILE),
    appOrigin: `http://localhost:${appPort}`,
    contractCheck: env.CLERK_LOCAL_CONTRACT_CHECK === "1",
    ...(env.CLERK_LOCAL_WEBHOOK_SECRET ? { webhookSecret: env.CLERK_LOCAL_WEBHOOK_SECRET.trim() } : {}),
    live,
  });
}

/** Unset or empty: no webhooks; `off` or `none` says so explicitly (and stops a runner's default). */
function webhookUrlFromEnv(value: string | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed || ["off", "none"].includes(trimmed.toLowerCase())) return null;
  return trimmed;
}

/** The configured page, or Clerk's hosted one (the Account Portal beside the Frontend API host). */
export function accountPageUrl(config: Pick<LocalClerkConfig, "signInUrl" | "signUpUrl" | "frontendApiHost">, page: "sign-in" | "sign-up"): string {
  const configured = page === "sign-in" ? config.signInUrl : config.signUpUrl;
  return configured ?? `https://${config.frontendApiHost.replace(".clerk.", ".")}/${page}`;
}

export function parsePort(value: string, name: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid ${name} "${value}": expected a whole number from 0 to 65535`);
  }
  return port;
}

function parseWhole(value: string, name: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) {
    throw new Error(`Invalid ${name} "${value}": expected a whole number`);
  }
  return number;
}

/** Refuses configurations that could touch a real Clerk instance or run in production. */
export function assertSafeToRun(env: Record<string, string | undefined>, config: LocalClerkConfig): void {
  if (env.NODE_ENV === "production") {
    throw new Error("The local Clerk is for development and tests only: refusing to start with NODE_ENV=production");
  }
  const live = [config.secretKey, env.CLERK_SECRET_KEY, env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY].find(
    (key) => key?.startsWith("sk_live_") || key?.startsWith("pk_live_"),
  );
  if (live) {
    throw new Error("The local Clerk refuses to start with a live Clerk key (pk_live_/sk_live_) in its environment");
  }
  if (!config.secretKey.startsWith("sk_test_")) {
    throw new Error("The local Clerk's secret key must start with sk_test_");
  }
}

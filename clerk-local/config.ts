// Configuration of the local Clerk: one object, built once from defaults, the environment and CLI flags.
import path from "node:path";

export type LocalClerkConfig = {
  /** Interface to bind; loopback by default so nothing outside this machine can reach it. */
  host: string;
  port: number;
  /** The Backend API bearer this server accepts (and the app is given). */
  secretKey: string;
  /** The Frontend API host encoded in the publishable key: never contacted, only named. */
  frontendApiHost: string;
  /** Folder for the persisted RSA key pair; null keeps keys in memory only (unit tests). */
  stateDir: string | null;
  /** Lifetime of a session token, in seconds (Clerk's is 60). */
  tokenTtlSeconds: number;
  /** Fixed one-time code accepted for email verification (Clerk's test-address code). */
  verificationCode: string;
  /** The seeded demo user; null seeds nobody. */
  demoUser: { email: string; password: string; firstName: string; lastName: string; username: string } | null;
  /** The app's origin, for `azp` on tokens minted without a browser Origin (Backend API tokens). */
  appOrigin: string;
  /** The name Clerk's components greet with ("Sign in to …"). */
  applicationName: string;
  /** Package root that holds node_modules/@clerk/{clerk-js,ui}. */
  packageRoot: string;
};

export const DEFAULT_PORT = 4010;
export const DEFAULT_SECRET_KEY = "sk_test_clerk_local";

export const DEMO_USER = {
  email: "demo@example.com",
  password: "demo-password-4010",
  firstName: "Demo",
  lastName: "User",
  username: "demo",
} as const;

export function defaultConfig(overrides: Partial<LocalClerkConfig> = {}): LocalClerkConfig {
  return {
    host: "127.0.0.1",
    port: DEFAULT_PORT,
    secretKey: DEFAULT_SECRET_KEY,
    frontendApiHost: "clerk-local.clerk.accounts.dev",
    stateDir: null,
    tokenTtlSeconds: 60,
    verificationCode: "424242",
    demoUser: { ...DEMO_USER },
    appOrigin: "http://localhost:3000",
    applicationName: "UserData",
    packageRoot: process.cwd(),
    ...overrides,
  };
}

/** Reads the documented environment variables; anything unset keeps its default. */
export function configFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): LocalClerkConfig {
  const port = env.CLERK_LOCAL_PORT ? parsePort(env.CLERK_LOCAL_PORT) : DEFAULT_PORT;
  const appPort = env.PORT ? parsePort(env.PORT) : 3000;
  return defaultConfig({
    host: env.CLERK_LOCAL_HOST || "127.0.0.1",
    port,
    stateDir: env.CLERK_LOCAL_STATE_DIR || path.join(cwd, ".clerk-local"),
    appOrigin: `http://localhost:${appPort}`,
    packageRoot: cwd,
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Invalid port "${value}": expected a whole number from 1 to 65535`);
  }
  return port;
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

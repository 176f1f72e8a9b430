// What the local Clerk needs to know of this app, which it cannot know itself: its name, its own
// sign-in and sign-up pages, its webhook route, how its Clerk instance is set up (scripts/clerk-instance.json)
// and the accounts it starts with (scripts/clerk-accounts.json). The runners pass it on start.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LocalClerkConfig } from "clerk-local";
import { APP_NAME } from "../app/_components/app-name";
import { SIGN_IN_PATH, SIGN_UP_PATH } from "../lib/routes";

const APP_WEBHOOK_PATH = "/api/webhooks/clerk";
export const APP_INSTANCE_FILE = fileURLToPath(new URL("clerk-instance.json", import.meta.url));
const APP_ACCOUNTS_FILE = fileURLToPath(new URL("clerk-accounts.json", import.meta.url));

type SeedAccount = { email_address?: string; username?: string; password?: string; public_metadata?: { role?: unknown } };

/** What `npm run dev` prints: each login the seed file the local Clerk started with holds. */
export function accountsBanner(seedFile: string | null): string {
  if (!seedFile) return "No accounts are seeded: sign up at /sign-up.";
  const { users = [] } = JSON.parse(readFileSync(seedFile, "utf8")) as { users?: SeedAccount[] };
  const lines = users.map((account) => {
    const role = typeof account.public_metadata?.role === "string" ? account.public_metadata.role : "user";
    const login = [account.email_address, account.username].filter(Boolean).join(" or ");
    return `  ${role}: ${login} / ${account.password ?? "(no password)"}`;
  });
  return ["Sign in with:", ...lines, "Give or take a role: npm run role -- <email or username> admin|member"].join("\n");
}

/**
 * This app's settings, unless the environment names its own: deliveries to the app's route (or the URL
 * CLERK_LOCAL_WEBHOOK_URL names, or none for `off`), the app's instance file and seeded accounts.
 */
export function forThisApp(config: LocalClerkConfig, env: NodeJS.ProcessEnv): LocalClerkConfig {
  return {
    ...config,
    applicationName: APP_NAME,
    signInUrl: `${config.appOrigin}${SIGN_IN_PATH}`,
    signUpUrl: `${config.appOrigin}${SIGN_UP_PATH}`,
    instanceFile: env.CLERK_LOCAL_INSTANCE_FILE ? config.instanceFile : APP_INSTANCE_FILE,
    seedFile: env.CLERK_LOCAL_SEED_FILE ? config.seedFile : APP_ACCOUNTS_FILE,
    demoUser: null,
    live: {
      ...config.live,
      webhook_url: env.CLERK_LOCAL_WEBHOOK_URL === undefined ? `${config.appOrigin}${APP_WEBHOOK_PATH}` : config.live.webhook_url,
    },
  };
}

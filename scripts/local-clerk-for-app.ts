// What the local Clerk needs to know of this app, which it cannot know itself: its name, its own
// sign-in and sign-up pages, its webhook route and how its Clerk instance is set up (the checked-in
// settings file). The runners pass it on start.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LocalClerkConfig } from "clerk-local";
import { APP_NAME } from "../app/_components/app-name";
import { SIGN_IN_PATH, SIGN_UP_PATH } from "../lib/routes";

const APP_WEBHOOK_PATH = "/api/webhooks/clerk";

/** This app's Clerk instance: usernames on, optional, usable to sign in; email required; names optional. */
export const APP_INSTANCE_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "clerk-instance.json");

/**
 * Deliveries go to the app's route unless CLERK_LOCAL_WEBHOOK_URL names another URL or `off`; the
 * instance is the app's own unless CLERK_LOCAL_INSTANCE_FILE names another file.
 */
export function forThisApp(config: LocalClerkConfig, env: NodeJS.ProcessEnv): LocalClerkConfig {
  return {
    ...config,
    applicationName: APP_NAME,
    signInUrl: `${config.appOrigin}${SIGN_IN_PATH}`,
    signUpUrl: `${config.appOrigin}${SIGN_UP_PATH}`,
    instanceFile: config.instanceFile ?? APP_INSTANCE_FILE,
    live: {
      ...config.live,
      webhook_url: env.CLERK_LOCAL_WEBHOOK_URL === undefined ? `${config.appOrigin}${APP_WEBHOOK_PATH}` : config.live.webhook_url,
    },
  };
}

// What the local Clerk needs to know of this app, which it cannot know itself: its name, its own
// sign-in and sign-up pages and its webhook route. The runners pass it on start.
import type { LocalClerkConfig } from "clerk-local";
import { APP_NAME } from "../app/_components/app-name";
import { SIGN_IN_PATH, SIGN_UP_PATH } from "../lib/routes";

const APP_WEBHOOK_PATH = "/api/webhooks/clerk";

/** Deliveries go to the app's route unless CLERK_LOCAL_WEBHOOK_URL names another URL or `off`. */
export function forThisApp(config: LocalClerkConfig, env: NodeJS.ProcessEnv): LocalClerkConfig {
  return {
    ...config,
    applicationName: APP_NAME,
    signInUrl: `${config.appOrigin}${SIGN_IN_PATH}`,
    signUpUrl: `${config.appOrigin}${SIGN_UP_PATH}`,
    live: {
      ...config.live,
      webhook_url: env.CLERK_LOCAL_WEBHOOK_URL === undefined ? `${config.appOrigin}${APP_WEBHOOK_PATH}` : config.live.webhook_url,
    },
  };
}

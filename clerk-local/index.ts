// The local Clerk's entry point for the runners and tests of an app: start it, configure it, and the
// environment an app needs to use it. Its controls have their own entry: `clerk-local/controls`.
export { createApp, type LocalClerkApp } from "./app";
export { appEnvFor, formatEnv } from "./app-env";
export {
  configFromEnv,
  defaultConfig,
  DEFAULT_SECRET_KEY,
  DEMO_USER,
  LOCAL_WEBHOOK_SIGNING_SECRET,
  publishableKeyFor,
  withOverrides,
  type ConfigOverrides,
  type DemoUser,
  type LocalClerkConfig,
} from "./config";
export { banner, startLocalClerk, type RunningLocalClerk } from "./server";
export type { LiveSettingsJSON } from "./settings/live";

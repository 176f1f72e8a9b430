// The environment an app needs to use this local Clerk instead of real Clerk: env only, app code is
// identical. NEXT_PUBLIC_* values are inlined at build time, so a build made for it needs them too.
import type { Services } from "./services";

export function appEnvFor(clerk: Pick<Services, "publicUrl" | "publishableKey" | "config" | "keys">): Record<string, string> {
  const url = clerk.publicUrl.current;
  return {
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: clerk.publishableKey,
    CLERK_SECRET_KEY: clerk.config.secretKey,
    CLERK_API_URL: url,
    // clerk-js sends every Frontend API call here, and @clerk/backend sends its handshake redirect here.
    NEXT_PUBLIC_CLERK_PROXY_URL: url,
    // Without explicit script URLs the SDK forces https and a CDN host.
    NEXT_PUBLIC_CLERK_JS_URL: `${url}/npm/@clerk/clerk-js@6/dist/clerk.browser.js`,
    NEXT_PUBLIC_CLERK_UI_URL: `${url}/npm/@clerk/ui@1/dist/ui.browser.js`,
    ...(clerk.config.signInUrl ? { NEXT_PUBLIC_CLERK_SIGN_IN_URL: appPath(clerk.config.signInUrl, clerk.config.appOrigin) } : {}),
    ...(clerk.config.signUpUrl ? { NEXT_PUBLIC_CLERK_SIGN_UP_URL: appPath(clerk.config.signUpUrl, clerk.config.appOrigin) } : {}),
    // The origin the local Clerk names in tokens (`azp`), so the app checks it as it would in production.
    APP_ORIGIN: clerk.config.appOrigin,
    // Networkless token verification: the app never needs to fetch the JWKS.
    CLERK_JWT_KEY: clerk.keys.publicPem.trim(),
    // What the app's webhook route verifies deliveries with (`verifyWebhook` reads it).
    CLERK_WEBHOOK_SIGNING_SECRET: clerk.config.webhookSecret,
    NEXT_PUBLIC_CLERK_TELEMETRY_DISABLED: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/** A page of the app itself as a path, the way these variables are usually written. */
function appPath(url: string, appOrigin: string): string {
  const page = new URL(url);
  return page.origin === new URL(appOrigin).origin ? `${page.pathname}${page.search}` : url;
}

/** `KEY=value` lines, PEM newlines escaped as `\n` the way dotenv files hold them. */
export function formatEnv(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([key, value]) => `${key}=${value.includes("\n") ? JSON.stringify(value) : value}`)
    .join("\n");
}

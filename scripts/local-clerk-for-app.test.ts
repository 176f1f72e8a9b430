import { describe, expect, it } from "vitest";
import { configFromEnv } from "clerk-local";
import { forThisApp } from "./local-clerk-for-app";

const configFor = (env: NodeJS.ProcessEnv) => forThisApp(configFromEnv(env), env);

describe("forThisApp", () => {
  it("names the app's pages and delivers webhooks to its route", () => {
    expect(configFor({ NODE_ENV: "test", PORT: "3100" })).toMatchObject({
      applicationName: "UserData",
      signInUrl: "http://localhost:3100/sign-in",
      signUpUrl: "http://localhost:3100/sign-up",
      live: { webhook_url: "http://localhost:3100/api/webhooks/clerk" },
    });
  });

  it("keeps the webhook URL the env names, or none when it says off", () => {
    expect(configFor({ NODE_ENV: "test", CLERK_LOCAL_WEBHOOK_URL: "http://127.0.0.1:9999/hook" }).live.webhook_url).toBe("http://127.0.0.1:9999/hook");
    expect(configFor({ NODE_ENV: "test", CLERK_LOCAL_WEBHOOK_URL: "off" }).live.webhook_url).toBeNull();
  });
});

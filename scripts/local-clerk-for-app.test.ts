import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configFromEnv, startLocalClerk, withOverrides } from "clerk-local";
import { localClerkControls } from "clerk-local/controls";
import { accountsBanner, APP_INSTANCE_FILE, forThisApp } from "./local-clerk-for-app";

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

  it("uses the app's own instance settings unless the env names another file", () => {
    expect(configFor({ NODE_ENV: "test" }).instanceFile).toBe(APP_INSTANCE_FILE);
    expect(configFor({ NODE_ENV: "test", CLERK_LOCAL_INSTANCE_FILE: "/tmp/other.json" }).instanceFile).toBe("/tmp/other.json");
  });

  it("starts an instance with usernames on, optional and used to sign in, email required, names optional", async () => {
    const running = await startLocalClerk(withOverrides(configFor({ NODE_ENV: "test" }), { port: 0, stateDir: null }), {});
    try {
      const { user_settings: settings } = await localClerkControls(running.url).instance();
      const attribute = (name: keyof typeof settings.attributes) => {
        const { enabled, required, used_for_first_factor: signIn } = settings.attributes[name];
        return { enabled, required, signIn };
      };
      expect(attribute("username")).toEqual({ enabled: true, required: false, signIn: true });
      expect(attribute("email_address")).toEqual({ enabled: true, required: true, signIn: true });
      expect(attribute("first_name")).toMatchObject({ enabled: true, required: false });
      expect(attribute("last_name")).toMatchObject({ enabled: true, required: false });
      expect(attribute("password")).toMatchObject({ enabled: true, required: true });
    } finally {
      await running.close();
    }
  });

  it("keeps the webhook URL the env names, or none when it says off", () => {
    expect(configFor({ NODE_ENV: "test", CLERK_LOCAL_WEBHOOK_URL: "http://127.0.0.1:9999/hook" }).live.webhook_url).toBe("http://127.0.0.1:9999/hook");
    expect(configFor({ NODE_ENV: "test", CLERK_LOCAL_WEBHOOK_URL: "off" }).live.webhook_url).toBeNull();
  });
});

describe("accountsBanner", () => {
  it("prints the app's two logins by default", () => {
    const banner = accountsBanner(configFor({ NODE_ENV: "test" }).seedFile);
    expect(banner).toContain("admin: admin@example.com or admin / admin-password-4010");
    expect(banner).toContain("member: demo@example.com or demo / demo-password-4010");
  });

  it("prints the accounts of the seed file the env names, not the app's", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "seed-")), "seed.json");
    writeFileSync(file, JSON.stringify({ users: [{ email_address: "grace@example.com", password: "grace-password" }] }));
    const banner = accountsBanner(configFor({ NODE_ENV: "test", CLERK_LOCAL_SEED_FILE: file }).seedFile);
    expect(banner).toContain("user: grace@example.com / grace-password");
    expect(banner).not.toContain("admin@example.com");
  });
});

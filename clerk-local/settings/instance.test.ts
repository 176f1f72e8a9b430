// Instance settings: from a file at start and live through the control, deep-merged over the defaults,
// refused whole (naming the key) when they are malformed, contradict themselves or need a feature the
// local Clerk does not have.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { contractFor } from "../spec/contract";
import { errorOf, inProcess, jsonOf, type TestClerk } from "../testing/harness";
import type { InstanceInput } from "./instance";

type Environment = {
  auth_config: Record<string, unknown>;
  display_config: { application_name: string };
  user_settings: { attributes: Record<string, { enabled: boolean; required: boolean; used_for_first_factor: boolean }>; password_settings: { min_length: number } };
  api_keys_settings?: Record<string, boolean>;
};

const open: TestClerk[] = [];
let dir: string;
beforeAll(() => {
  contractFor("fapi");
}, 60_000);
afterEach(async () => {
  while (open.length) await open.pop()!.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function start(overrides: Parameters<typeof inProcess>[0] = {}) {
  const clerk = await inProcess(overrides);
  open.push(clerk);
  return clerk;
}

const environment = async (clerk: TestClerk) => jsonOf<Environment>(await clerk.request("/v1/environment"));

function settingsFile(content: unknown): string {
  dir = mkdtempSync(path.join(tmpdir(), "clerk-local-instance-"));
  const file = path.join(dir, "instance.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const USERNAMES: InstanceInput = {
  user_settings: {
    attributes: {
      username: { enabled: true, required: false, used_for_first_factor: true },
      first_name: { required: true },
    },
    password_settings: { min_length: 10, require_numbers: true },
  },
  display_config: { application_name: "Mirrored" },
  session_token_claims: { metadata: "{{user.public_metadata}}" },
};

/** Each bad setting, and the key its refusal must name. */
const BAD: [string, InstanceInput | Record<string, unknown>, string, RegExp][] = [
  ["an unknown top-level key", { organization_settings: { enabled: true } }, "organization_settings", /not a setting of a Clerk instance/],
  ["an unknown attribute field", { user_settings: { attributes: { username: { enabld: true } } } }, "user_settings.attributes.username.enabld", /not allowed|additional/],
  ["a wrong type", { user_settings: { attributes: { username: { enabled: "yes" } } } }, "user_settings.attributes.username.enabled", /boolean/],
  ["a section that is not an object", { user_settings: [] }, "user_settings", /object/],
  ["a required attribute that is disabled", { user_settings: { attributes: { phone_number: { required: true } } } }, "user_settings.attributes.phone_number.required", /disabled attribute cannot be required/],
  [
    "no identifier to sign in with",
    { user_settings: { attributes: { email_address: { used_for_first_factor: false } } } },
    "user_settings.attributes",
    /no identifier can be used to sign in/,
  ],
  ["a password rule that cannot hold", { user_settings: { password_settings: { min_length: 20, max_length: 12 } } }, "user_settings.password_settings.min_length", /min_length/],
  ["auth_config contradicting user_settings", { auth_config: { username: "required" } }, "auth_config.username", /contradicts user_settings/],
  ["a reserved claim", { session_token_claims: { sub: "{{user.id}}" } }, "session_token_claims.sub", /Clerk sets itself/],
  ["multi-session mode", { auth_config: { single_session_mode: false } }, "auth_config.single_session_mode", /not supported/],
  ["a second factor", { user_settings: { attributes: { authenticator_app: { enabled: true } } } }, "user_settings.attributes.authenticator_app.enabled", /not supported/],
  ["Web3 wallets", { user_settings: { attributes: { web3_wallet: { enabled: true } } } }, "user_settings.attributes.web3_wallet.enabled", /not supported/],
  ["an OAuth provider", { user_settings: { social: { oauth_google: { enabled: true, required: false, authenticatable: true, block_email_subaddresses: false, strategy: "oauth_google", not_selectable: false, deprecated: false, name: "Google", logo_url: null } } } }, "user_settings.social.oauth_google.enabled", /not supported/],
  ["passkeys", { user_settings: { attributes: { passkey: { enabled: true } } } }, "user_settings.attributes.passkey.enabled", /not supported/],
  ["SAML", { user_settings: { saml: { enabled: true } } }, "user_settings.saml.enabled", /not supported/],
  ["email links", { user_settings: { attributes: { email_address: { verifications: ["email_code", "email_link"] } } } }, "user_settings.attributes.email_address.verifications", /email_link strategy is not supported/],
  ["the waitlist", { user_settings: { sign_up: { mode: "waitlist" } } }, "user_settings.sign_up.mode", /not supported/],
  ["breached-password checks", { user_settings: { password_settings: { disable_hibp: false } } }, "user_settings.password_settings.disable_hibp", /not supported/],
  ["organization API keys", { api_keys_settings: { enabled: true, orgs_api_keys_enabled: true } }, "api_keys_settings.orgs_api_keys_enabled", /not supported/],
  ["user API keys without the feature", { api_keys_settings: { user_api_keys_enabled: true } }, "api_keys_settings.user_api_keys_enabled", /need the API keys feature/],
  ["an unknown API keys field", { api_keys_settings: { machine_api_keys_enabled: true } }, "api_keys_settings.machine_api_keys_enabled", /not allowed|additional/],
];

describe("instance settings from a file", () => {
  it("deep-merges a partial file over the defaults and renders it in /v1/environment", async () => {
    const clerk = await start({ instanceFile: settingsFile(USERNAMES) });
    const env = await environment(clerk);
    expect(env.display_config.application_name).toBe("Mirrored");
    expect(env.user_settings.attributes.username).toMatchObject({ enabled: true, required: false, used_for_first_factor: true });
    expect(env.user_settings.attributes.first_name).toMatchObject({ enabled: true, required: true });
    // Untouched keys keep their defaults.
    expect(env.user_settings.attributes.email_address).toMatchObject({ enabled: true, required: true });
    expect(env.user_settings.password_settings.min_length).toBe(10);
    // The older auth_config fields follow from user_settings.
    expect(env.auth_config).toMatchObject({ username: "on", first_name: "required", identification_strategies: ["email_address", "username"] });
    expect((await clerk.controls.instance()).session_token_claims).toEqual({ metadata: "{{user.public_metadata}}" });
  });

  it("turns user API keys on, as Clerk's dashboard does, and the environment says so", async () => {
    const off = await environment(await start());
    expect(off).toMatchObject({ api_keys_settings: { enabled: false, user_api_keys_enabled: false, orgs_api_keys_enabled: false } });
    const clerk = await start({ instanceFile: settingsFile({ api_keys_settings: { enabled: true, user_api_keys_enabled: true } }) });
    expect(await environment(clerk)).toMatchObject({ api_keys_settings: { enabled: true, user_api_keys_enabled: true, orgs_api_keys_enabled: false } });
  });

  it("takes live settings too, under the environment's", async () => {
    const file = settingsFile({ live: { fapi_latency_ms: 150, token_ttl_s: 30 } });
    const clerk = await start({ instanceFile: file, live: { token_ttl_s: 20 } });
    expect(await clerk.controls.config()).toMatchObject({ fapi_latency_ms: 150, token_ttl_s: 20 });
  });

  it.each(BAD)("refuses %s, naming the key", async (_what, input, key, reason) => {
    const file = settingsFile(input);
    const error = await inProcess({ instanceFile: file }).then(
      (clerk) => {
        open.push(clerk);
        return null;
      },
      (e: Error) => e,
    );
    expect(error?.message).toMatch(new RegExp(`^Instance file ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ${key.replace(/\./g, "\\.")}: `));
    expect(error?.message).toMatch(reason);
  });

  it("refuses a file that is not JSON", async () => {
    await expect(inProcess({ instanceFile: settingsFile("{oops") })).rejects.toThrow(/cannot be read as JSON/);
  });

  it("makes the command exit 1 with one line", async () => {
    const file = settingsFile({ user_settings: { attributes: { phone_number: { required: true } } } });
    const bin = fileURLToPath(new URL("../bin/clerk-local.mjs", import.meta.url));
    const result = await promisify(execFile)(process.execPath, [bin, "--instance", file, "--port", "0"], {
      cwd: dir,
      env: { PATH: process.env.PATH, NODE_ENV: "development" },
      timeout: 20_000,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/user_settings\.attributes\.phone_number\.required: a disabled attribute cannot be required/);
  });
});

describe("PUT /__clerk_local/instance", () => {
  it("replaces the settings live, over the defaults, and reset restores the ones the server started with", async () => {
    const clerk = await start({ instanceFile: settingsFile({ display_config: { application_name: "At start" } }) });
    await clerk.controls.setInstance(USERNAMES);
    expect((await environment(clerk)).user_settings.attributes.username?.enabled).toBe(true);
    // A second configuration is merged over the defaults, not over the first.
    await clerk.controls.setInstance({ user_settings: { password_settings: { min_length: 12 } } });
    const second = await environment(clerk);
    expect(second.user_settings.attributes.username?.enabled).toBe(false);
    expect(second.display_config.application_name).toBe("My application");
    await clerk.controls.reset();
    const reset = await environment(clerk);
    expect(reset.display_config.application_name).toBe("At start");
    expect(reset.user_settings.password_settings.min_length).toBe(8);
  });

  it.each(BAD)("answers %s with a 422 naming the key, and changes nothing", async (_what, input, key) => {
    const clerk = await start();
    await clerk.controls.setInstance({ display_config: { application_name: "Before" } });
    const before = await clerk.controls.instance();
    const response = await clerk.request("/__clerk_local/instance", {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(input),
    });
    expect(await errorOf(response)).toMatchObject({ status: 422, param: key });
    expect(await clerk.controls.instance()).toEqual(before);
  });
});

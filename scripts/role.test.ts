// `npm run role` against a real local Clerk through @clerk/backend: roles set by email or username,
// bad input refused with a message and nothing changed.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { defaultConfig, startLocalClerk, type RunningLocalClerk } from "clerk-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { APP_INSTANCE_FILE } from "./local-clerk-for-app";
import { RoleError, setRole, targetFromEnv, USAGE } from "./role";

let clerk: RunningLocalClerk;
let backend: ReturnType<typeof targetFromEnv>["backend"];

beforeAll(async () => {
  // This app's instance: usernames on, so a role can be given by username.
  clerk = await startLocalClerk(defaultConfig({ port: 0, instanceFile: APP_INSTANCE_FILE }), {});
  backend = targetFromEnv({ CLERK_LOCAL_PORT: String(clerk.port) }).backend;
});
afterAll(() => clerk.close());

describe("setRole", () => {
  it("sets public_metadata.role by email or username, keeping the rest of the metadata", async () => {
    const user = await backend.users.createUser({
      emailAddress: ["role@example.com"],
      username: "roleuser",
      password: "long-enough-1",
      publicMetadata: { plan: "pro" },
    });
    expect(await setRole(backend, "role@example.com", "admin")).toMatch(/is now an admin/);
    expect((await backend.users.getUser(user.id)).publicMetadata).toEqual({ plan: "pro", role: "admin" });
    expect(await setRole(backend, "roleuser", "member")).toMatch(/is now a member/);
    expect((await backend.users.getUser(user.id)).publicMetadata).toEqual({ plan: "pro", role: "member" });
  });

  it.each([
    [["nobody@example.com", "admin"], /No user has the email address "nobody@example.com"/],
    [["nobody", "admin"], /No user has the username "nobody"/],
    [["role@example.com", "owner"], /Unknown role "owner": expected admin or member/],
    [["role@example.com", undefined], new RegExp(USAGE.replace(/[|]/g, "\\|"))],
    [[undefined, undefined], new RegExp(USAGE.replace(/[|]/g, "\\|"))],
  ] as const)("refuses %j, changing nothing", async (args, message) => {
    const before = (await backend.users.getUserList({ emailAddress: ["role@example.com"] })).data[0]?.publicMetadata;
    await expect(setRole(backend, args[0], args[1])).rejects.toThrow(RoleError);
    await expect(setRole(backend, args[0], args[1])).rejects.toThrow(message);
    expect((await backend.users.getUserList({ emailAddress: ["role@example.com"] })).data[0]?.publicMetadata).toEqual(before);
  });
});

describe("the command", () => {
  it("says what to do and exits 1 when no keys are configured and no local Clerk runs", async () => {
    const result = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/role.ts", "demo", "admin"], {
      env: { PATH: process.env.PATH, NODE_ENV: "development", CLERK_LOCAL_PORT: "9" },
      timeout: 20_000,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      "No Clerk keys are configured and no local Clerk answers at http://127.0.0.1:9: start `npm run dev`, or put Clerk keys in .env.local.",
    );
  });
});

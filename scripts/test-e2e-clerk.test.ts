import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { missingRealClerkKeys } from "./test-e2e-clerk";

describe("test:e2e:clerk", () => {
  it("names every missing or unsuitable key", () => {
    expect(missingRealClerkKeys({})).toEqual([
      "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not set",
      "CLERK_SECRET_KEY is not set",
    ]);
    expect(missingRealClerkKeys({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_live_x", CLERK_SECRET_KEY: "sk_live_x" })).toHaveLength(2);
    expect(missingRealClerkKeys({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_x", CLERK_SECRET_KEY: "sk_test_clerk_local" })).toEqual([
      "CLERK_SECRET_KEY is the local Clerk's key, not a real instance's",
    ]);
    expect(missingRealClerkKeys({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_x", CLERK_SECRET_KEY: "sk_test_y" })).toEqual([]);
  });

  it("exits non-zero with a message when run without keys", () => {
    const script = path.resolve("scripts/test-e2e-clerk.ts");
    const cwd = mkdtempSync(path.join(tmpdir(), "no-env-")); // no .env.local there
    const result = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), script], {
      cwd,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "test" },
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("CLERK_SECRET_KEY is not set");
  });
});

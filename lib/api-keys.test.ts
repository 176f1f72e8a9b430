import { describe, expect, it } from "vitest";

import { isWellFormedApiKey } from "@/lib/api-keys";

describe("isWellFormedApiKey", () => {
  it("takes what Clerk's keys look like: the local Clerk's, and @clerk/backend's own test key", () => {
    expect(isWellFormedApiKey(`ak_${"Ab0_-".repeat(8)}xyz`)).toBe(true);
    expect(isWellFormedApiKey("ak_LCWGdaM8mv8K4PC/57IICZQXAeWfCgF30DZaFXHoGn9=")).toBe(true);
  });

  it("refuses what cannot be one, so Clerk is never asked about it", () => {
    for (const token of ["ak_", "ak_short", "AK_LCWGdaM8mv8K4PC57IICZQXAeWfCgF30", `ak_${"x".repeat(201)}`, `ak_${"x".repeat(20)} y`, `ak_${"x".repeat(20)}\n`, "mt_LCWGdaM8mv8K4PC57IICZQXAeWfCgF30"]) {
      expect(isWellFormedApiKey(token), JSON.stringify(token)).toBe(false);
    }
  });
});

import { describe, expect, it } from "vitest";

import { parseRole, roleFromClaims, roleFromMetadata } from "@/lib/roles";
import { adminDashboardFor } from "@/lib/server/admin-dashboard";

describe("roleFromClaims, roleFromMetadata and the admin dashboard they open", () => {
  it.each([
    ["no claims at all", null, "member"],
    ["no metadata claim", { sub: "user_1" }, "member"],
    ["metadata that is not an object", { metadata: "admin" }, "member"],
    ["no role", { metadata: {} }, "member"],
    ["a role that is not a string", { metadata: { role: 1 } }, "member"],
    ["a role that is an object", { metadata: { role: { admin: true } } }, "member"],
    ["an unknown role", { metadata: { role: "owner" } }, "member"],
    ["a role in another case", { metadata: { role: "Admin" } }, "member"],
    ["the member role", { metadata: { role: "member" } }, "member"],
    ["the admin role", { metadata: { role: "admin" } }, "admin"],
  ])("reads %s as %s", (_case, claims, role) => {
    expect(roleFromClaims(claims as never)).toBe(role);
    expect(adminDashboardFor(claims) !== null).toBe(role === "admin");
    // An API key owner's public metadata reads the same as a token's `metadata` claim.
    expect(roleFromMetadata((claims as { metadata?: unknown } | null)?.metadata)).toBe(role);
  });

  it("parses only known roles", () => {
    expect(parseRole("admin")).toBe("admin");
    expect(parseRole("member")).toBe("member");
    expect(parseRole("owner")).toBeNull();
    expect(parseRole(undefined)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";

import { checkRole, parseRole, roleFromClaims } from "@/lib/roles";

describe("roleFromClaims and checkRole", () => {
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
    expect(checkRole(claims as never, "admin")).toBe(role === "admin");
  });

  it("parses only known roles", () => {
    expect(parseRole("admin")).toBe("admin");
    expect(parseRole("member")).toBe("member");
    expect(parseRole("owner")).toBeNull();
    expect(parseRole(undefined)).toBeNull();
  });
});

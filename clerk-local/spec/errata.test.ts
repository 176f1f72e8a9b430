import { describe, expect, it } from "vitest";
import { ERRATA, findErratum, type Erratum } from "./errata";

const base: Erratum = {
  api: "fapi",
  operationId: "*",
  status: "*",
  pointer: "",
  keyword: "type",
  reason: "test",
  evidence: { source: "test", shows: "test" },
};
const target = { api: "fapi", operationId: "getClient", status: 200, keyword: "type" } as const;

describe("findErratum", () => {
  it("reads * as one segment and ** as any number of them, none included", () => {
    const deep = [{ ...base, pointer: "/**/limit" }];
    expect(findErratum(deep, { ...target, pointer: "/limit" })).toBeDefined();
    expect(findErratum(deep, { ...target, pointer: "/client/sessions/0/user/limit" })).toBeDefined();
    expect(findErratum(deep, { ...target, pointer: "/client/limit_x" })).toBeUndefined();
    const one = [{ ...base, pointer: "/*/limit" }];
    expect(findErratum(one, { ...target, pointer: "/0/limit" })).toBeDefined();
    expect(findErratum(one, { ...target, pointer: "/limit" })).toBeUndefined();
    expect(findErratum([base], { ...target, pointer: "" })).toBeDefined();
    expect(findErratum([base], { ...target, pointer: "/a" })).toBeUndefined();
  });

  it("matches api, operation, status and keyword exactly unless given as *", () => {
    const exact = [{ ...base, operationId: "getClient", status: 200 as const, pointer: "/x" }];
    expect(findErratum(exact, { ...target, pointer: "/x" })).toBeDefined();
    expect(findErratum(exact, { ...target, pointer: "/x", status: 404 })).toBeUndefined();
    expect(findErratum(exact, { ...target, pointer: "/x", operationId: "getEnvironment" })).toBeUndefined();
    expect(findErratum(exact, { ...target, pointer: "/x", keyword: "required" })).toBeUndefined();
    expect(findErratum(exact, { ...target, pointer: "/x", api: "bapi" })).toBeUndefined();
  });
});

describe("ERRATA", () => {
  it("gives every entry a reason and evidence", () => {
    for (const erratum of ERRATA) {
      expect(erratum.reason.length).toBeGreaterThan(20);
      expect(erratum.evidence.source).toMatch(/clerk\/javascript|node_modules\/@clerk\//);
      expect(erratum.evidence.shows.length).toBeGreaterThan(20);
    }
  });
});

import { beforeAll, describe, expect, it, vi } from "vitest";
import { contractFor, createContract, matchOperation, totalOperations, validateResponse } from "./contract";
import type { Erratum } from "./errata";
import { bapiUser, clerkErrors } from "../testing/spec-fixtures";
import { buildSpec } from "./load-spec";

const JSON_TYPE = "application/json; charset=utf-8";

// Reading both specs and compiling the first validators takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => {
  contractFor("bapi");
  contractFor("fapi");
}, 60_000);

describe("matchOperation", () => {
  it("matches BAPI templates under /v1 although the spec writes them without it", () => {
    expect(matchOperation("bapi", "GET", "/v1/users/user_2abc")?.operationId).toBe("GetUser");
    expect(matchOperation("bapi", "GET", "/users/user_2abc")).toBeNull();
    expect(matchOperation("bapi", "get", "/v1/users/user_2abc/?x=1")?.path).toBe("/v1/users/{user_id}");
  });

  it("prefers literal segments over parameters", () => {
    expect(matchOperation("bapi", "GET", "/v1/users/count")?.operationId).toBe("GetUsersCount");
    expect(matchOperation("fapi", "GET", "/v1/me/sessions/active")?.path).toBe("/v1/me/sessions/active");
  });

  it("matches FAPI templates as written, with their /v1", () => {
    expect(matchOperation("fapi", "GET", "/v1/client")?.operationId).toBe("getClient");
    expect(matchOperation("fapi", "GET", "/v1/environment")?.operationId).toBe("getEnvironment");
    expect(matchOperation("fapi", "GET", "/v1/saml/metadata/samlc_1.xml")?.path).toBe(
      "/v1/saml/metadata/{saml_connection_id}.xml",
    );
    expect(matchOperation("fapi", "TRACE", "/v1/client")).toBeNull();
  });

  it("counts the operations of each spec", () => {
    expect(totalOperations("bapi")).toBe(249);
    expect(totalOperations("fapi")).toBe(202);
  });
});

describe("validateResponse against the Backend API", () => {
  const getUser = (body: unknown, status = 200) =>
    validateResponse({ api: "bapi", method: "GET", path: "/v1/users/user_2abc", status, contentType: JSON_TYPE, body });

  it("passes a realistic user and flags one whose id is a number", () => {
    expect(getUser(bapiUser())).toEqual({ operation: "GetUser", errors: [], waived: [] });
    const { errors } = getUser({ ...bapiUser(), id: 42 });
    expect(errors.map((e) => e.text)).toEqual(["GetUser (GET /v1/users/{user_id}) 200 /id: must be string"]);
    expect(errors[0]).toMatchObject({ operationId: "GetUser", status: 200, pointer: "/id", keyword: "type" });
  });

  it("reports nested problems with their pointer and a readable message", () => {
    const user = bapiUser();
    const [email] = user.email_addresses as Record<string, unknown>[];
    delete email?.linked_to;
    const { errors } = getUser({ ...user, surprise: true });
    expect(errors.map((e) => `${e.pointer} ${e.keyword}: ${e.message}`).sort()).toEqual([
      "/email_addresses/0/linked_to required: is required but missing",
      "/surprise additionalProperties: is not in the schema (additionalProperties: false)",
    ]);
  });

  it("checks documented error statuses and flags undocumented ones", () => {
    expect(getUser(clerkErrors("resource_not_found", "not found"), 404).errors).toEqual([]);
    const { errors } = getUser(clerkErrors("teapot", "no"), 418);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.keyword).toBe("status");
    expect(errors[0]?.text).toMatch(/GetUser .* 418 \/: status 418 is not documented \(documented: 200, 400, 401, 404\)/);
  });

  it("still holds an undocumented error status to Clerk's error envelope", () => {
    const tooLarge = (body: unknown) =>
      validateResponse(
        { api: "bapi", method: "GET", path: "/v1/users/user_2abc", status: 413, contentType: JSON_TYPE, body },
        { errata: [] },
      );
    const { errors } = tooLarge({ error: "no" });
    expect(errors[0]?.keyword).toBe("status");
    expect(errors.slice(1).map((error) => error.text)).toContain("GetUser (GET /v1/users/{user_id}) 413 /errors: is required but missing");
    expect(tooLarge(clerkErrors("request_body_too_large", "too large")).errors.map((error) => error.keyword)).toEqual(["status"]);
    // The recorded erratum waives the status, never the envelope.
    expect(getUser({ error: "no" }, 413).errors.map((error) => error.keyword)).not.toContain("status");
    expect(getUser({ error: "no" }, 413).errors).not.toEqual([]);
  });

  it("leaves non-JSON bodies and requests outside the spec alone", () => {
    const html = { api: "bapi", method: "GET", path: "/v1/users/u", status: 500, body: "<html></html>" } as const;
    expect(validateResponse({ ...html, contentType: "text/html" }).errors).toEqual([]);
    expect(validateResponse({ ...html, contentType: null }).errors).toEqual([]);
    const res = validateResponse({ api: "bapi", method: "GET", path: "/v1/nowhere", status: 200, contentType: JSON_TYPE, body: {} });
    expect(res).toEqual({ operation: null, errors: [], waived: [] });
  });
});

describe("validateResponse against the Frontend API", () => {
  const getClient = (body: unknown) =>
    validateResponse({ api: "fapi", method: "GET", path: "/v1/client", status: 200, contentType: JSON_TYPE, body });

  it("accepts a signed-out client: nullable beside allOf, with null values", () => {
    expect(getClient({ response: null, client: null }).errors).toEqual([]);
  });

  it("flags a client body of the wrong shape", () => {
    const errors = getClient({ response: "client_1" }).errors.map((e) => `${e.pointer} ${e.keyword}`).sort();
    expect(errors).toEqual(["/client required", "/response type"]);
  });
});

describe("errata", () => {
  const erratum: Erratum = {
    api: "bapi",
    operationId: "GetUser",
    status: 200,
    pointer: "/email_addresses/*/linked_to",
    keyword: "required",
    reason: "test",
    evidence: { source: "test", shows: "test" },
  };

  it("reports matching violations as waived, others as errors", () => {
    const user = bapiUser();
    for (const email of user.email_addresses as Record<string, unknown>[]) delete email.linked_to;
    const body = { ...user, id: 42 };
    const input = { api: "bapi", method: "GET", path: "/v1/users/u", status: 200, contentType: JSON_TYPE, body } as const;
    const result = validateResponse(input, { errata: [erratum] });
    expect(result.errors.map((e) => e.pointer)).toEqual(["/id"]);
    expect(result.waived.map((e) => e.pointer)).toEqual(["/email_addresses/0/linked_to"]);
    expect(validateResponse(input, { errata: [{ ...erratum, status: 201 }] }).waived).toEqual([]);
    expect(validateResponse(input, { errata: [{ ...erratum, operationId: "*", pointer: "/**" }] }).waived).toHaveLength(1);
  });
});

function shape(object: string, properties: Record<string, unknown>) {
  return {
    type: "object",
    additionalProperties: false,
    required: ["object"],
    properties: { object: { type: "string", enum: [object] }, ...properties },
  };
}

describe("createContract", () => {
  const contract = createContract(
    buildSpec("bapi", {
      paths: {
        "/things/{id}": {
          get: {
            operationId: "GetThing",
            responses: {
              "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
              "4XX": { content: { "application/json": { schema: { type: "object", required: ["errors"] } } } },
              default: { description: "anything else, no body" },
            },
          },
        },
        "/shapes": {
          get: {
            operationId: "GetShape",
            responses: {
              "200": {
                content: {
                  "application/json": {
                    schema: {
                      type: "object",
                      properties: {
                        shape: {
                          nullable: true,
                          oneOf: [{ $ref: "#/components/schemas/Circle" }, { $ref: "#/components/schemas/Square" }],
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Thing: { type: "object", nullable: true, required: ["id"] },
          Circle: shape("circle", { radius: { type: "number" } }),
          Square: shape("square", { side: { type: "number" } }),
        },
      },
    }),
  );
  const get = (status: number, body: unknown) =>
    contract.validateResponse({ method: "GET", path: "/v1/things/1", status, contentType: "application/json", body });

  it("falls back to the status range, then to default", () => {
    expect(get(200, null).errors).toEqual([]);
    expect(get(409, {}).errors.map((e) => e.message)).toEqual(["is required but missing"]);
    expect(get(503, {}).errors.map((e) => e.message)).toEqual(["status default documents no JSON body"]);
  });

  it("reports a failed oneOf by the alternative it came closest to", () => {
    const shape = (body: unknown) =>
      contract.validateResponse({ method: "GET", path: "/v1/shapes", status: 200, contentType: "application/json", body });
    expect(shape({ shape: null }).errors).toEqual([]);
    expect(shape({ shape: { object: "square", side: 2 } }).errors).toEqual([]);
    expect(shape({ shape: { object: "square", side: 2, colour: "red" } }).errors.map((e) => `${e.pointer}: ${e.message}`)).toEqual([
      "/shape: matches none of its 2 alternatives; the closest is Square",
      "/shape/colour: is not in the schema (additionalProperties: false)",
    ]);
  });
});

import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { toAjvDefinitions, toAjvSchema } from "./openapi-to-ajv";

const REF_BASE = "clerk-test";

function compile(schemas: Record<string, Record<string, unknown>>, root: Record<string, unknown>) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(toAjvDefinitions(schemas, REF_BASE));
  return ajv.compile(toAjvSchema(root, REF_BASE));
}

describe("toAjvSchema", () => {
  it("turns a nullable schema into that schema or null, wherever it sits", () => {
    expect(toAjvSchema({ type: "string", nullable: true }, REF_BASE)).toEqual({
      anyOf: [{ type: "string" }, { type: "null" }],
    });
    expect(
      toAjvSchema({ properties: { a: { nullable: true, allOf: [{ $ref: "#/components/schemas/A" }] } } }, REF_BASE),
    ).toEqual({
      properties: { a: { anyOf: [{ allOf: [{ $ref: `${REF_BASE}#/definitions/A` }] }, { type: "null" }] } },
    });
  });

  it("accepts null for nullable + allOf with no type, and still checks a present value", () => {
    const schemas = { Session: { type: "object", required: ["id"], properties: { id: { type: "string" } } } };
    const validate = compile(schemas, {
      type: "object",
      required: ["response"],
      properties: { response: { nullable: true, allOf: [{ $ref: "#/components/schemas/Session" }] } },
    });
    expect(validate({ response: null })).toBe(true);
    expect(validate({ response: { id: "sess_1" } })).toBe(true);
    expect(validate({ response: { id: 1 } })).toBe(false);
  });

  it("rewrites boolean exclusiveMinimum into the JSON Schema number form and drops examples", () => {
    expect(
      toAjvSchema({ type: "integer", minimum: 0, exclusiveMinimum: true, example: { nullable: true } }, REF_BASE),
    ).toEqual({ type: "integer", exclusiveMinimum: 0 });
    expect(toAjvSchema({ type: "integer", minimum: 0, exclusiveMinimum: false }, REF_BASE)).toEqual({
      type: "integer",
      minimum: 0,
    });
  });
});

// Test helper: checks JSON against a schema of Clerk's vendored OpenAPI 3.0 specs with Ajv. OpenAPI's
// dialect is turned into JSON Schema first: `nullable` becomes "that schema, or null", `$ref`s point
// into `definitions`, and an `allOf` of objects is merged into one object (see mergeAllOf).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { parse } from "yaml";

type Schema = Record<string, unknown>;
type Spec = { components: { schemas: Record<string, Schema> } } & Record<string, unknown>;

export const SPEC_FILES = {
  bapi: "spec/bapi/2026-05-12.yml",
  webhooks: "spec/webhooks/2025-04-15.yml",
} as const;

const loaded = new Map<string, Spec>();

export function loadSpec(which: keyof typeof SPEC_FILES): Spec {
  const cached = loaded.get(which);
  if (cached) return cached;
  const spec = parse(readFileSync(fileURLToPath(new URL(SPEC_FILES[which], import.meta.url)), "utf8")) as Spec;
  loaded.set(which, spec);
  return spec;
}

const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);
const refName = (ref: string) => ref.replace("#/components/schemas/", "");

/**
 * Each schema of an `allOf` is checked on its own in JSON Schema, so a member with
 * `additionalProperties: false` (the spec's Session) refuses the properties the other members add
 * (the session webhook's `user`). The spec means one object with all the members' properties; merge
 * them into that. `resolve` looks up `$ref`s.
 */
function mergeAllOf(members: Schema[], resolve: (ref: string) => Schema): Schema | null {
  const parts = members.map((member) => (typeof member.$ref === "string" ? resolve(member.$ref) : member));
  if (!parts.every((part) => part.type === undefined || part.type === "object") || parts.some((part) => part.allOf || part.oneOf || part.anyOf)) {
    return null;
  }
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  for (const part of parts) {
    Object.assign(properties, part.properties ?? {});
    for (const name of (part.required as string[] | undefined) ?? []) required.add(name);
  }
  const closed = parts.some((part) => part.additionalProperties === false);
  return { type: "object", properties, required: [...required], ...(closed ? { additionalProperties: false } : {}) };
}

function toJsonSchema(node: unknown, resolve: (ref: string) => Schema, options: { mergeAllOf: boolean }): unknown {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, resolve, options));
  if (!isObject(node)) return node;
  const merged = options.mergeAllOf && Array.isArray(node.allOf) ? mergeAllOf(node.allOf as Schema[], resolve) : null;
  const source: Schema = merged ?? node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === "nullable" || key === "discriminator" || key === "example" || key === "examples" || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") out.$ref = `${DEFINITIONS_ID}#/definitions/${refName(value)}`;
    else if (key === "properties" && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema, resolve, options)]));
    } else out[key] = toJsonSchema(value, resolve, options);
  }
  return node.nullable === true ? { anyOf: [out, { type: "null" }] } : out;
}

const DEFINITIONS_ID = "clerk-spec-components";
const instances = new Map<string, Ajv>();
const compiled = new Map<string, ValidateFunction>();

/** A validator for `schema` (an OpenAPI schema object of `which`, e.g. a `$ref` or a requestBody schema). */
export function validatorFor(which: keyof typeof SPEC_FILES, schema: Schema, options = { mergeAllOf: true }): ValidateFunction {
  const variant = `${which}:${options.mergeAllOf}`;
  const key = `${variant}:${JSON.stringify(schema)}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const spec = loadSpec(which);
  const resolve = (ref: string) => spec.components.schemas[refName(ref)] ?? {};
  let ajv = instances.get(variant);
  if (!ajv) {
    // One Ajv per spec holds all its component schemas; each compiled schema refers into them.
    ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    const definitions = Object.fromEntries(
      Object.entries(spec.components.schemas).map(([name, definition]) => [name, toJsonSchema(definition, resolve, options)]),
    );
    ajv.addSchema({ $id: DEFINITIONS_ID, definitions });
    instances.set(variant, ajv);
  }
  const validate = ajv.compile(toJsonSchema(schema, resolve, options) as Schema);
  compiled.set(key, validate);
  return validate;
}

/** The schema of a Backend API response: `operation` is e.g. "patch /users/{user_id}". */
export function bapiResponseSchema(operation: string, status: number): Schema {
  const [method, path] = operation.split(" ") as [string, string];
  const spec = loadSpec("bapi") as Spec & { paths: Record<string, Record<string, { responses: Record<string, Schema> }>>; components: { responses: Record<string, Schema> } };
  let response = spec.paths[path]?.[method]?.responses[String(status)];
  if (!response) throw new Error(`the spec has no ${status} response for ${operation}`);
  if (typeof response.$ref === "string") response = spec.components.responses[response.$ref.replace("#/components/responses/", "")]!;
  const schema = (response.content as Record<string, { schema: Schema }> | undefined)?.["application/json"]?.schema;
  if (!schema) throw new Error(`the spec's ${status} response for ${operation} has no JSON schema`);
  return schema;
}

/** Ajv's complaints about `data` as readable lines; empty when it conforms. */
export function schemaErrors(validate: ValidateFunction, data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`);
}

/** The spec's schema check for a Backend API answer: [] when `body` is what `operation` answers with `status`. */
export function bapiErrors(operation: string, status: number, body: unknown): string[] {
  return schemaErrors(validatorFor("bapi", bapiResponseSchema(operation, status)), body);
}

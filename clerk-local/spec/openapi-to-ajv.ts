import type { OpenApiSchema } from "./load-spec";

const COMPONENT_REF = "#/components/schemas/";
const SCHEMA_MAPS = ["properties", "patternProperties"];
const SCHEMA_VALUES = ["items", "additionalProperties", "not"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf"];
// Documentation-only keys: dropping them keeps example payloads from being walked as schemas.
const DROPPED = new Set(["example", "examples", "externalDocs", "xml"]);

/**
 * One OpenAPI 3.0 schema as a JSON Schema Ajv evaluates as OpenAPI means it. `nullable` sits beside
 * `allOf`/`$ref`/`oneOf` in Clerk's specs, often with no `type`, which JSON Schema cannot express in
 * place, so every nullable schema becomes "that schema, or null".
 */
export function toAjvSchema(schema: OpenApiSchema, refBase: string): OpenApiSchema {
  const { nullable, ...rest } = schema;
  const converted = convertKeywords(rest, refBase);
  return nullable === true ? { anyOf: [converted, { type: "null" }] } : converted;
}

/** The `components.schemas` section as a single document whose pointers are `<refBase>#/definitions/<name>`. */
export function toAjvDefinitions(
  schemas: Readonly<Record<string, OpenApiSchema>>,
  refBase: string,
): OpenApiSchema {
  const definitions: Record<string, OpenApiSchema> = {};
  for (const [name, schema] of Object.entries(schemas)) definitions[name] = toAjvSchema(schema, refBase);
  return { $id: refBase, definitions };
}

function convertKeywords(schema: OpenApiSchema, refBase: string): OpenApiSchema {
  const out: OpenApiSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") out.$ref = rewriteRef(value, refBase);
    else if (SCHEMA_MAPS.includes(key) && isRecord(value)) out[key] = mapValues(value, refBase);
    else if (SCHEMA_VALUES.includes(key) && isRecord(value)) out[key] = toAjvSchema(value, refBase);
    else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) {
      out[key] = value.map((item) => (isRecord(item) ? toAjvSchema(item, refBase) : item));
    } else out[key] = value;
  }
  // OpenAPI 3.0 (draft-04 style) makes exclusiveMinimum/Maximum booleans that qualify minimum/maximum.
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[exclusive] !== "boolean") continue;
    if (out[exclusive] === true && typeof out[bound] === "number") {
      out[exclusive] = out[bound];
      delete out[bound];
    } else delete out[exclusive];
  }
  return out;
}

function mapValues(map: Record<string, unknown>, refBase: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(map)) out[name] = isRecord(value) ? toAjvSchema(value, refBase) : value;
  return out;
}

function rewriteRef(ref: string, refBase: string): string {
  if (!ref.startsWith(COMPONENT_REF)) return ref;
  return `${refBase}#/definitions/${ref.slice(COMPONENT_REF.length)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

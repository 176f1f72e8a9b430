// Clerk's webhooks spec (webhooks/2025-04-15.yml): the payload schema of each event type, for the tests
// that check what the local Clerk delivers.
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import type { OpenApiSchema } from "./load-spec";
import { toAjvDefinitions, toAjvSchema } from "./openapi-to-ajv";
import { readYamlDocument } from "./read-yaml";

type WebhooksSpec = {
  "x-webhooks": Record<string, { post: { requestBody: { content: Record<string, { schema: OpenApiSchema }> } } }>;
  components: { schemas: Record<string, OpenApiSchema>; examples: Record<string, { value: unknown }> };
};

const REF_BASE = "clerk-webhooks";
let spec: WebhooksSpec | null = null;
const validators = new Map<string, ValidateFunction>();
const ajvs = new Map<boolean, Ajv>();

export function webhooksSpec(): WebhooksSpec {
  spec ??= readYamlDocument(fileURLToPath(new URL("webhooks/2025-04-15.yml", import.meta.url))) as WebhooksSpec;
  return spec;
}

/**
 * Readable schema errors of `event` against its type's payload; [] when it conforms. `mergeAllOf`
 * (the default) reads the spec as meant: see mergeObjectAllOf.
 */
export function webhookPayloadErrors(event: { type: string }, { mergeAllOf = true } = {}): string[] {
  const validate = payloadValidator(event.type, mergeAllOf);
  if (validate(event)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`);
}

function payloadValidator(type: string, mergeAllOf: boolean): ValidateFunction {
  const key = `${type}:${mergeAllOf}`;
  let validate = validators.get(key);
  if (validate) return validate;
  const { "x-webhooks": webhooks, components } = webhooksSpec();
  const schema = webhooks[type]?.post.requestBody.content["application/json"]?.schema;
  if (!schema) throw new Error(`the webhooks spec has no ${type} event`);
  const prepare = (node: OpenApiSchema) => (mergeAllOf ? mergeObjectAllOf(node, components.schemas) : node);
  let ajv = ajvs.get(mergeAllOf);
  if (!ajv) {
    ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    const schemas = Object.fromEntries(Object.entries(components.schemas).map(([name, s]) => [name, prepare(s)]));
    ajv.addSchema(toAjvDefinitions(schemas, REF_BASE));
    ajvs.set(mergeAllOf, ajv);
  }
  validate = ajv.compile(toAjvSchema(prepare(schema), REF_BASE));
  validators.set(key, validate);
  return validate;
}

const isRecord = (value: unknown): value is OpenApiSchema => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Erratum: a session event's data is `allOf: [Session, {user}]` and Session forbids other properties, so
 * read literally the spec refuses every session payload, its own SessionRevokedEventPayloadExample
 * included. So every `allOf` of plain objects becomes one object holding all their properties.
 */
function mergeObjectAllOf(node: OpenApiSchema, schemas: Record<string, OpenApiSchema>): OpenApiSchema {
  const walk = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(walk) : isRecord(value) ? mergeObjectAllOf(value, schemas) : value;
  const out = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)])) as OpenApiSchema;
  if (!Array.isArray(out.allOf)) return out;
  const parts = (out.allOf as OpenApiSchema[]).map((part) =>
    typeof part.$ref === "string" ? (schemas[part.$ref.replace("#/components/schemas/", "")] ?? {}) : part,
  );
  const plainObjects = parts.every((part) => (part.type ?? "object") === "object" && !part.allOf && !part.oneOf && !part.anyOf);
  if (!plainObjects) return out;
  const rest = { ...out };
  delete rest.allOf;
  const required = new Set(parts.flatMap((part) => (part.required as string[] | undefined) ?? []));
  const closed = parts.some((part) => part.additionalProperties === false);
  return {
    ...rest,
    type: "object",
    properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})) as OpenApiSchema,
    required: [...required],
    ...(closed ? { additionalProperties: false } : {}),
  };
}

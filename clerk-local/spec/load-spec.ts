import { fileURLToPath } from "node:url";
import { readYamlDocument } from "./read-yaml";

export type Api = "fapi" | "bapi";

export const API_VERSION = "2026-05-12";

export type OpenApiSchema = Record<string, unknown>;

export type ResponseEntry = {
  /** Schema of the `application/json` body, or null when the entry documents no JSON body. */
  jsonSchema: OpenApiSchema | null;
};

export type SpecOperation = {
  api: Api;
  operationId: string;
  method: string;
  /** Template as the real request path carries it, always with the `/v1` prefix where the API has one. */
  path: string;
  responses: ReadonlyMap<string, ResponseEntry>;
};

export type LoadedSpec = {
  api: Api;
  operations: readonly SpecOperation[];
  /** `components.schemas`, still in OpenAPI form. */
  schemas: Readonly<Record<string, OpenApiSchema>>;
};

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// The BAPI spec's server is https://api.clerk.com/v1, so its paths omit the prefix; the FAPI's carry it.
const PATH_PREFIX: Record<Api, string> = { bapi: "/v1", fapi: "" };

export function specFile(api: Api): string {
  return fileURLToPath(new URL(`./${api}/${API_VERSION}.yml`, import.meta.url));
}

export function loadSpec(api: Api, file: string = specFile(api)): LoadedSpec {
  const doc = asRecord(readYamlDocument(file));
  return buildSpec(api, doc);
}

export function buildSpec(api: Api, doc: Record<string, unknown>): LoadedSpec {
  const components = asRecord(doc.components);
  const sharedResponses = asRecord(components.responses);
  const operations: SpecOperation[] = [];
  for (const [template, item] of Object.entries(asRecord(doc.paths))) {
    for (const [method, operation] of Object.entries(asRecord(item))) {
      if (!HTTP_METHODS.includes(method)) continue;
      const op = asRecord(operation);
      operations.push({
        api,
        operationId: typeof op.operationId === "string" ? op.operationId : `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        path: PATH_PREFIX[api] + template,
        responses: readResponses(asRecord(op.responses), sharedResponses),
      });
    }
  }
  const schemas: Record<string, OpenApiSchema> = {};
  for (const [name, schema] of Object.entries(asRecord(components.schemas))) schemas[name] = asRecord(schema);
  return { api, operations, schemas };
}

function readResponses(
  responses: Record<string, unknown>,
  shared: Record<string, unknown>,
): Map<string, ResponseEntry> {
  const entries = new Map<string, ResponseEntry>();
  for (const [status, value] of Object.entries(responses)) {
    let response = asRecord(value);
    const ref = response.$ref;
    if (typeof ref === "string") {
      const name = ref.replace("#/components/responses/", "");
      response = asRecord(shared[name]);
    }
    const json = asRecord(asRecord(response.content)["application/json"]);
    const key = /^\dxx$/i.test(status) ? status.toUpperCase() : status;
    entries.set(key, { jsonSchema: json.schema === undefined ? null : asRecord(json.schema) });
  }
  return entries;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

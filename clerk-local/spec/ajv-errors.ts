import type { ErrorObject } from "ajv";

export type SchemaError = { pointer: string; keyword: string; message: string };

/**
 * Ajv's errors, minus the noise of the "or null" branch that nullable schemas became: a value that
 * fails both branches reports only why it fails the real one.
 */
export function describeAjvErrors(errors: readonly ErrorObject[]): SchemaError[] {
  const meaningful = errors.filter((error) => !(error.keyword === "type" && error.params.type === "null"));
  const kept = meaningful.filter(
    (error) =>
      error.keyword !== "anyOf" ||
      !meaningful.some(
        (other) =>
          other.keyword !== "anyOf" &&
          (other.instancePath === error.instancePath || other.instancePath.startsWith(`${error.instancePath}/`)),
      ),
  );
  const seen = new Set<string>();
  const out: SchemaError[] = [];
  for (const error of kept) {
    const described = describe(error);
    const key = `${described.pointer} ${described.keyword} ${described.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(described);
  }
  return out;
}

function describe(error: ErrorObject): SchemaError {
  const params = error.params as Record<string, unknown>;
  const base = error.message ?? error.keyword;
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    return {
      pointer: `${error.instancePath}/${escapePointer(params.additionalProperty)}`,
      keyword: error.keyword,
      message: "is not in the schema (additionalProperties: false)",
    };
  }
  if (error.keyword === "required" && typeof params.missingProperty === "string") {
    return {
      pointer: `${error.instancePath}/${escapePointer(params.missingProperty)}`,
      keyword: error.keyword,
      message: "is required but missing",
    };
  }
  if (error.keyword === "enum" && Array.isArray(params.allowedValues)) {
    return {
      pointer: error.instancePath,
      keyword: error.keyword,
      message: `${base}: ${params.allowedValues.map((value) => JSON.stringify(value)).join(", ")}`,
    };
  }
  return { pointer: error.instancePath, keyword: error.keyword, message: base };
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

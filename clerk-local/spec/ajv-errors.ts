import type { ErrorObject, ValidateFunction } from "ajv";

export type SchemaError = { pointer: string; keyword: string; message: string };

/** Compiles one alternative of a failed `oneOf`/`anyOf`, so it can be re-checked on its own. */
export type CompileBranch = (schema: object) => ValidateFunction;

/**
 * Ajv's errors made readable. The "or null" branch that nullable schemas became is left out, and a
 * failed `oneOf`/`anyOf` (needs Ajv's `verbose`) reports the alternative it came closest to, not
 * every alternative's complaints.
 */
export function describeAjvErrors(errors: readonly ErrorObject[], compileBranch?: CompileBranch): SchemaError[] {
  let meaningful = errors.filter((error) => !(error.keyword === "type" && error.params.type === "null"));
  const summaries: SchemaError[] = [];
  if (compileBranch) {
    const failed = meaningful
      .filter((error) => isFailedAlternative(error))
      .sort((a, b) => a.instancePath.length - b.instancePath.length);
    const handled: string[] = [];
    for (const error of failed) {
      const at = error.instancePath;
      if (handled.some((outer) => isUnder(at, outer))) continue;
      handled.push(at);
      summaries.push(...closestAlternative(error, compileBranch));
    }
    meaningful = meaningful.filter((error) => !handled.some((at) => isUnder(error.instancePath, at)));
  }
  const kept = meaningful.filter(
    (error) =>
      error.keyword !== "anyOf" ||
      !meaningful.some((other) => other.keyword !== "anyOf" && isUnder(other.instancePath, error.instancePath)),
  );
  return dedupe([...kept.map(describe), ...summaries]);
}

function isFailedAlternative(error: ErrorObject): error is ErrorObject & { schema: object[] } {
  if (error.keyword !== "oneOf" && error.keyword !== "anyOf") return false;
  if (error.keyword === "oneOf" && error.params.passingSchemas != null) return false;
  if (!Array.isArray(error.schema) || error.schema.length === 0) return false;
  return !(error.keyword === "anyOf" && isNullableWrapper(error.schema));
}

function isNullableWrapper(branches: unknown[]): boolean {
  const last = branches[branches.length - 1] as { type?: unknown } | undefined;
  return branches.length === 2 && last?.type === "null";
}

function closestAlternative(error: ErrorObject & { schema: object[] }, compileBranch: CompileBranch): SchemaError[] {
  let closest: { name: string; errors: SchemaError[] } | null = null;
  for (const [index, branch] of error.schema.entries()) {
    const validate = compileBranch(branch);
    if (validate(error.data)) continue;
    const errors = describeAjvErrors(validate.errors ?? [], compileBranch);
    if (!closest || errors.length < closest.errors.length) closest = { name: branchName(branch, index), errors };
  }
  if (!closest) return [describe(error)];
  const summary = {
    pointer: error.instancePath,
    keyword: error.keyword,
    message: `matches none of its ${error.schema.length} alternatives; the closest is ${closest.name}`,
  };
  const nested = closest.errors.map((e) => ({ ...e, pointer: error.instancePath + e.pointer }));
  return [summary, ...nested];
}

function branchName(branch: object, index: number): string {
  const ref = (branch as { $ref?: unknown }).$ref;
  return typeof ref === "string" ? (ref.split("/").pop() ?? ref) : `alternative ${index + 1}`;
}

function isUnder(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

function dedupe(errors: SchemaError[]): SchemaError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.pointer} ${error.keyword} ${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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

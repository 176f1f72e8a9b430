// Readers for Backend API input: each turns a wrong type into Clerk's 4xx with the parameter's name.
import type { Context } from "hono";
import { readJson as readAnyJson } from "../http/body";
import { ClerkError, formError } from "../http/errors";
import { EMAIL_PATTERN } from "../state/identity-rules";

const MAX_LIMIT = 500;
const MAX_METADATA_BYTES = 8 * 1024;

const JSON_CONTENT_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/** @clerk/backend always sends JSON: a body of any other declared type is refused, not guessed at. */
export async function readJson(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type");
  const declaredOther = type !== undefined && type !== "" && !JSON_CONTENT_TYPE.test(type);
  const body = await readAnyJson(c);
  if (declaredOther && Object.keys(body).length > 0) {
    throw new ClerkError({ status: 400, code: "malformed_request", message: "Request body must be sent as application/json" });
  }
  return body;
}

export function optionalString(body: Record<string, unknown>, key: string): string | null | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== "string" || value.length > 1024) {
    throw formError("form_param_format_invalid", `${key} must be a string of at most 1024 characters`, key);
  }
  return value;
}

export function optionalObject(body: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw formError("form_param_format_invalid", `${key} must be an object`, key);
  }
  // Clerk caps each metadata object at 8 KB of JSON.
  if (JSON.stringify(value).length > MAX_METADATA_BYTES) {
    throw formError("form_param_value_invalid", `${key} must be at most ${MAX_METADATA_BYTES} bytes of JSON`, key);
  }
  return value as Record<string, unknown>;
}

export function emailList(body: Record<string, unknown>): string[] {
  const value = body.email_address;
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item !== "string" || !EMAIL_PATTERN.test(item.trim()) || item.length > 320) {
      throw formError("form_param_format_invalid", "email_address must be a valid email address", "email_address");
    }
    return item.trim().toLowerCase();
  });
}

export function intQuery(c: Context, key: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(key);
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw formError("form_param_value_invalid", `${key} must be a whole number from ${min} to ${max}`, key);
  }
  return value;
}

export const limitQuery = (c: Context) => intQuery(c, "limit", 10, 1, MAX_LIMIT);
export const offsetQuery = (c: Context) => intQuery(c, "offset", 0, 0, Number.MAX_SAFE_INTEGER);

export function queryList(c: Context, key: string): string[] {
  return [...(c.req.queries(key) ?? []), ...(c.req.queries(`${key}[]`) ?? [])];
}


/** Clerk refuses a body parameter its operation does not define (`additionalProperties: false` in the spec). */
export function rejectUnknownParams(body: Record<string, unknown>, allowed: readonly string[], hint = ""): void {
  const unknown = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    const name = unknown.slice(0, 100);
    throw formError("form_param_unknown", `${name} is not a valid parameter for this request.${hint ? ` ${hint}` : ""}`, name);
  }
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw formError("form_param_format_invalid", `${key} must be true or false`, key);
  return value;
}

/** A string parameter that must be present and not blank. */
export function requiredString(body: Record<string, unknown>, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined || value === null || value.trim() === "") throw formError("form_param_missing", `${key} must be included.`, key);
  return value;
}

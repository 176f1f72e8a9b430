// Query parameters of the Backend API's lists: every malformed one is a 422 naming it, never ignored.
import type { Context } from "hono";
import { formError } from "../http/errors";
import { API_KEY_TYPE } from "../state/api-keys";

const MAX_LIMIT = 500;

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

/** A list parameter, sent repeated (`key=a&key=b`) or with brackets (`key[]=a`). */
export function queryList(c: Context, key: string): string[] {
  return [...(c.req.queries(key) ?? []), ...(c.req.queries(`${key}[]`) ?? [])];
}

/** An API key list's query, the same in both APIs: `subject` required, `include_invalid`, `query`, `limit` up to 100. */
export function apiKeyListQuery(c: Context) {
  const subject = c.req.query("subject");
  if (!subject) throw formError("form_param_missing", "subject must be included.", "subject");
  const includeInvalid = c.req.query("include_invalid") ?? "false";
  if (includeInvalid !== "true" && includeInvalid !== "false") throw formError("form_param_value_invalid", "include_invalid must be true or false", "include_invalid");
  const type = c.req.query("type") ?? API_KEY_TYPE;
  return {
    subject,
    includeInvalid: includeInvalid === "true",
    query: c.req.query("query") ?? "",
    limit: intQuery(c, "limit", 10, 1, 100),
    offset: intQuery(c, "offset", 0, 0, Number.MAX_SAFE_INTEGER),
    // No other kind of key exists here: asking for one lists nothing.
    noneOfThisType: type !== API_KEY_TYPE,
  };
}

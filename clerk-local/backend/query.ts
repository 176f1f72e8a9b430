// Query parameters of the Backend API's lists: every malformed one is a 422 naming it, never ignored.
import type { Context } from "hono";
import { formError } from "../http/errors";

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

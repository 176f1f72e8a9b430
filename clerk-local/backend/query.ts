// Query parameters of the Backend API's lists: every malformed one is a 422 naming it, never ignored.
import type { Context } from "hono";
import { formError } from "../http/errors";
import { API_KEY_TYPE } from "../state/api-keys";

const MAX_LIMIT = 500;
export const MAX_QUERY_LENGTH = 1024;

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

/**
 * One page (`limit`, `offset`) of a list, as Clerk answers it: a bare array, or `{data, total_count}`
 * when asked with `paginated=true` (as @clerk/backend asks).
 */
export function listPage<T, J>(c: Context, items: readonly T[], toJson: (item: T) => J): J[] | { data: J[]; total_count: number } {
  const limit = limitQuery(c);
  const offset = offsetQuery(c);
  const page = items.slice(offset, offset + limit).map((item) => toJson(item));
  return c.req.query("paginated") === "true" ? { data: page, total_count: items.length } : page;
}

/** A list parameter, sent repeated (`key=a&key=b`) or with brackets (`key[]=a`). */
export function queryList(c: Context, key: string): string[] {
  return [...(c.req.queries(key) ?? []), ...(c.req.queries(`${key}[]`) ?? [])];
}

/** A free-text parameter (`query`), lower-cased for matching; absent or empty is undefined. */
export function textParam(c: Context, key: string): string | undefined {
  const value = c.req.query(key);
  if (value === undefined || value === "") return undefined;
  if (value.length > MAX_QUERY_LENGTH) throw formError("form_param_format_invalid", `${key} must be at most ${MAX_QUERY_LENGTH} characters`, key);
  return value.toLowerCase();
}

export type ListOrder = { key: string; direction: 1 | -1 };

/** `order_by`: one of `keys`, prefixed with `+` (implied) or `-`; the first value counts (Clerk ignores the rest). */
export function orderQuery(c: Context, keys: readonly string[], fallback = "-created_at"): ListOrder {
  // An unencoded `+` in a query string arrives as a space; read it as the `+` that was meant.
  const orderBy = (c.req.queries("order_by")?.[0] || fallback).replace(/^ /, "+");
  const match = /^([+-]?)([a-z0-9_]{1,40})$/.exec(orderBy);
  if (!match || !keys.includes(match[2]!)) {
    throw formError("form_param_value_invalid", `order_by must be one of ${keys.join(", ")}, optionally prefixed with + or -`, "order_by");
  }
  return { key: match[2]!, direction: match[1] === "-" ? -1 : 1 };
}

/**
 * `items` sorted by `valueOf` in `order`, null values last. Ties fall back to creation order in the same
 * direction, then to the id: a stable order that pagination can rely on.
 */
export function sortItems<T extends { id: string; created_at: number }>(items: T[], order: ListOrder, valueOf: (item: T) => number | string | null): T[] {
  const tiebreak = (a: T, b: T) => (a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) * order.direction;
  return items
    .map((item) => ({ item, value: valueOf(item) }))
    .sort((a, b) => {
      if (a.value === b.value) return tiebreak(a.item, b.item);
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return (a.value < b.value ? -1 : 1) * order.direction;
    })
    .map(({ item }) => item);
}

/** An API key list's query, the same in both APIs: `subject` required, `include_invalid`, `query`, `limit` up to 100. */
export function apiKeyListQuery(c: Context) {
  const subject = c.req.query("subject");
  if (!subject) throw formError("form_param_missing", "subject must be included.", "subject");
  const includeInvalid = c.req.query("include_invalid") ?? "false";
  if (includeInvalid !== "true" && includeInvalid !== "false") throw formError("form_param_value_invalid", "include_invalid must be true or false", "include_invalid");
  return {
    subject,
    type: c.req.query("type") ?? API_KEY_TYPE,
    includeInvalid: includeInvalid === "true",
    query: c.req.query("query") ?? "",
    limit: intQuery(c, "limit", 10, 1, 100),
    offset: offsetQuery(c),
  };
}

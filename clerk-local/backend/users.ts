// Clerk's user list semantics: filters, ordering, and the metadata merge.
import type { Context } from "hono";
import { formError } from "../http/errors";
import type { User } from "../state/store";
import { queryList } from "./input";

export function filterUsers(c: Context, users: User[]): User[] {
  const emails = queryList(c, "email_address").map((e) => e.toLowerCase());
  const ids = queryList(c, "user_id");
  const externalIds = queryList(c, "external_id");
  const usernames = queryList(c, "username").map((u) => u.toLowerCase());
  const query = c.req.query("query")?.toLowerCase();
  return users.filter(
    (user) =>
      (emails.length === 0 || user.email_addresses.some((e) => emails.includes(e.email_address))) &&
      (ids.length === 0 || ids.includes(user.id)) &&
      (externalIds.length === 0 || (user.external_id !== null && externalIds.includes(user.external_id))) &&
      (usernames.length === 0 || (user.username !== null && usernames.includes(user.username.toLowerCase()))) &&
      (!query ||
        [user.id, user.username, user.first_name, user.last_name, ...user.email_addresses.map((e) => e.email_address)]
          .filter((v): v is string => typeof v === "string")
          .some((v) => v.toLowerCase().includes(query))),
  );
}

const SORT_KEYS: Record<string, (user: User) => number | string> = {
  created_at: (u) => u.created_at,
  updated_at: (u) => u.updated_at,
  last_sign_in_at: (u) => u.last_sign_in_at ?? 0,
  last_active_at: (u) => u.last_active_at ?? 0,
  first_name: (u) => u.first_name?.toLowerCase() ?? "",
  last_name: (u) => u.last_name?.toLowerCase() ?? "",
  username: (u) => u.username?.toLowerCase() ?? "",
  email_address: (u) => u.email_addresses.find((e) => e.id === u.primary_email_address_id)?.email_address ?? "",
};

export function orderUsers(c: Context, users: User[]): User[] {
  // An unencoded `+` in a query string arrives as a space; read it as the `+` that was meant.
  const orderBy = (c.req.query("order_by") || "-created_at").replace(/^ /, "+");
  const match = /^([+-]?)([a-z_]{1,40})$/.exec(orderBy);
  const key = match ? SORT_KEYS[match[2]!] : undefined;
  if (!match || !key) {
    throw formError("form_param_value_invalid", `order_by must be one of ${Object.keys(SORT_KEYS).join(", ")}, optionally prefixed with + or -`, "order_by");
  }
  const direction = match[1] === "-" ? -1 : 1;
  // Ties keep creation order, reversed with the direction: users made in the same millisecond still
  // list newest first.
  return users
    .map((user, index) => ({ user, index, value: key(user) }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.index - b.index) * direction)
    .map(({ user }) => user);
}

/** Clerk's metadata merge: nested objects merge, `null` removes a key, anything else replaces. */
export function mergeMetadata(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = result[key];
    const merged = isPlainObject(value) && isPlainObject(current) ? mergeMetadata(current, value) : value;
    if (value === null) delete result[key];
    // defineProperty, not assignment: a `__proto__` key from JSON stays data instead of becoming a prototype.
    else Object.defineProperty(result, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}


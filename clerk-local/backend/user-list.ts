// Clerk's user list semantics: the filters of GET /v1/users and /v1/users/count, ordering and cursor
// pagination. Every malformed parameter is a 422 naming it, never ignored.
import type { Context } from "hono";
import { formError } from "../http/errors";
import { normalizePhoneNumber } from "../state/identity-rules";
import type { User } from "../state/records";
import { MAX_QUERY_LENGTH, orderQuery, queryList, sortItems, textParam, type ListOrder } from "./query";

/** Clerk accepts up to this many values for each list filter. */
const MAX_LIST_VALUES = 100;

type UserFilter = (user: User) => boolean;

function listParam(c: Context, key: string): string[] {
  const values = queryList(c, key);
  if (values.length > MAX_LIST_VALUES) throw formError("form_param_value_invalid", `${key} accepts at most ${MAX_LIST_VALUES} values`, key);
  if (values.some((value) => value.length > MAX_QUERY_LENGTH)) throw formError("form_param_format_invalid", `${key} values must be at most ${MAX_QUERY_LENGTH} characters`, key);
  return values;
}

/** A millisecond timestamp parameter (`created_at_before` and the like). */
function timeParam(c: Context, key: string): number | undefined {
  const raw = c.req.query(key);
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!/^\d{1,16}$/.test(raw) || !Number.isSafeInteger(value)) {
    throw formError("form_param_format_invalid", `${key} must be a Unix timestamp in milliseconds`, key);
  }
  return value;
}

function booleanParam(c: Context, key: string): boolean | undefined {
  const raw = c.req.query(key);
  if (raw === undefined || raw === "") return undefined;
  if (raw !== "true" && raw !== "false") throw formError("form_param_format_invalid", `${key} must be true or false`, key);
  return raw === "true";
}

/**
 * `user_id` and `external_id` values may carry a `+` (include) or `-` (exclude) prefix. A `+` sent
 * unencoded arrives as a space and is read as the `+` that was meant.
 */
function signedIdFilter(values: string[], idOf: (user: User) => string | null): UserFilter | null {
  if (values.length === 0) return null;
  const include = new Set<string>();
  const exclude = new Set<string>();
  for (const raw of values) {
    const value = raw.replace(/^ /, "+");
    if (value.startsWith("-")) exclude.add(value.slice(1));
    else include.add(value.startsWith("+") ? value.slice(1) : value);
  }
  return (user) => {
    const id = idOf(user);
    if (id !== null && exclude.has(id)) return false;
    return include.size === 0 || (id !== null && include.has(id));
  };
}

const includes = (value: string | null, needle: string) => value !== null && value.toLowerCase().includes(needle);

/** All the filters of the request; reads and checks every parameter before any user is looked at. */
export function filterUsers(c: Context, users: User[]): User[] {
  const filters: UserFilter[] = [];
  const add = (filter: UserFilter | null | undefined) => {
    if (filter) filters.push(filter);
  };

  const emails = listParam(c, "email_address").map((e) => e.trim().toLowerCase());
  if (emails.length) add((u) => u.email_addresses.some((e) => emails.includes(e.email_address)));
  // Numbers are compared in E.164; one that is no phone number matches nobody.
  const phones = listParam(c, "phone_number").map((p) => normalizePhoneNumber(p.replace(/^ /, "+")) ?? p);
  if (phones.length) add((u) => u.phone_numbers.some((p) => phones.includes(p.phone_number)));
  const phoneQuery = textParam(c, "phone_number_query");
  if (phoneQuery) add((u) => u.phone_numbers.some((p) => includes(p.phone_number, phoneQuery)));
  // Nor web3 wallets: naming any matches no one.
  if (listParam(c, "web3_wallet").length) add(() => false);
  // Nor organizations: only exclusions (`-org_…`) can match.
  const organizations = listParam(c, "organization_id");
  if (organizations.some((id) => !id.startsWith("-"))) add(() => false);
  const usernames = listParam(c, "username").map((u) => u.toLowerCase());
  if (usernames.length) add((u) => u.username !== null && usernames.includes(u.username.toLowerCase()));
  add(signedIdFilter(listParam(c, "user_id"), (u) => u.id));
  add(signedIdFilter(listParam(c, "external_id"), (u) => u.external_id));

  const query = textParam(c, "query");
  if (query) {
    add((u) => [u.id, u.username, u.first_name, u.last_name, ...u.email_addresses.map((e) => e.email_address), ...u.phone_numbers.map((p) => p.phone_number)].some((v) => includes(v, query)));
  }
  const emailQuery = textParam(c, "email_address_query");
  if (emailQuery) add((u) => u.email_addresses.some((e) => includes(e.email_address, emailQuery)));
  const usernameQuery = textParam(c, "username_query");
  if (usernameQuery) add((u) => includes(u.username, usernameQuery));
  const nameQuery = textParam(c, "name_query");
  if (nameQuery) {
    add((u) => [u.first_name, u.last_name, [u.first_name, u.last_name].filter(Boolean).join(" ")].some((v) => includes(v, nameQuery)));
  }

  // Nobody is ever banned here.
  const banned = booleanParam(c, "banned");
  if (banned === true) add(() => false);

  const provider = textParam(c, "provider");
  const providerUserIds = listParam(c, "provider_user_id");
  if ((provider === undefined) !== (providerUserIds.length === 0)) {
    const missing = provider === undefined ? "provider" : "provider_user_id";
    throw formError("form_param_missing", `provider and provider_user_id must be used together`, missing);
  }
  // No user has an external account.
  if (provider !== undefined) add(() => false);

  const before = (key: string, value: (u: User) => number | null) => {
    const limit = timeParam(c, key);
    if (limit !== undefined) add((u) => (value(u) ?? Infinity) < limit);
  };
  const after = (key: string, value: (u: User) => number | null) => {
    const limit = timeParam(c, key);
    if (limit !== undefined) add((u) => (value(u) ?? -Infinity) > limit);
  };
  before("created_at_before", (u) => u.created_at);
  after("created_at_after", (u) => u.created_at);
  before("last_active_at_before", (u) => u.last_active_at);
  after("last_active_at_after", (u) => u.last_active_at);
  // Deprecated alias of last_active_at_after that includes the moment itself.
  const since = timeParam(c, "last_active_at_since");
  if (since !== undefined) add((u) => u.last_active_at !== null && u.last_active_at >= since);
  before("last_sign_in_at_before", (u) => u.last_sign_in_at);
  after("last_sign_in_at_after", (u) => u.last_sign_in_at);

  return users.filter((user) => filters.every((filter) => filter(user)));
}

const primaryEmail = (u: User) => u.email_addresses.find((e) => e.id === u.primary_email_address_id)?.email_address ?? null;
const primaryPhone = (u: User) => u.phone_numbers.find((p) => p.id === u.primary_phone_number_id)?.phone_number ?? null;
const lower = (value: string | null) => value?.toLowerCase() ?? null;

/** Sort keys of `order_by`, as the spec lists them; null values (no sign-in yet...) sort last. */
const SORT_KEYS: Record<string, (user: User) => number | string | null> = {
  created_at: (u) => u.created_at,
  updated_at: (u) => u.updated_at,
  email_address: (u) => primaryEmail(u),
  web3wallet: () => null,
  first_name: (u) => lower(u.first_name),
  last_name: (u) => lower(u.last_name),
  phone_number: (u) => primaryPhone(u),
  username: (u) => lower(u.username),
  last_active_at: (u) => u.last_active_at,
  last_sign_in_at: (u) => u.last_sign_in_at,
};

export type UserOrder = ListOrder;

export const readOrder = (c: Context): UserOrder => orderQuery(c, Object.keys(SORT_KEYS));

export const orderUsers = (order: UserOrder, users: User[]): User[] => sortItems(users, order, SORT_KEYS[order.key]!);

/** `starting_after`: the users after the one named; only with the created_at order and no offset. */
export function afterCursor(c: Context, order: UserOrder, offset: number, users: User[]): User[] {
  const cursor = c.req.query("starting_after");
  if (cursor === undefined || cursor === "") return users;
  if (order.key !== "created_at") {
    throw formError("form_param_value_invalid", "starting_after can only be used when ordering by created_at", "starting_after");
  }
  if (offset !== 0) throw formError("form_param_value_invalid", "starting_after cannot be combined with offset", "starting_after");
  const index = users.findIndex((user) => user.id === cursor);
  if (index < 0) throw formError("form_param_value_invalid", "starting_after must be the id of a user in this list", "starting_after");
  return users.slice(index + 1);
}

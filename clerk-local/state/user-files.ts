// Reads users from JSON files: the state file this server writes (`--state`) and hand-written seed
// files (`--seed`), in either of two entry formats, so an exported state can be used as a seed:
//   seed entry:      {"email_address": "a@b.co" | [...], "phone_number": "+1…" | [...], "password": "…", "first_name", "last_name",
//                     "username", "external_id", "public_metadata", "private_metadata", "unsafe_metadata", "id"?}
//   persisted entry: the store's own user record (has `created_at`; passwords only as hashes).
import { readFileSync } from "node:fs";
import { z } from "zod";
import { EmailAddressSchema, NewPasswordSchema, PhoneNumberSchema } from "./identity-rules";
import type { UserRecord as User } from "./records";
import { newUserRecord, type Store } from "./store";

export const STATE_FORMAT = "clerk-local/users";
export const STATE_VERSION = 1;

const text = z.string().max(1024);
const metadata = z.record(z.string(), z.unknown());
const email = EmailAddressSchema;

const seedUser = z
  .object({
    id: z.string().regex(/^user_[A-Za-z0-9_]{1,100}$/, "must look like user_…").optional(),
    email_address: z.union([email, z.array(email)]).optional(),
    email_addresses: z.array(email).optional(),
    phone_number: z.union([PhoneNumberSchema, z.array(PhoneNumberSchema)]).optional(),
    password: NewPasswordSchema.optional(),
    first_name: text.nullable().optional(),
    last_name: text.nullable().optional(),
    username: text.nullable().optional(),
    external_id: text.nullable().optional(),
    public_metadata: metadata.optional(),
    private_metadata: metadata.optional(),
    unsafe_metadata: metadata.optional(),
  })
  .strict();

const verification = z
  .object({
    status: z.enum(["unverified", "verified", "failed", "expired"]),
    strategy: z.string(),
    attempts: z.number().int().nullable(),
    expire_at: z.number().nullable(),
  })
  .nullable();

const persistedUser = z.object({
  id: z.string().regex(/^user_[A-Za-z0-9_]{1,100}$/, "must look like user_…"),
  external_id: text.nullable().default(null),
  username: text.nullable().default(null),
  first_name: text.nullable().default(null),
  last_name: text.nullable().default(null),
  password_hash: z.string().max(1024).nullable().default(null),
  email_addresses: z.array(
    z.object({
      id: z.string().min(1).max(200),
      email_address: email,
      reserved: z.boolean().default(false),
      verification: verification.default({ status: "verified", strategy: "admin", attempts: null, expire_at: null }),
      // Absent from state files written before addresses had timestamps: the user's own are used then.
      created_at: z.number().int().nonnegative().optional(),
      updated_at: z.number().int().nonnegative().optional(),
    }),
  ),
  primary_email_address_id: z.string().nullable().default(null),
  // Absent from state files written before phone numbers existed.
  phone_numbers: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        phone_number: PhoneNumberSchema,
        reserved: z.boolean().default(false),
        verification: verification.default({ status: "verified", strategy: "admin", attempts: null, expire_at: null }),
        created_at: z.number().int().nonnegative(),
        updated_at: z.number().int().nonnegative(),
      }),
    )
    .default([]),
  primary_phone_number_id: z.string().nullable().default(null),
  public_metadata: metadata.default({}),
  private_metadata: metadata.default({}),
  unsafe_metadata: metadata.default({}),
  created_at: z.number().int().nonnegative(),
  updated_at: z.number().int().nonnegative(),
  last_sign_in_at: z.number().int().nullable().default(null),
  last_active_at: z.number().int().nullable().default(null),
  locale: text.nullable().optional(),
});

const usersFile = z.object({ users: z.array(z.unknown()) });

/** A problem in a users file, with a message that names the file and the entry. */
export class UsersFileError extends Error {}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const where = issue.path.length ? issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("") : "";
  return `${where.replace(/^\./, "")}: ${issue.message}`;
}

/** The entries of a users file; null when the file does not exist. Empty files hold no users. */
export function readUsersFile(file: string, label: string): unknown[] | null {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new UsersFileError(`${label} ${file} cannot be read: ${(error as Error).message}`);
  }
  if (!raw.trim()) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new UsersFileError(`${label} ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = usersFile.safeParse(json);
  if (!parsed.success) throw new UsersFileError(`${label} ${file} must be a JSON object with a "users" list`);
  return parsed.data.users;
}

function isPersisted(entry: unknown): boolean {
  return typeof entry === "object" && entry !== null && "created_at" in entry;
}

/**
 * Adds the file's users to `store`. Within one file a taken id, address or username is an error; a
 * user that an earlier file already holds is skipped (the state file wins over a seed file), and is
 * reported in the returned count.
 */
export function addUsersFromEntries(store: Store, entries: unknown[], file: string, label: string): { added: number; skipped: number } {
  const fromThisFile = new Set<string>();
  let added = 0;
  let skipped = 0;
  entries.forEach((entry, index) => {
    const fail = (message: string): never => {
      throw new UsersFileError(`${label} ${file}: users[${index}]${message}`);
    };
    const user = isPersisted(entry) ? parsePersisted(entry, fail) : parseSeed(entry, fail);
    const conflict = conflictOf(store, user);
    if (conflict && fromThisFile.has(conflict.id)) fail(`: ${conflict.what} is also used by another entry`);
    if (conflict) {
      skipped += 1;
      return;
    }
    store.importUser(user);
    fromThisFile.add(user.id);
    added += 1;
  });
  return { added, skipped };
}

function parsePersisted(entry: unknown, fail: (message: string) => never): User {
  const parsed = persistedUser.safeParse(entry);
  if (!parsed.success) return fail(`.${issueText(parsed.error)}`);
  const user = parsed.data;
  const email_addresses = user.email_addresses.map((email) => ({
    ...email,
    created_at: email.created_at ?? user.created_at,
    updated_at: email.updated_at ?? email.created_at ?? user.created_at,
  }));
  return { ...user, email_addresses };
}

function parseSeed(entry: unknown, fail: (message: string) => never): User {
  const parsed = seedUser.safeParse(entry);
  if (!parsed.success) return fail(`.${issueText(parsed.error)}`);
  const seed = parsed.data;
  const emails = [...new Set([...[seed.email_address ?? []].flat(), ...(seed.email_addresses ?? [])].map((e) => e.trim().toLowerCase()))];
  const phones = [...new Set([seed.phone_number ?? []].flat())];
  if (emails.length === 0 && phones.length === 0 && !seed.username) fail(": needs an email_address, a phone_number or a username");
  return newUserRecord({ ...seed, email_addresses: emails, phone_numbers: phones });
}

function conflictOf(store: Store, user: User): { id: string; what: string } | null {
  const sameId = store.user(user.id);
  if (sameId) return { id: sameId.id, what: `id ${user.id}` };
  for (const address of user.email_addresses) {
    const owner = store.userByEmail(address.email_address);
    if (owner) return { id: owner.id, what: `email address ${address.email_address}` };
  }
  for (const phone of user.phone_numbers) {
    const owner = store.userByPhone(phone.phone_number);
    if (owner) return { id: owner.id, what: `phone number ${phone.phone_number}` };
  }
  const named = user.username ? store.userByUsername(user.username) : undefined;
  return named ? { id: named.id, what: `username ${user.username}` } : null;
}

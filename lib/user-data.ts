import type { EmailAddressJSON, User } from "@clerk/backend";
import * as z from "@/lib/zod";

// UserData is the public contract of GET /api/me: Clerk's own snake_case field names, exactly these
// keys (strict objects reject anything extra), nullable exactly where Clerk's are.

export const VerificationSchema = z.strictObject({
  // A plain string, not an enum: a status Clerk adds later must not turn every profile into a 500.
  status: z.string(),
  strategy: z.string(),
  attempts: z.nullable(z.int()),
  expire_at: z.nullable(z.int()),
});

export const IdentificationLinkSchema = z.strictObject({
  type: z.string(),
  id: z.string(),
});

export const EmailAddressSchema = z.strictObject({
  id: z.string(),
  object: z.literal("email_address"),
  email_address: z.string(),
  reserved: z.boolean(),
  verification: z.nullable(VerificationSchema),
  linked_to: z.array(IdentificationLinkSchema),
});

export const UserDataSchema = z.strictObject({
  id: z.string(),
  username: z.nullable(z.string()),
  first_name: z.nullable(z.string()),
  last_name: z.nullable(z.string()),
  profile_image_url: z.string(),
  primary_email_address_id: z.nullable(z.string()),
  email_addresses: z.array(EmailAddressSchema),
});

export type UserData = z.infer<typeof UserDataSchema>;

/** Response header of GET /api/me: when Clerk last changed the user (ms), so a client sees a stale answer. */
export const USER_UPDATED_AT_HEADER = "X-User-Updated-At";
export type EmailAddressData = z.infer<typeof EmailAddressSchema>;

// Clerk sends `reserved` on every email address, but @clerk/backend's JSON type does not declare it.
type ClerkEmailAddressJSON = EmailAddressJSON & { reserved?: unknown };

class MissingRawUserError extends Error {
  override name = "MissingRawUserError";
}

/**
 * Maps a Clerk user to UserData, validated.
 *
 * Reads `user.raw`, the JSON exactly as the Backend API sent it, rather than the SDK's camelCase
 * getters: the SDK's EmailAddress class drops `object` and `reserved`, so only the raw JSON can fill
 * every field faithfully, and one source keeps all seven fields consistent. Every field is picked
 * by name so nothing the schema does not list can slip through.
 */
export function toUserData(user: User): UserData {
  const raw = user.raw;
  // `raw` is set by User.fromJSON, which is how the SDK builds every user it returns.
  if (!raw) throw new MissingRawUserError(`Clerk user ${user.id} has no raw JSON`);
  return UserDataSchema.parse({
    id: raw.id,
    username: raw.username,
    first_name: raw.first_name,
    last_name: raw.last_name,
    profile_image_url: raw.image_url,
    primary_email_address_id: raw.primary_email_address_id,
    email_addresses: raw.email_addresses.map(toEmailAddressData),
  });
}

function toEmailAddressData(email: ClerkEmailAddressJSON) {
  const verification = email.verification;
  return {
    id: email.id,
    object: email.object,
    email_address: email.email_address,
    reserved: email.reserved,
    verification: verification && {
      status: verification.status,
      strategy: verification.strategy,
      attempts: verification.attempts,
      expire_at: verification.expire_at,
    },
    linked_to: email.linked_to.map((link) => ({ type: link.type, id: link.id })),
  };
}

/** The user's full name, or null when Clerk has neither part. */
export function fullName(user: Pick<UserData, "first_name" | "last_name">): string | null {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return name === "" ? null : name;
}

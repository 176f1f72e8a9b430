import type { EmailAddressJSON, User } from "@clerk/backend";
import * as z from "@/lib/zod";

// The public contract of GET /api/me: Clerk's field names, nothing extra, nullable where Clerk's are.

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

/** When Clerk last changed the user, so a client can tell an answer that predates a change. */
export const USER_UPDATED_AT_HEADER = "X-User-Updated-At";
export type EmailAddressData = z.infer<typeof EmailAddressSchema>;

// Clerk sends `reserved` on every email address, but @clerk/backend's JSON type does not declare it.
type ClerkEmailAddressJSON = EmailAddressJSON & { reserved?: unknown };

class MissingRawUserError extends Error {
  override name = "MissingRawUserError";
}

// From `user.raw`: the SDK's EmailAddress class drops `object` and `reserved`. Fields are picked by
// name so nothing else slips through.
export function toUserData(user: User): UserData {
  const raw = user.raw;
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

export function fullName(user: Pick<UserData, "first_name" | "last_name">): string | null {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return name === "" ? null : name;
}

// The JSON bodies the Backend API takes, one zod schema each: what a field may hold, and the 422 a
// wrong one gets (`parseInput`). Fields Clerk's spec allows but this server has no use for are kept
// as `unknown`, so they are accepted, as Clerk accepts them, without being acted on.
import { z } from "zod";
import { apiKeyFields } from "../state/api-keys";
import { EmailAddressSchema, PhoneNumberSchema } from "../state/identity-rules";
import { wholeNumber } from "../http/input";
import { MAX_METADATA_BYTES } from "../state/metadata";

const MAX_TOKEN_SECONDS = 10 * 365 * 24 * 3600;

const text = z.string({ error: "must be a string of at most 1024 characters" }).max(1024, { error: "must be a string of at most 1024 characters" });
/** A string that must be there and not be blank. */
const requiredText = text.refine((value) => value.trim() !== "", { message: "must be included.", params: { code: "form_param_missing" } });
const flag = z.boolean({ error: "must be true or false" });
const metadata = z
  .record(z.string(), z.unknown(), { error: "must be an object" })
  .refine((value) => JSON.stringify(value).length <= MAX_METADATA_BYTES, { message: `must be at most ${MAX_METADATA_BYTES} bytes of JSON` });

export const CreateUserBodySchema = z.looseObject({
  email_address: z.union([EmailAddressSchema, z.array(EmailAddressSchema)], { error: "must be a valid email address" }).optional(),
  phone_number: z.union([PhoneNumberSchema, z.array(PhoneNumberSchema)], { error: "must be a phone number in E.164 format" }).optional(),
  password: text.nullable().optional(),
  password_digest: z.unknown().optional(),
  skip_password_requirement: z.unknown().optional(),
  skip_password_checks: z.unknown().optional(),
  skip_user_requirement: z.unknown().optional(),
  username: text.nullable().optional(),
  locale: text.nullable().optional(),
  first_name: text.nullable().optional(),
  last_name: text.nullable().optional(),
  external_id: text.nullable().optional(),
  public_metadata: metadata.nullable().optional(),
  private_metadata: metadata.nullable().optional(),
  unsafe_metadata: metadata.nullable().optional(),
});
export type CreateUserBody = z.output<typeof CreateUserBodySchema>;

/** What PATCH /v1/users/{id} takes as of 2026-05-12 (metadata moved to /metadata). */
export const UpdateUserBodySchema = z.strictObject({
  external_id: text.nullable().optional(),
  first_name: text.nullable().optional(),
  last_name: text.nullable().optional(),
  username: text.nullable().optional(),
  primary_email_address_id: text.nullable().optional(),
  primary_phone_number_id: text.nullable().optional(),
  password: text.nullable().optional(),
  sign_out_of_other_sessions: flag.nullable().optional(),
  notify_primary_email_address_changed: flag.nullable().optional(),
  skip_password_checks: z.unknown().optional(),
  ...Object.fromEntries(
    [
      "locale",
      "primary_web3_wallet_id",
      "profile_image_id",
      "password_digest",
      "password_hasher",
      "totp_secret",
      "backup_codes",
      "delete_self_enabled",
      "create_organization_enabled",
      "legal_accepted_at",
      "skip_legal_checks",
      "create_organizations_limit",
      "created_at",
      "bypass_client_trust",
    ].map((key) => [key, z.unknown().optional()]),
  ),
});
export type UpdateUserBody = z.output<typeof UpdateUserBodySchema>;

export const MetadataBodySchema = z.strictObject({
  public_metadata: metadata.nullable().optional(),
  private_metadata: metadata.nullable().optional(),
  unsafe_metadata: metadata.nullable().optional(),
});

/** The user's three metadata fields, as the metadata body names them. */
export const METADATA_KEYS = MetadataBodySchema.keyof().options;

export const VerifyPasswordBodySchema = z.strictObject({ password: requiredText });

export const CreateEmailAddressBodySchema = z.strictObject({
  user_id: requiredText,
  email_address: EmailAddressSchema,
  verified: flag.nullable().optional(),
  primary: flag.nullable().optional(),
  notify_primary_email_address_changed: flag.nullable().optional(),
});

export const UpdateEmailAddressBodySchema = z.strictObject({
  verified: flag.nullable().optional(),
  primary: flag.nullable().optional(),
  notify_primary_email_address_changed: flag.nullable().optional(),
});

/** Second factors are off here: a number can be created or kept as an ordinary one only. */
const notSecondFactor = z
  .boolean({ error: "must be true or false" })
  .refine((value) => !value, { message: "is not supported: the local Clerk has no second factors", params: { code: "form_param_value_invalid" } })
  .nullable()
  .optional();

export const CreatePhoneNumberBodySchema = z.strictObject({
  user_id: requiredText,
  phone_number: PhoneNumberSchema,
  verified: flag.nullable().optional(),
  primary: flag.nullable().optional(),
  reserved_for_second_factor: notSecondFactor,
});

export const UpdatePhoneNumberBodySchema = z.strictObject({
  verified: flag.nullable().optional(),
  primary: flag.nullable().optional(),
  reserved_for_second_factor: notSecondFactor,
});

export const CreateSessionBodySchema = z.looseObject({ user_id: requiredText });

export const SessionTokenBodySchema = z.looseObject({
  expires_in_seconds: wholeNumber(1, MAX_TOKEN_SECONDS).optional(),
});

export const CreateSignInTokenBodySchema = z.looseObject({
  user_id: requiredText,
  expires_in_seconds: wholeNumber(1, MAX_TOKEN_SECONDS).nullable().optional(),
  org_id: text.nullable().optional(),
});

/** `POST /v1/jwt_templates` and `PATCH /v1/jwt_templates/{id}` take the same body. */
export const JwtTemplateBodySchema = z.strictObject({
  name: requiredText,
  claims: z.record(z.string(), z.unknown(), { error: "must be an object" }),
  lifetime: wholeNumber(30, 315_360_000).nullable().optional(),
  allowed_clock_skew: wholeNumber(0, 300).nullable().optional(),
  custom_signing_key: flag.optional(),
  signing_algorithm: text.nullable().optional(),
  signing_key: z.string({ error: "must be a string" }).nullable().optional(),
});
export type JwtTemplateBody = z.output<typeof JwtTemplateBodySchema>;

/** Where an invitation link leads: an absolute http(s) URL, or a path on the app's sign-up origin. */
const redirectUrl = text.refine(
  (value) => (value.startsWith("/") ? !value.startsWith("//") : /^https?:\/\/[^/]/i.test(value) && URL.canParse(value)),
  { message: "must be an absolute http(s) URL or a path starting with /", params: { code: "form_param_format_invalid" } },
);

/** One invitation, as CreateInvitation takes it and each item of CreateBulkInvitations. */
export const CreateInvitationBodySchema = z.strictObject({
  email_address: EmailAddressSchema,
  public_metadata: metadata.nullable().optional(),
  redirect_url: redirectUrl.nullable().optional(),
  notify: flag.nullable().optional(),
  ignore_existing: flag.nullable().optional(),
  expires_in_days: wholeNumber(1, 365).nullable().optional(),
  template_slug: z.enum(["invitation", "waitlist_invitation"], { error: "must be invitation or waitlist_invitation" }).optional(),
});
export type CreateInvitationBody = z.output<typeof CreateInvitationBodySchema>;

/** Clerk takes at most ten invitations per bulk call. */
export const CreateBulkInvitationsBodySchema = z
  .array(CreateInvitationBodySchema, { error: "must be a list of invitations" })
  .min(1, { error: "must hold at least one invitation" })
  .max(10, { error: "must hold at most 10 invitations" });
const userId = z.string({ error: "must be a user ID" }).regex(/^user_\w{27}$/, { error: "must be a user ID" });
const apiKeySubject = z.string({ error: "must be a string" }).regex(/^(user|org|mch|scim)_\w{27}$/, { error: "must be a user, organization or machine ID" });
const apiKeyClaims = z.record(z.string(), z.unknown(), { error: "must be an object" }).nullable().optional();
const apiKeyScopes = z.array(z.string({ error: "must be a list of strings" }), { error: "must be a list of strings" }).optional();

export const CreateApiKeyBodySchema = z.strictObject({
  ...apiKeyFields,
  subject: apiKeySubject,
  claims: apiKeyClaims,
  scopes: apiKeyScopes,
  created_by: userId.nullable().optional(),
});

export const UpdateApiKeyBodySchema = z.strictObject({
  subject: apiKeySubject.optional(),
  description: apiKeyFields.description,
  claims: apiKeyClaims,
  scopes: apiKeyScopes,
  seconds_until_expiration: apiKeyFields.seconds_until_expiration,
});

export const RevokeApiKeyBodySchema = z.strictObject({
  revocation_reason: z.string({ error: "must be a string" }).max(1024, { error: "must be at most 1024 characters" }).nullable().optional(),
});

export const VerifyApiKeyBodySchema = z.strictObject({
  secret: z.string({ error: "must be a string" }).min(1, { error: "must be included." }),
});

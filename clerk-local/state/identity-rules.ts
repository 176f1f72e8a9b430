// The identity rules both of Clerk's APIs enforce here, defined once: what an email address looks like
// and what a new password must be (Clerk's defaults). Sign-up, the Backend API, "Manage account" and
// seed files all use these.
import { z } from "zod";
import { formError } from "../http/errors";

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_EMAIL_LENGTH = 320;
export const MIN_PASSWORD_LENGTH = 8;
/** Clerk's ceiling (bcrypt's input limit), as the environment's `password_settings.max_length` says. */
export const MAX_PASSWORD_LENGTH = 72;

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isEmailAddress(address: string): boolean {
  return address.length <= MAX_EMAIL_LENGTH && EMAIL_PATTERN.test(address);
}

/** An email address as input: trimmed, lower-cased, checked. */
export const EmailAddressSchema = z
  .string({ error: "must be a valid email address" })
  .transform(normalizeEmail)
  .refine(isEmailAddress, { message: "must be a valid email address", params: { code: "form_param_format_invalid" } });

/** Clerk's `form_password_*` error for a new password that breaks the rules, or null. */
function passwordProblem(password: string): { code: string; message: string } | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { code: "form_password_length_too_short", message: `Passwords must be ${MIN_PASSWORD_LENGTH} characters or more.` };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { code: "form_password_length_too_long", message: `Passwords must be ${MAX_PASSWORD_LENGTH} characters or fewer.` };
  }
  return null;
}

/** A new password as input (seed files); the message is the rule's own. */
export const NewPasswordSchema = z.string().superRefine((password, context) => {
  const problem = passwordProblem(password);
  if (problem) context.addIssue({ code: "custom", message: problem.message });
});

/** Throws Clerk's `form_password_*` error for a new password that breaks the rules. */
export function checkNewPassword(password: string | null | undefined, paramName = "password"): void {
  if (typeof password !== "string") return;
  const problem = passwordProblem(password);
  if (problem) throw formError(problem.code, problem.message, paramName);
}

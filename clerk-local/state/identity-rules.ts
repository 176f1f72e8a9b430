// The identity rules both of Clerk's APIs enforce here, defined once: what an email address looks like,
// what a new password must be (the instance's `password_settings`) and what a username may be (its
// `username_settings`). Sign-up, sign-in, the Backend API, "Manage account" and seed files use these.
import { z } from "zod";
import { ClerkError, formError, formErrors, type ClerkErrorDetail } from "../http/errors";
import { defaultUserSettings, type PasswordSettings, type UserSettings, type UsernameSettings } from "../settings/instance-defaults";
import type { User } from "./records";

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_EMAIL_LENGTH = 320;

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

// Phone numbers -------------------------------------------------------------------------------------

/** A phone number in E.164, from what a person or clerk-js's phone input sends; null when it is none. */
export function normalizePhoneNumber(raw: string): string | null {
  const compact = raw.trim().replace(/[\s().-]/g, "");
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : null;
}

/** Clerk's test numbers, +1 (XXX) 555-0100 to 0199: the only ones a development instance's code reaches here. */
export function isTestPhoneNumber(phoneNumber: string): boolean {
  return /^\+1\d{3}55501\d{2}$/.test(phoneNumber);
}

/** A phone number as input (the Backend API, seed files): normalized to E.164, checked. */
export const PhoneNumberSchema = z
  .string({ error: "must be a phone number in E.164 format (+15555550100)" })
  .transform((raw, context) => {
    const phoneNumber = normalizePhoneNumber(raw);
    if (phoneNumber) return phoneNumber;
    context.addIssue({ code: "custom", message: "must be a phone number in E.164 format (+15555550100)", params: { code: "form_param_format_invalid" } });
    return z.NEVER;
  });

export const phoneNumberInvalid = (paramName = "phone_number") =>
  formError("form_param_format_invalid", "Enter phone number in the correct format, with its country code (+15555550100).", paramName);

export const phoneNumberTaken = (paramName = "phone_number") => formError("form_identifier_exists", "That phone number is taken. Please try another.", paramName);

/**
 * Sending an SMS code: the local Clerk sends none, so only Clerk's test numbers, whose code is fixed,
 * can be verified (a password still signs in with any number).
 */
export function checkCanReceiveCode(phoneNumber: string, paramName = "phone_number"): void {
  if (isTestPhoneNumber(phoneNumber)) return;
  throw formError(
    "form_param_value_invalid",
    "The local Clerk sends no SMS: use one of Clerk's test numbers, +1 (XXX) 555-0100 to 0199, with the local Clerk's verification code.",
    paramName,
  );
}

// Passwords -----------------------------------------------------------------------------------------

export type PasswordRules = Pick<
  PasswordSettings,
  "min_length" | "max_length" | "require_special_char" | "require_numbers" | "require_uppercase" | "require_lowercase" | "allowed_special_characters"
>;

/** Clerk's default set when `allowed_special_characters` is empty: ASCII punctuation. */
const DEFAULT_SPECIAL_CHARACTERS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

const hasSpecialCharacter = (password: string, allowed: string) => [...password].some((char) => (allowed || DEFAULT_SPECIAL_CHARACTERS).includes(char));

/**
 * Every rule a new password breaks, in Clerk's `form_password_*` codes. A password that is too short
 * or too long is reported alone; otherwise each missing character class is its own error, as Clerk
 * lists them (the components join them into one sentence).
 */
export function passwordProblems(password: string, rules: PasswordRules, paramName = "password"): ClerkErrorDetail[] {
  const problem = (code: string, message: string): ClerkErrorDetail => ({ code, message, paramName });
  if (password.length < rules.min_length) {
    return [problem("form_password_length_too_short", `Passwords must be ${rules.min_length} characters or more.`)];
  }
  if (password.length > rules.max_length) {
    return [problem("form_password_length_too_long", `Passwords must be ${rules.max_length} characters or fewer.`)];
  }
  const problems: ClerkErrorDetail[] = [];
  if (rules.require_lowercase && !/[a-z]/.test(password)) problems.push(problem("form_password_no_lowercase", "Passwords must contain at least one lowercase character."));
  if (rules.require_uppercase && !/[A-Z]/.test(password)) problems.push(problem("form_password_no_uppercase", "Passwords must contain at least one uppercase character."));
  if (rules.require_numbers && !/\d/.test(password)) problems.push(problem("form_password_no_number", "Passwords must contain at least one number."));
  if (rules.require_special_char && !hasSpecialCharacter(password, rules.allowed_special_characters)) {
    problems.push(problem("form_password_no_special_char", "Passwords must contain at least one special character."));
  }
  return problems;
}

/** Throws Clerk's 422 listing every rule of the instance a new password breaks; nothing given passes. */
export function checkNewPassword(password: string | null | undefined, rules: PasswordRules, paramName = "password"): void {
  if (typeof password !== "string") return;
  const [first, ...more] = passwordProblems(password, rules, paramName);
  if (first) throw formErrors([first, ...more]);
}

/** A new password in a seed file, held to a default instance's rules; the message is the rule's own. */
export const NewPasswordSchema = z.string().superRefine((password, context) => {
  const problem = passwordProblems(password, defaultUserSettings().password_settings)[0];
  if (problem) context.addIssue({ code: "custom", message: problem.message });
});

// Usernames -----------------------------------------------------------------------------------------

/** Clerk's defaults when `username_settings` leaves a length null. */
export const USERNAME_LENGTH = { min: 4, max: 64 };

/** Letters, digits, `_` and `-`; the extended set adds `.` (the local Clerk's reading of the setting). */
const usernameCharacters = (settings: UsernameSettings) => (settings.allow_extended_special_characters ? /^[A-Za-z0-9_.-]+$/ : /^[A-Za-z0-9_-]+$/);

/** The first of Clerk's `form_username_*` errors `username` earns under the instance's settings, or null. */
export function usernameProblem(username: string, settings: UsernameSettings, paramName = "username"): ClerkErrorDetail | null {
  const min = settings.min_length ?? USERNAME_LENGTH.min;
  const max = settings.max_length ?? USERNAME_LENGTH.max;
  if (username.length < min || username.length > max) {
    return { code: "form_username_invalid_length", message: `Usernames must be between ${min} and ${max} characters long.`, paramName };
  }
  if (!usernameCharacters(settings).test(username)) {
    const extra = settings.allow_extended_special_characters ? ", '_', '-' or '.'" : ", '_' or '-'";
    return { code: "form_username_invalid_character", message: `Usernames can only contain letters, numbers${extra}.`, paramName };
  }
  if (!settings.allow_numeric_usernames && /^\d+$/.test(username)) {
    return { code: "form_username_needs_non_number_char", message: "Usernames must contain at least one non-numeric character.", paramName };
  }
  return null;
}

export function checkUsername(username: string, settings: UsernameSettings, paramName = "username"): void {
  const problem = usernameProblem(username, settings, paramName);
  if (problem) throw formError(problem.code, problem.message, paramName);
}

export const usernameTaken = (paramName = "username") => formError("form_identifier_exists", "That username is taken. Please try another.", paramName);
export const emailAddressTaken = (paramName = "email_address") => formError("form_identifier_exists", "That email address is taken. Please try another.", paramName);

// Identifiers -----------------------------------------------------------------------------------------

export const IDENTIFIERS = ["email_address", "phone_number", "username"] as const;
export type Identifier = (typeof IDENTIFIERS)[number];

/** The identifiers the instance signs people in with (`used_for_first_factor`). */
export function signInIdentifiers(settings: Readonly<UserSettings>): Identifier[] {
  return IDENTIFIERS.filter((name) => settings.attributes[name].enabled && settings.attributes[name].used_for_first_factor);
}

// Attributes the instance turns off or requires ----------------------------------------------------

/** A field for an attribute the instance has turned off: Clerk answers as for a parameter it does not know. */
export const attributeNotEnabled = (paramName: string) =>
  formError("form_param_unknown", `${paramName} is not a valid parameter for this request.`, paramName, `${paramName} is not a valid parameter for this request: the instance has this attribute turned off.`);

/** A required attribute left out of a new user. */
export const requiredAttributeMissing = (paramName: string) => formError("form_param_missing", `${paramName} must be included.`, paramName);

/** A required attribute someone tries to remove from a user. */
export const requiredAttributeRemoved = (paramName: string) =>
  formError("form_param_nil", `${paramName} is required and cannot be removed.`, paramName, `${paramName} is required by this instance and cannot be emptied.`);

/**
 * Clerk's refusal to remove an email address or phone number a user must keep: their last
 * identification, the last one of a kind the instance requires, or the primary one while others of its
 * kind remain.
 */
export function checkIdentificationRemovable(user: User, settings: Readonly<UserSettings>, kind: "email_address" | "phone_number", id: string): void {
  const refuse = (message: string) => new ClerkError({ status: 400, code: "identification_deletion_failed", message, longMessage: message });
  const [list, primary] = kind === "email_address" ? [user.email_addresses, user.primary_email_address_id] : [user.phone_numbers, user.primary_phone_number_id];
  const others = list.filter((identification) => identification.id !== id);
  const remaining = others.length + (kind === "email_address" ? user.phone_numbers.length : user.email_addresses.length) + (user.username ? 1 : 0);
  if (remaining === 0 || (others.length === 0 && settings.attributes[kind].required)) throw refuse("You cannot delete your last identification.");
  if (others.length > 0 && id === primary) {
    const what = kind === "email_address" ? "email address" : "phone number";
    throw refuse(`The primary ${what} cannot be deleted. Make another ${what} primary first.`);
  }
}

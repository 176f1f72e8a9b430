// The identity rules both of Clerk's APIs enforce here: what an email address looks like and how long
// a new password must be (Clerk's default, 8 characters). One place, so sign-up and the Backend API agree.
import { formError } from "../http/errors";

export const MIN_PASSWORD_LENGTH = 8;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Throws Clerk's `form_password_length_too_short` for a new password that is too short. */
export function checkNewPassword(password: string | null | undefined, paramName = "password"): void {
  if (typeof password === "string" && password.length < MIN_PASSWORD_LENGTH) {
    throw formError(
      "form_password_length_too_short",
      `Passwords must be ${MIN_PASSWORD_LENGTH} characters or more.`,
      paramName,
    );
  }
}

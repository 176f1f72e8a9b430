// What a sign-up still needs under the instance's settings: Clerk's `required_fields`, `optional_fields`,
// `missing_fields` and `unverified_fields`. The sign-up completes when nothing is missing or unverified.
import type { UserSettings } from "../settings/instance-defaults";
import { IDENTIFIERS } from "./identity-rules";
import type { SignUp } from "./records";

/** The attributes a sign-up form can fill, in the order Clerk lists them. */
export const SIGN_UP_FIELDS = ["email_address", "phone_number", "username", "first_name", "last_name", "password"] as const;
export type SignUpField = (typeof SIGN_UP_FIELDS)[number];


function given(signUp: SignUp, field: SignUpField): boolean {
  switch (field) {
    case "email_address":
      return signUp.email_address !== null;
    case "phone_number":
      return signUp.phone_number !== null;
    case "username":
      return signUp.username !== null;
    case "first_name":
      return signUp.first_name !== null;
    case "last_name":
      return signUp.last_name !== null;
    case "password":
      return signUp.password_hash !== null;
  }
}

/** Whether a given address or number must be verified before the sign-up completes (`verify_at_sign_up`). */
export function verifiesAtSignUp(settings: Readonly<UserSettings>, field: "email_address" | "phone_number"): boolean {
  const attribute = settings.attributes[field];
  return attribute.verify_at_sign_up && attribute.verifications.length > 0;
}

export type SignUpRequirements = {
  required: SignUpField[];
  optional: SignUpField[];
  missing: SignUpField[];
  unverified: SignUpField[];
};

export function signUpRequirements(signUp: SignUp, settings: Readonly<UserSettings>): SignUpRequirements {
  const { attributes } = settings;
  const enabled = SIGN_UP_FIELDS.filter((field) => attributes[field].enabled);
  const required = enabled.filter((field) => attributes[field].required);
  const missing = required.filter((field) => !given(signUp, field));
  // With no identifier required, the sign-up needs any one of those turned on.
  const identifiers = IDENTIFIERS.filter((field) => attributes[field].enabled);
  if (!identifiers.some((field) => attributes[field].required) && !identifiers.some((field) => given(signUp, field))) missing.push(...identifiers);
  const unverified = (field: "email_address" | "phone_number", value: string | null, verification: SignUp["email_verification"]) =>
    value !== null && verifiesAtSignUp(settings, field) && verification?.status !== "verified" ? [field] : [];
  return {
    required,
    optional: enabled.filter((field) => !attributes[field].required),
    missing,
    unverified: [
      ...unverified("email_address", signUp.email_address, signUp.email_verification),
      ...unverified("phone_number", signUp.phone_number, signUp.phone_verification),
    ],
  };
}

export function isReadyToComplete(signUp: SignUp, settings: Readonly<UserSettings>): boolean {
  const { missing, unverified } = signUpRequirements(signUp, settings);
  return missing.length === 0 && unverified.length === 0;
}

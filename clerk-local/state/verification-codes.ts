// A one-time code's check, the same for a sign-in's first factor, a sign-up's address or number and an
// address or number added in "Manage account": how long a code sent lasts, and Clerk's errors when it
// was not sent, has expired or is wrong.
import { formError } from "../http/errors";
import type { Verification } from "./records";

/** How long a code sent stays good. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** When a code sent at `now` stops being good. */
export const codeExpiry = (now = Date.now()) => now + CODE_LIFETIME_MS;

export const verificationNotSent = () =>
  formError("verification_not_sent", "You need to send a verification code before attempting to verify.", "code");

const verificationExpired = () =>
  formError("verification_expired", "This verification has expired.", "code", "This verification has expired. You need to send a new code.");

const codeIncorrect = () => formError("form_code_incorrect", "Incorrect code", "code");

type SentCode = Pick<Verification, "status" | "attempts" | "expire_at">;

/**
 * Checks `code` against a code that was sent (the caller says Clerk's `verification_not_sent` when none
 * was). `save` is given the verification as the attempt leaves it: marked expired when its time is up
 * (then `verification_expired`), otherwise counted as one more attempt, and verified when the code is
 * right (or `form_code_incorrect` when it is not). Returns the verified one.
 */
export function checkCode<V extends SentCode>(verification: V, code: string | undefined, verificationCode: string, save: (next: V) => void, now = Date.now()): V {
  if (verification.expire_at !== null && now > verification.expire_at) {
    save({ ...verification, status: "expired" });
    throw verificationExpired();
  }
  const attempts = (verification.attempts ?? 0) + 1;
  if (code !== verificationCode) {
    save({ ...verification, attempts });
    throw codeIncorrect();
  }
  const verified = { ...verification, attempts, status: "verified" as const };
  save(verified);
  return verified;
}

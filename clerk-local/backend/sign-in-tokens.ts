// One-time sign-in tokens for a user (what @clerk/testing's `clerk.signIn({ emailAddress })` creates),
// redeemed through the Frontend API's `ticket` strategy.
import { randomBytes } from "node:crypto";
import { ClerkError, formError, notFound } from "../http/errors";
import type { SignInToken } from "../state/records";
import type { Store } from "../state/store";

/** Clerk's default lifetime of a sign-in token: 30 days. */
const DEFAULT_EXPIRES_IN_SECONDS = 30 * 24 * 3600;

export type NewSignInToken = { user_id: string; expires_in_seconds?: number | null; org_id?: string | null };

export function createSignInToken(store: Store, input: NewSignInToken): SignInToken {
  if (input.org_id) throw formError("form_param_value_invalid", "Organizations are not enabled for this instance.", "org_id");
  if (!store.user(input.user_id)) throw notFound("user");
  const seconds = input.expires_in_seconds ?? DEFAULT_EXPIRES_IN_SECONDS;
  return store.createSignInToken({ user_id: input.user_id, token: randomBytes(32).toString("base64url"), expire_at: Date.now() + seconds * 1000 });
}

export function revokeSignInToken(store: Store, id: string): SignInToken {
  const token = store.signInToken(id);
  if (!token) throw notFound("sign in token");
  if (token.status !== "pending") {
    throw new ClerkError({
      status: 400,
      code: "sign_in_token_cannot_be_revoked",
      message: `This sign in token is ${token.status} and can no longer be revoked.`,
    });
  }
  return store.setSignInTokenStatus(id, "revoked");
}

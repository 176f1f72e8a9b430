// Clerk's sign-in token JSON (`/v1/sign_in_tokens`).
import type { SignInToken } from "../state/records";

/** `url`: the sign-in page carrying the ticket, where Clerk's Frontend API would forward the link. */
export function signInTokenJSON(token: SignInToken, signInUrl: string) {
  const url = new URL(signInUrl);
  url.searchParams.set("__clerk_ticket", token.token);
  return {
    object: "sign_in_token" as const,
    id: token.id,
    status: token.status,
    user_id: token.user_id,
    token: token.token,
    url: url.toString(),
    created_at: token.created_at,
    updated_at: token.updated_at,
  };
}

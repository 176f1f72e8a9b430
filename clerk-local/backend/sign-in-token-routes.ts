// `/v1/sign_in_tokens`: one-time sign-in tokens for a user (what @clerk/testing's
// `clerk.signIn({ emailAddress })` creates), redeemed through the Frontend API's `ticket` strategy.
import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { accountPageUrl } from "../config";
import type { LocalClerk } from "../context";
import { ClerkError, formError, notFound } from "../http/errors";
import { newId } from "../state/ids";
import type { SignInToken } from "../state/store";
import { optionalString, readJson } from "./input";

/** Clerk's default lifetime of a sign-in token: 30 days. */
const DEFAULT_EXPIRES_IN_SECONDS = 30 * 24 * 3600;

/** The sign-in page carrying the ticket, where Clerk's Frontend API would forward the link. */
function ticketUrl(clerk: LocalClerk, ticket: string): string {
  const url = new URL(accountPageUrl(clerk.config, "sign-in"));
  url.searchParams.set("__clerk_ticket", ticket);
  return url.toString();
}

export function signInTokenJSON(token: SignInToken, clerk: LocalClerk) {
  return {
    object: "sign_in_token" as const,
    id: token.id,
    status: token.status,
    user_id: token.user_id,
    token: token.token,
    url: ticketUrl(clerk, token.token),
    created_at: token.created_at,
    updated_at: token.updated_at,
  };
}

function expiresInSeconds(body: Record<string, unknown>): number {
  const value = body.expires_in_seconds;
  if (value === undefined || value === null) return DEFAULT_EXPIRES_IN_SECONDS;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw formError("form_param_value_invalid", "expires_in_seconds must be a positive whole number", "expires_in_seconds");
  }
  return value;
}

export function registerSignInTokenRoutes(app: Hono, clerk: LocalClerk): void {
  const { store } = clerk;

  app.post("/v1/sign_in_tokens", async (c) => {
    const body = await readJson(c);
    const userId = optionalString(body, "user_id");
    if (!userId) throw formError("form_param_missing", "user_id must be included.", "user_id");
    const orgId = optionalString(body, "org_id");
    if (orgId) throw formError("form_param_value_invalid", "Organizations are not enabled for this instance.", "org_id");
    const seconds = expiresInSeconds(body);
    if (!store.users.has(userId)) throw notFound("user");
    const now = Date.now();
    const token: SignInToken = {
      id: newId("sit"),
      user_id: userId,
      token: randomBytes(32).toString("base64url"),
      status: "pending",
      expire_at: now + seconds * 1000,
      created_at: now,
      updated_at: now,
    };
    store.signInTokens.set(token.id, token);
    return c.json(signInTokenJSON(token, clerk));
  });

  app.post("/v1/sign_in_tokens/:id/revoke", (c) => {
    const token = store.signInTokens.get(c.req.param("id"));
    if (!token) throw notFound("sign in token");
    if (token.status !== "pending") {
      throw new ClerkError({
        status: 400,
        code: "sign_in_token_cannot_be_revoked",
        message: `This sign in token is ${token.status} and can no longer be revoked.`,
      });
    }
    token.status = "revoked";
    token.updated_at = Date.now();
    return c.json(signInTokenJSON(token, clerk));
  });
}

// Sign-in tokens as the real @clerk/backend client makes and revokes them, redeemed the way clerk-js
// does it (`POST /v1/client/sign_ins` with `strategy=ticket`): what @clerk/testing's
// `clerk.signIn({ emailAddress })` relies on.
import { describe, expect, it, vi } from "vitest";
import { DEMO_USER } from "../config";
import { answerOf, clerkApiError, serverPerFile, userByEmail } from "../testing/harness";

const local = serverPerFile();

const demoUserId = async () => (await userByEmail(local.clerk, DEMO_USER.email))!.id;

type TicketAnswer = {
  status: number;
  body: {
    response?: { status: string; created_session_id: string | null; first_factor_verification: Record<string, unknown> };
    client?: { sessions: { id: string; user: { id: string } }[]; last_authentication_strategy: string | null; sign_in: unknown };
    errors?: { code: string; meta: { param_name?: string } }[];
  };
};

/** Redeems `ticket` in a fresh browser (a new dev browser), as clerk-js's `signIn.create` sends it. */
async function redeem(ticket: string): Promise<TicketAnswer> {
  const browser = await local.clerk.devBrowser();
  return answerOf<TicketAnswer["body"]>(await browser.call("POST", "/v1/client/sign_ins", { strategy: "ticket", ticket }));
}

const apiError = clerkApiError;

describe("sign-in tokens through createClerkClient", () => {
  it("creates a token that signs its user in once through the ticket strategy", async () => {
    const userId = await demoUserId();
    const token = await local.backend.signInTokens.createSignInToken({ userId, expiresInSeconds: 300 });
    expect(token).toMatchObject({ id: expect.stringMatching(/^sit_/), userId, status: "pending", token: expect.any(String) });
    expect(token.url).toContain(`__clerk_ticket=${encodeURIComponent(token.token)}`);

    const first = await redeem(token.token);
    expect(first.status).toBe(200);
    expect(first.body.response).toMatchObject({
      status: "complete",
      created_session_id: expect.any(String),
      first_factor_verification: { object: "verification_ticket", strategy: "ticket", status: "verified" },
    });
    expect(first.body.client?.sessions.map((s) => s.user.id)).toEqual([userId]);
    expect(first.body.client?.last_authentication_strategy).toBe("ticket");
    expect(first.body.client?.sign_in).toBeNull();

    const second = await redeem(token.token);
    expect(second.status).toBe(422);
    expect(second.body.errors?.[0]).toMatchObject({ code: "ticket_invalid", meta: { param_name: "ticket" } });
    // An accepted token can no longer be revoked.
    expect((await apiError(local.backend.signInTokens.revokeSignInToken(token.id))).status).toBe(400);
  });

  it("revokes a pending token, after which it signs nobody in", async () => {
    const token = await local.backend.signInTokens.createSignInToken({ userId: await demoUserId(), expiresInSeconds: 300 });
    const revoked = await local.backend.signInTokens.revokeSignInToken(token.id);
    expect(revoked).toMatchObject({ id: token.id, status: "revoked" });
    const answer = await redeem(token.token);
    expect(answer.status).toBe(422);
    expect(answer.body.errors?.[0]?.code).toBe("ticket_invalid");
  });

  it("refuses an expired token", async () => {
    const token = await local.backend.signInTokens.createSignInToken({ userId: await demoUserId(), expiresInSeconds: 1 });
    // Only the clock moves: the server runs in this process, so its Date.now() jumps too.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 1100);
    const answer = await redeem(token.token).finally(() => vi.useRealTimers());
    expect(answer.status).toBe(422);
    expect(answer.body.errors?.[0]).toMatchObject({ code: "ticket_expired", meta: { param_name: "ticket" } });
  });

  it("refuses bad input with Clerk's errors and creates nothing", async () => {
    expect((await apiError(local.backend.signInTokens.createSignInToken({ userId: "user_missing", expiresInSeconds: 60 }))).status).toBe(404);
    const badExpiry = await apiError(local.backend.signInTokens.createSignInToken({ userId: await demoUserId(), expiresInSeconds: 0 }));
    expect(badExpiry.status).toBe(422);
    expect(badExpiry.errors[0]).toMatchObject({ code: "form_param_value_invalid", meta: { paramName: "expires_in_seconds" } });
    const noUser = await local.clerk.bapi("POST", "/v1/sign_in_tokens", {});
    expect(noUser.status).toBe(422);
    expect((await apiError(local.backend.signInTokens.revokeSignInToken("sit_missing"))).status).toBe(404);
    const unauthorized = await local.clerk.request("/v1/sign_in_tokens", { method: "POST", body: "{}" });
    expect(unauthorized.status).toBe(401);
    expect((await redeem("not-a-token")).status).toBe(422);
    expect((await redeem("")).body.errors?.[0]).toMatchObject({ code: "form_param_missing", meta: { param_name: "ticket" } });
  });
});

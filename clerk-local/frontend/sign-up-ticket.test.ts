// Sign-up through an invitation, as <SignUp/> drives it when its page's URL has `__clerk_ticket`
// (`POST /v1/client/sign_ups` with `strategy=ticket`, then the missing password), with Clerk's errors
// for every ticket it must refuse, and the `restricted` sign-up mode that admits nothing else.
import { describe, expect, it, vi } from "vitest";
import { DEMO_USER } from "../config";
import { answerOf, clerkApiError, serverPerFile, userByEmail, type TestBrowser } from "../testing/harness";

const local = serverPerFile();

type SignUpJSON = {
  id: string;
  status: string;
  email_address: string | null;
  missing_fields: string[];
  unverified_fields: string[];
  verifications: { email_address: { object: string; status: string; strategy: string } | null };
  public_metadata: Record<string, unknown>;
  created_session_id: string | null;
  created_user_id: string | null;
};
type Answer = { status: number; body: { response?: SignUpJSON; errors?: { code: string; message: string; long_message: string }[] } };

async function call(browser: TestBrowser, method: string, path: string, form: Record<string, string>): Promise<Answer> {
  return answerOf<Answer["body"]>(await browser.call(method, path, form));
}

/** Starts a sign-up in `browser` as <SignUp/> does on opening an invitation link. */
const startWithTicket = (browser: TestBrowser, ticket: string, extra: Record<string, string> = {}) =>
  call(browser, "POST", "/v1/client/sign_ups", { strategy: "ticket", ticket, ...extra });

async function invite(emailAddress: string, publicMetadata: Record<string, unknown> = {}) {
  const invitation = await local.backend.invitations.createInvitation({ emailAddress, publicMetadata, expiresInDays: 1 });
  return { invitation, ticket: new URL(invitation.url!).searchParams.get("__clerk_ticket")! };
}

const statusOf = async (id: string) =>
  (await local.backend.invitations.getInvitationList({ query: id, status: undefined })).data[0]?.status ??
  (await local.backend.invitations.getInvitationList({ query: id, status: "revoked" })).data[0]?.status;

const refusal = (answer: Answer) => [answer.status, answer.body.errors?.[0]?.code];

describe("signing up with an invitation's ticket", () => {
  it("starts with the invited address verified, completes with the password, and accepts the invitation", async () => {
    const { invitation, ticket } = await invite("invited@example.com", { role: "editor" });
    const browser = await local.clerk.devBrowser();

    const started = await startWithTicket(browser, ticket);
    expect(started.status).toBe(200);
    expect(started.body.response).toMatchObject({
      status: "missing_requirements",
      email_address: "invited@example.com",
      missing_fields: ["password"],
      unverified_fields: [],
      verifications: { email_address: { object: "verification_ticket", status: "verified", strategy: "ticket" } },
      public_metadata: { role: "editor" },
      created_user_id: null,
    });
    expect(await statusOf(invitation.id)).toBe("pending");

    // <SignUp/> sends the ticket again with the password (and the invited address, which it shows disabled).
    const id = started.body.response!.id;
    const completed = await call(browser, "PATCH", `/v1/client/sign_ups/${id}`, {
      strategy: "ticket",
      ticket,
      email_address: "invited@example.com",
      password: "a-long-enough-password",
    });
    expect(completed.body.response).toMatchObject({ status: "complete", created_session_id: expect.stringMatching(/^sess_/) });

    const user = await local.backend.users.getUser(completed.body.response!.created_user_id!);
    expect(user.publicMetadata).toEqual({ role: "editor" });
    expect(user.emailAddresses.map((email) => [email.emailAddress, email.verification?.status, email.verification?.strategy])).toEqual([
      ["invited@example.com", "verified", "ticket"],
    ]);
    expect(await statusOf(invitation.id)).toBe("accepted");
    expect(await local.backend.users.verifyPassword({ userId: user.id, password: "a-long-enough-password" })).toEqual({ verified: true });

    // Used once: the ticket is spent, and an accepted invitation can no longer be revoked.
    expect(refusal(await startWithTicket(await local.clerk.devBrowser(), ticket))).toEqual([400, "invitation_already_accepted"]);
    const revoke = await clerkApiError(local.backend.invitations.revokeInvitation(invitation.id));
    expect([revoke.status, revoke.errors[0]?.code]).toEqual([400, "invitation_already_accepted"]);
  });

  it("completes at once when the form already holds everything the instance requires", async () => {
    const { invitation, ticket } = await invite("quick@example.com");
    const answer = await startWithTicket(await local.clerk.devBrowser(), ticket, { password: "a-long-enough-password", first_name: "Quick" });
    expect(answer.body.response).toMatchObject({ status: "complete", created_user_id: expect.stringMatching(/^user_/) });
    expect((await userByEmail(local.clerk, "quick@example.com"))?.first_name).toBe("Quick");
    expect(await statusOf(invitation.id)).toBe("accepted");
  });

  it("refuses a ticket Clerk would not take, with Clerk's error, and creates nobody", async () => {
    const browser = await local.clerk.devBrowser();
    expect(refusal(await startWithTicket(browser, "not-a-ticket"))).toEqual([400, "ticket_invalid_code"]);
    expect((await startWithTicket(browser, "not-a-ticket")).body.errors?.[0]?.long_message).toBe(
      "This ticket is invalid. Make sure you're using a valid ticket generated by Clerk.",
    );
    const missing = await call(browser, "POST", "/v1/client/sign_ups", { strategy: "ticket" });
    expect(refusal(missing)).toEqual([422, "form_param_missing"]);

    const revoked = await invite("revoked@example.com");
    await local.backend.invitations.revokeInvitation(revoked.invitation.id);
    expect(refusal(await startWithTicket(browser, revoked.ticket))).toEqual([400, "revoked_invitation"]);

    // A sign-in token is a ticket too, but only for signing in.
    const demo = (await local.backend.users.getUserList({ emailAddress: [DEMO_USER.email] })).data[0]!;
    const token = await local.backend.signInTokens.createSignInToken({ userId: demo.id, expiresInSeconds: 60 });
    expect(refusal(await startWithTicket(browser, token.token))).toEqual([400, "sign_in_token_not_in_sign_in_code"]);

    // Someone signed up with the invited address meanwhile (the invitation was made with ignore_existing).
    const taken = await local.backend.invitations.createInvitation({ emailAddress: DEMO_USER.email, ignoreExisting: true });
    const takenTicket = new URL(taken.url!).searchParams.get("__clerk_ticket")!;
    expect(refusal(await startWithTicket(browser, takenTicket))).toEqual([400, "invitation_account_exists"]);

    // The invited address is the one signed up with.
    const other = await invite("kept@example.com");
    const changed = await startWithTicket(browser, other.ticket, { email_address: "someone-else@example.com" });
    expect(refusal(changed)).toEqual([422, "form_param_value_invalid"]);

    expect(await userByEmail(local.clerk, "revoked@example.com")).toBeUndefined();
    expect(await userByEmail(local.clerk, "kept@example.com")).toBeUndefined();
    expect(await userByEmail(local.clerk, "someone-else@example.com")).toBeUndefined();
    expect(await statusOf(other.invitation.id)).toBe("pending");
  });

  it("refuses an expired ticket", async () => {
    const { ticket } = await invite("late@example.com");
    // Only the clock moves: the server runs in this process, so its Date.now() jumps too.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 24 * 3600 * 1000 + 1000);
    const answer = await startWithTicket(await local.clerk.devBrowser(), ticket).finally(() => vi.useRealTimers());
    expect(refusal(answer)).toEqual([400, "ticket_expired_code"]);
    expect(answer.body.errors?.[0]?.long_message).toBe("This ticket has expired and cannot be used anymore.");
  });

  it("lets one of two browsers holding the same ticket sign up, and stops the other", async () => {
    const { ticket } = await invite("twice@example.com");
    const [first, second] = [await local.clerk.devBrowser(), await local.clerk.devBrowser()];
    const a = (await startWithTicket(first, ticket)).body.response!;
    const b = (await startWithTicket(second, ticket)).body.response!;
    expect((await call(first, "PATCH", `/v1/client/sign_ups/${a.id}`, { password: "a-long-enough-password" })).body.response?.status).toBe("complete");
    const late = await call(second, "PATCH", `/v1/client/sign_ups/${b.id}`, { password: "another-long-password" });
    expect(refusal(late)).toEqual([400, "invitation_already_accepted"]);
    expect((await local.backend.users.getUserList({ emailAddress: ["twice@example.com"] })).totalCount).toBe(1);
  });

  it("stops a sign-up whose invitation was revoked after its ticket was taken", async () => {
    const { invitation, ticket } = await invite("withdrawn@example.com");
    const browser = await local.clerk.devBrowser();
    const started = (await startWithTicket(browser, ticket)).body.response!;
    await local.backend.invitations.revokeInvitation(invitation.id);
    const answer = await call(browser, "PATCH", `/v1/client/sign_ups/${started.id}`, { password: "a-long-enough-password" });
    expect(refusal(answer)).toEqual([400, "revoked_invitation"]);
    expect(await userByEmail(local.clerk, "withdrawn@example.com")).toBeUndefined();
  });
});

describe("the restricted sign-up mode", () => {
  const restricted = { user_settings: { sign_up: { mode: "restricted" as const } } };

  it("refuses a sign-up without an invitation and admits one with a ticket", async () => {
    await local.clerk.controls.setInstance(restricted);
    const environment = (await (await local.clerk.devBrowser()).call("GET", "/v1/environment").then((r) => r.json())) as {
      user_settings: { sign_up: { mode: string } };
    };
    expect(environment.user_settings.sign_up.mode).toBe("restricted");

    const browser = await local.clerk.devBrowser();
    const plain = await call(browser, "POST", "/v1/client/sign_ups", { email_address: "walk-in@example.com", password: "a-long-enough-password" });
    expect(refusal(plain)).toEqual([403, "sign_up_mode_restricted"]);
    expect(plain.body.errors?.[0]?.long_message).toBe("New sign-ups are currently restricted.");
    expect(refusal(await call(browser, "POST", "/v1/client/sign_ups", {}))).toEqual([403, "sign_up_mode_restricted"]);
    expect(refusal(await startWithTicket(browser, "not-a-ticket"))).toEqual([400, "ticket_invalid_code"]);

    const { ticket } = await invite("member@example.com");
    const started = (await startWithTicket(browser, ticket)).body.response!;
    const done = await call(browser, "PATCH", `/v1/client/sign_ups/${started.id}`, { password: "a-long-enough-password" });
    expect(done.body.response?.status).toBe("complete");
    expect(await userByEmail(local.clerk, "walk-in@example.com")).toBeUndefined();

    // Back to public: anyone may start a sign-up again.
    await local.clerk.controls.reset();
    const open = await call(await local.clerk.devBrowser(), "POST", "/v1/client/sign_ups", { email_address: "walk-in@example.com" });
    expect(open.status).toBe(200);
  });
});

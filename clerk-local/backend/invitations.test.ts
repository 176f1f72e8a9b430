// Invitations as the real @clerk/backend client makes, lists and revokes them (`clerkClient.invitations`),
// with Clerk's refusals; what a ticket does at sign-up is in frontend/sign-up-ticket.test.ts.
import { describe, expect, it, vi } from "vitest";
import { DEMO_USER } from "../config";
import { answerOf, clerkApiError, jsonOf, serverPerFile } from "../testing/harness";

const local = serverPerFile();

type InvitationJSON = { id: string; email_address: string; status: string; revoked: boolean; url: string; expires_at: number; created_at: number };

/** The invitations as the Backend API lists them (raw JSON, which also has `expires_at`). */
async function listed(query = ""): Promise<InvitationJSON[]> {
  return jsonOf<InvitationJSON[]>(await local.clerk.bapi("GET", `/v1/invitations${query}`));
}

const DAY_MS = 24 * 3600 * 1000;

describe("creating invitations", () => {
  it("creates a pending invitation whose url is the sign-up page with its ticket, expiring in 30 days", async () => {
    const invitation = await local.backend.invitations.createInvitation({
      emailAddress: "Invitee@Example.com",
      publicMetadata: { role: "editor", nested: { level: 2 } },
      notify: false,
    });
    expect(invitation).toMatchObject({
      id: expect.stringMatching(/^inv_/),
      emailAddress: "invitee@example.com",
      publicMetadata: { role: "editor", nested: { level: 2 } },
      status: "pending",
      revoked: false,
    });
    const url = new URL(invitation.url!);
    expect(`${url.origin}${url.pathname}`).toBe(`${(await local.clerk.controls.instance()).display_config.sign_up_url}`);
    expect(url.searchParams.get("__clerk_ticket")).toMatch(/^[\w-]{40,}$/);
    const [raw] = await listed();
    expect(raw!.expires_at - raw!.created_at).toBe(30 * DAY_MS);
  });

  it("takes expires_in_days and a redirect_url (absolute, or a path on the sign-up page's origin)", async () => {
    await local.backend.invitations.createInvitation({ emailAddress: "short@example.com", expiresInDays: 2 });
    const absolute = await local.backend.invitations.createInvitation({ emailAddress: "a@example.com", redirectUrl: "https://app.example.com/accept?x=1" });
    const path = await local.backend.invitations.createInvitation({ emailAddress: "p@example.com", redirectUrl: "/welcome" });
    const short = (await listed("?query=short"))[0]!;
    expect(short.expires_at - short.created_at).toBe(2 * DAY_MS);
    expect(absolute.url).toMatch(/^https:\/\/app\.example\.com\/accept\?x=1&__clerk_ticket=/);
    const signUpOrigin = new URL((await local.clerk.controls.instance()).display_config.sign_up_url).origin;
    expect(path.url).toMatch(new RegExp(`^${signUpOrigin}/welcome\\?__clerk_ticket=`));
  });

  it("creates up to ten at once with createInvitationBulk, all or none", async () => {
    const made = await local.backend.invitations.createInvitationBulk([
      { emailAddress: "one@example.com" },
      { emailAddress: "two@example.com", publicMetadata: { team: "b" } },
    ]);
    expect(made.map((invitation) => [invitation.emailAddress, invitation.status])).toEqual([
      ["one@example.com", "pending"],
      ["two@example.com", "pending"],
    ]);
    // One address already invited refuses the whole batch, naming it.
    const duplicate = await clerkApiError(local.backend.invitations.createInvitationBulk([{ emailAddress: "three@example.com" }, { emailAddress: "two@example.com" }]));
    expect(duplicate.status).toBe(400);
    expect(duplicate.errors[0]).toMatchObject({ code: "duplicate_record", longMessage: expect.stringContaining("two@example.com") });
    const sameTwice = await clerkApiError(local.backend.invitations.createInvitationBulk([{ emailAddress: "four@example.com" }, { emailAddress: "four@example.com" }]));
    expect(sameTwice.errors[0]?.code).toBe("duplicate_record");
    expect((await listed()).map((invitation) => invitation.email_address).sort()).toEqual(["one@example.com", "two@example.com"]);

    const eleven = Array.from({ length: 11 }, (_, index) => ({ email_address: `n${index}@example.com` }));
    expect((await answerOf(await local.clerk.bapi("POST", "/v1/invitations/bulk", eleven))).status).toBe(422);
    expect((await answerOf(await local.clerk.bapi("POST", "/v1/invitations/bulk", []))).status).toBe(422);
    expect((await answerOf(await local.clerk.bapi("POST", "/v1/invitations/bulk", { email_address: "x@example.com" }))).status).toBe(400);
    expect(await listed()).toHaveLength(2);
  });

  it("refuses an address already invited or already a user's, unless ignore_existing", async () => {
    await local.backend.invitations.createInvitation({ emailAddress: "again@example.com" });
    const again = await clerkApiError(local.backend.invitations.createInvitation({ emailAddress: "again@example.com" }));
    expect(again.status).toBe(400);
    expect(again.errors[0]?.code).toBe("duplicate_record");
    const user = await clerkApiError(local.backend.invitations.createInvitation({ emailAddress: DEMO_USER.email }));
    expect(user.status).toBe(422);
    expect(user.errors[0]).toMatchObject({ code: "form_identifier_exists", meta: { paramName: "email_address" } });
    expect(await listed()).toHaveLength(1);

    await local.backend.invitations.createInvitation({ emailAddress: "again@example.com", ignoreExisting: true });
    await local.backend.invitations.createInvitation({ emailAddress: DEMO_USER.email, ignoreExisting: true });
    expect(await listed()).toHaveLength(3);
  });

  it("refuses bad input with Clerk's 422 naming the parameter, and creates nothing", async () => {
    const cases: [unknown, string, string][] = [
      [{}, "form_param_missing", "email_address"],
      [{ email_address: "not-an-address" }, "form_param_format_invalid", "email_address"],
      [{ email_address: "x@example.com", expires_in_days: 0 }, "form_param_value_invalid", "expires_in_days"],
      [{ email_address: "x@example.com", expires_in_days: 366 }, "form_param_value_invalid", "expires_in_days"],
      [{ email_address: "x@example.com", redirect_url: "javascript:alert(1)" }, "form_param_format_invalid", "redirect_url"],
      [{ email_address: "x@example.com", redirect_url: "//evil.example.com" }, "form_param_format_invalid", "redirect_url"],
      [{ email_address: "x@example.com", public_metadata: [1] }, "form_param_format_invalid", "public_metadata"],
      [{ email_address: "x@example.com", notify: "yes" }, "form_param_format_invalid", "notify"],
      [{ email_address: "x@example.com", template_slug: "other" }, "form_param_value_invalid", "template_slug"],
      [{ email_address: "x@example.com", role: "admin" }, "form_param_unknown", "role"],
    ];
    for (const [body, code, param] of cases) {
      const answer = await answerOf<{ errors: { code: string; meta: { param_name?: string } }[] }>(await local.clerk.bapi("POST", "/v1/invitations", body));
      expect([answer.status, answer.body.errors[0]?.code, answer.body.errors[0]?.meta.param_name], JSON.stringify(body)).toEqual([422, code, param]);
    }
    expect(await listed("?status=pending")).toEqual([]);
  });

  it("answers invitations_not_supported on an instance without email addresses", async () => {
    await local.clerk.controls.setInstance({
      user_settings: {
        attributes: {
          email_address: { enabled: false, required: false, used_for_first_factor: false, first_factors: [], verifications: [], verify_at_sign_up: false },
          username: { enabled: true, required: true, used_for_first_factor: true },
        },
      },
    });
    const refused = await clerkApiError(local.backend.invitations.createInvitation({ emailAddress: "x@example.com" }));
    expect(refused.status).toBe(400);
    expect(refused.errors[0]?.code).toBe("invitations_not_supported");
  });
});

describe("listing invitations", () => {
  it("lists every invitation but the revoked ones, newest first, with Clerk's filters and pagination", async () => {
    const [first, second, third] = await local.backend.invitations.createInvitationBulk([
      { emailAddress: "carol@example.com" },
      { emailAddress: "alice@example.com" },
      { emailAddress: "bob@other.org" },
    ]);
    await local.backend.invitations.revokeInvitation(second!.id);

    const all = await local.backend.invitations.getInvitationList();
    expect(all.totalCount).toBe(2);
    expect(new Set(all.data.map((invitation) => invitation.id))).toEqual(new Set([first!.id, third!.id]));
    const revoked = await local.backend.invitations.getInvitationList({ status: "revoked" });
    expect(revoked.data.map((invitation) => [invitation.id, invitation.revoked])).toEqual([[second!.id, true]]);
    expect((await local.backend.invitations.getInvitationList({ query: "OTHER.org" })).data.map((i) => i.id)).toEqual([third!.id]);
    expect((await local.backend.invitations.getInvitationList({ query: first!.id })).data.map((i) => i.id)).toEqual([first!.id]);

    const byEmail = await local.backend.invitations.getInvitationList({ orderBy: "email_address", status: "pending" });
    expect(byEmail.data.map((invitation) => invitation.emailAddress)).toEqual(["bob@other.org", "carol@example.com"]);
    const page = await local.backend.invitations.getInvitationList({ orderBy: "-email_address", limit: 1, offset: 1 });
    expect([page.totalCount, page.data.map((invitation) => invitation.emailAddress)]).toEqual([2, ["bob@other.org"]]);
    // Without paginated=true, Clerk's bare list (what the spec describes).
    expect((await listed("?order_by=+email_address")).map((invitation) => invitation.email_address)).toEqual(["bob@other.org", "carol@example.com"]);
  });

  it("reads a pending invitation past its expiry as expired", async () => {
    const invitation = await local.backend.invitations.createInvitation({ emailAddress: "late@example.com", expiresInDays: 1 });
    // Only the clock moves: the server runs in this process, so its Date.now() jumps too.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + DAY_MS + 1000);
    try {
      expect((await local.backend.invitations.getInvitationList({ status: "expired" })).data.map((i) => [i.id, i.status])).toEqual([[invitation.id, "expired"]]);
      expect((await local.backend.invitations.getInvitationList({ status: "pending" })).totalCount).toBe(0);
      // An expired address may be invited again.
      expect((await local.backend.invitations.createInvitation({ emailAddress: "late@example.com" })).status).toBe("pending");
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a malformed parameter with a 422 naming it", async () => {
    for (const [query, param] of [
      ["?status=lost", "status"],
      ["?order_by=name", "order_by"],
      ["?limit=0", "limit"],
      ["?offset=-1", "offset"],
    ]) {
      const answer = await answerOf<{ errors: { code: string; meta: { param_name?: string } }[] }>(await local.clerk.bapi("GET", `/v1/invitations${query}`));
      expect([answer.status, answer.body.errors[0]?.meta.param_name], query).toEqual([422, param]);
    }
  });
});

describe("revoking invitations", () => {
  it("revokes a pending invitation once; an accepted or unknown one is refused", async () => {
    const invitation = await local.backend.invitations.createInvitation({ emailAddress: "gone@example.com" });
    expect(await local.backend.invitations.revokeInvitation(invitation.id)).toMatchObject({ id: invitation.id, status: "revoked", revoked: true });
    const twice = await clerkApiError(local.backend.invitations.revokeInvitation(invitation.id));
    expect([twice.status, twice.errors[0]?.code]).toEqual([400, "invitation_already_revoked"]);
    const missing = await clerkApiError(local.backend.invitations.revokeInvitation("inv_missing"));
    expect([missing.status, missing.errors[0]?.code]).toEqual([404, "resource_not_found"]);
    // Revoking lets the address be invited again.
    expect((await local.backend.invitations.createInvitation({ emailAddress: "gone@example.com" })).status).toBe("pending");
  });
});

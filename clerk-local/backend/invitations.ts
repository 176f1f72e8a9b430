// Invitations through the Backend API: Clerk's rules for creating (one, or up to ten at once), listing
// and revoking them. Each operation checks everything before it writes. The ticket an invitation carries
// is redeemed at sign-up (frontend/sign-up-ticket.ts).
import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { ClerkError, formError, notFound } from "../http/errors";
import { invitationStatus, type InvitationStatus } from "../json/invitation";
import type { UserSettings } from "../settings/instance-defaults";
import type { Invitation } from "../state/records";
import type { Store } from "../state/store";
import type { CreateInvitationBody } from "./bodies";
import { orderQuery, sortItems, textParam } from "./query";

/** Clerk's default lifetime of an invitation: 30 days. */
const DEFAULT_EXPIRES_IN_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

const invitationError = (code: string, message: string) => new ClerkError({ status: 400, code, message });

/** The instance an invitation is made for: what it lets people sign up with and where its sign-up page is. */
export type InvitingInstance = { userSettings: Readonly<UserSettings>; signUpUrl: string };

/** The link an invitation email would carry: `redirect_url` (a path is taken on the sign-up page's origin) or the sign-up page, with the ticket. */
function invitationUrl(signUpUrl: string, redirectUrl: string | null | undefined, ticket: string): string {
  const url = new URL(redirectUrl ?? signUpUrl, signUpUrl);
  url.searchParams.set("__clerk_ticket", ticket);
  return url.toString();
}

/**
 * Creates every invitation of `inputs` or none: an address that already has a pending invitation (in
 * the store or earlier in `inputs`) or belongs to a user is refused unless its `ignore_existing` is set.
 */
export function createInvitations(store: Store, instance: InvitingInstance, inputs: readonly CreateInvitationBody[]): Invitation[] {
  if (!instance.userSettings.attributes.email_address.enabled) {
    throw invitationError("invitations_not_supported", "Invitations are only supported on instances that accept email addresses.");
  }
  const now = Date.now();
  const pending = new Set(store.invitations().filter((i) => invitationStatus(i, now) === "pending").map((i) => i.email_address));
  const duplicates: string[] = [];
  for (const input of inputs) {
    if (!input.ignore_existing) {
      if (store.userByEmail(input.email_address)) {
        throw formError("form_identifier_exists", "That email address is taken. Please try another.", "email_address");
      }
      if (pending.has(input.email_address)) duplicates.push(input.email_address);
    }
    pending.add(input.email_address);
  }
  if (duplicates.length) {
    throw new ClerkError({
      status: 400,
      code: "duplicate_record",
      message: "duplicate invitations",
      longMessage: `There are already pending invitations for the following email addresses: ${duplicates.join(", ")}`,
    });
  }
  return inputs.map((input) => {
    const ticket = randomBytes(32).toString("base64url");
    return store.createInvitation(
      {
        email_address: input.email_address,
        public_metadata: input.public_metadata ?? {},
        ticket,
        url: invitationUrl(instance.signUpUrl, input.redirect_url, ticket),
        expires_at: now + (input.expires_in_days ?? DEFAULT_EXPIRES_IN_DAYS) * DAY_MS,
      },
      now,
    );
  });
}

/** Only an invitation nobody has accepted or revoked yet can be revoked (an expired one still can). */
export function revokeInvitation(store: Store, id: string): Invitation {
  const invitation = store.invitation(id);
  if (!invitation) throw notFound("invitation");
  if (invitation.status === "revoked") throw invitationError("invitation_already_revoked", "Invitation is already revoked.");
  if (invitation.status === "accepted") throw invitationError("invitation_already_accepted", "Invitation is already accepted, try signing in instead.");
  return store.setInvitationStatus(id, "revoked");
}

const STATUSES: readonly InvitationStatus[] = ["pending", "accepted", "revoked", "expired"];

/** `order_by`'s keys, as the spec lists them. */
const SORT_KEYS: Record<string, (invitation: Invitation) => number | string> = {
  created_at: (i) => i.created_at,
  email_address: (i) => i.email_address,
  expires_at: (i) => i.expires_at,
};

/**
 * GET /v1/invitations: filtered by `status` (without one, every invitation but the revoked ones) and
 * `query` (part of the address or the id), in `order_by` order; every parameter is read before any
 * invitation is looked at.
 */
export function listInvitations(c: Context, store: Store): Invitation[] {
  const status = c.req.query("status") || undefined;
  if (status !== undefined && !STATUSES.includes(status as InvitationStatus)) {
    throw formError("form_param_value_invalid", `status must be one of ${STATUSES.join(", ")}`, "status");
  }
  const query = textParam(c, "query");
  const order = orderQuery(c, Object.keys(SORT_KEYS));
  const now = Date.now();
  const matching = store.invitations().filter((invitation) => {
    const current = invitationStatus(invitation, now);
    if (status ? current !== status : current === "revoked") return false;
    return !query || invitation.email_address.includes(query) || invitation.id.toLowerCase().includes(query);
  });
  return sortItems(matching, order, SORT_KEYS[order.key]!);
}
